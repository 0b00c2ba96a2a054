"""Typed values: turn the text of a cell into the ontology's datatype, or say why not.

>>> parse_value("2025-04-04", "date")
datetime.date(2025, 4, 4)
>>> parse_value("0.25", "decimal")
0.25
>>> parse_value("2025-02-30", "date")
Traceback (most recent call last):
...
ValueError: '2025-02-30' is not a real date (YYYY-MM-DD)
>>> parse_value("Lynas\u202e", "string")
Traceback (most recent call last):
...
ValueError: contains an invisible control character (U+202E): write plain text
"""

from __future__ import annotations

import math
import re
from datetime import date

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
#: Characters that change how text displays or is read (terminal escapes, other C0/C1
#: controls, bidirectional overrides and isolates): never part of a fact's text.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
#: Code points that are not characters: Unicode's noncharacters (U+FDD0-FDEF and the last
#: two of every plane, such as U+FFFF: invalid in XML, so an SVG holding one breaks) and
#: lone surrogates (from a JSON escape such as "\\ud800": not writable as UTF-8).
_NONCHARACTER = re.compile("[\ud800-\udfff\ufdd0-\ufdef"
                           + "".join(f"{chr(p + 0xFFFE)}{chr(p + 0xFFFF)}"
                                     for p in range(0, 0x110000, 0x10000)) + "]")


def claim_text_problem(claim) -> tuple[str, str] | None:
    """(field, message) for the first control character in a claim's text, else None.

    Loaders that do not go through :func:`parse_text` (news, snapshots, RDF) are held to
    the same rule by the cross-claim checks and the snapshot reader.
    """
    texts = [(claim.predicate, claim.object)] if not claim.is_relation else []
    texts += [("quote", claim.quote)] + list(claim.qualifiers)
    for field, value in texts:
        problem = _control_problem(value) if isinstance(value, str) else None
        if problem:
            return field, problem
    return None


def json_text_clean(text: str) -> bool:
    """Whether every string JSON text decodes to is free of what
    :func:`claim_text_problem` refuses: no control character, no noncharacter, and no
    escape (a backslash) that could make one. A cheap check of a whole line at once.

    >>> json_text_clean('{"label": "Lynas"}'), json_text_clean('{"label": "a\\u0007"}')
    (True, False)
    """
    if "\\" in text or _CONTROL.search(text):
        return False
    return text.isascii() or not _NONCHARACTER.search(text)


def _control_problem(text: str) -> str | None:
    found = _CONTROL.search(text)
    if found:
        return (f"contains an invisible control character (U+{ord(found.group()):04X}): "
                "write plain text")
    found = _NONCHARACTER.search(text)
    if found:
        what = "a lone surrogate" if 0xD800 <= ord(found.group()) <= 0xDFFF else "a noncharacter"
        return f"contains {what} (U+{ord(found.group()):04X}), not text: write plain text"
    return None


def parse_text(text: str) -> str:
    """Text without control characters: a label, a quote, a title.

    A terminal escape or a right-to-left override in a label would let the data rewrite
    what a report shows, so they are refused rather than silently dropped.
    """
    problem = _control_problem(text)
    if problem:
        raise ValueError(problem)
    return text


def parse_date(text: str) -> date:
    """An ISO date ``YYYY-MM-DD`` that exists on the calendar."""
    if not _DATE.fullmatch(text):
        raise ValueError(f"{text!r} is not a date (YYYY-MM-DD)")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a real date (YYYY-MM-DD)") from None


#: A number as the data files write it: ASCII digits, a point, an exponent. Python's
#: float() and int() also read ``2_5`` (25) and digits of other scripts (``٠.٦``).
_DECIMAL = re.compile(r"\s*[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\s*")
_INTEGER = re.compile(r"\s*[+-]?[0-9]+\s*")


#: A comma between digits that separates thousands: three digits follow it, then no digit.
_THOUSANDS = re.compile(r"(?<=[0-9]),(?=[0-9]{3}(?![0-9]))")


def notation_problem(text: str) -> str | None:
    """Why a figure of a published table (trade, USGS) is in no notation read safely, or
    None: a comma that separates no thousands (``1,5`` is a decimal comma, ``2,5,0``
    nothing), an underscore (``25_000``) or a character outside ASCII (other scripts'
    digits): Python's ``float`` would read ``1,5`` with its comma dropped as 15.

    >>> notation_problem("1,900,000"), notation_problem("12000.25")
    (None, None)
    >>> notation_problem("1,5")
    "'1,5' is not a number: a comma that separates no thousands (a decimal comma? write 1.5)"
    """
    if text.count(",") != len(_THOUSANDS.findall(text)):
        return (f"{text!r} is not a number: a comma that separates no thousands (a decimal "
                "comma? write 1.5)")
    if "_" in text or not text.isascii():
        return f"{text!r} is not a number (write ASCII digits and a point, e.g. 1500.5)"
    return None


def parse_decimal(text: str) -> float:
    """A finite decimal number; thousands separators are refused (write 45000), and so
    is any notation but ASCII digits, a point and an exponent.

    >>> parse_decimal("2.5e3"), parse_decimal(" .5 ")
    (2500.0, 0.5)
    >>> parse_decimal("2_5")
    Traceback (most recent call last):
    ValueError: '2_5' is not a number (write digits, a point, e.g. 0.25 or 45000)
    """
    if not _DECIMAL.fullmatch(text):
        if text.strip().lower().lstrip("+-") in ("inf", "infinity", "nan"):
            raise ValueError(f"{text!r} is not a finite number")
        raise ValueError(f"{text!r} is not a number (write digits, a point, e.g. 0.25 or "
                         "45000)" if "_" in text or not text.isascii() else
                         f"{text!r} is not a number")
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(f"{text!r} is not a finite number")
    if number == 0 and re.search(r"[1-9]", text.lower().partition("e")[0]):
        raise ValueError(f"{text!r} is too small to be told from 0")
    return number


def parse_integer(text: str) -> int:
    """A whole number, in ASCII digits."""
    if not _INTEGER.fullmatch(text):
        raise ValueError(f"{text!r} is not a whole number")
    return int(text)


def parse_uri(text: str) -> str:
    """An http(s) URL."""
    if not re.match(r"https?://\S+$", text):
        raise ValueError(f"{text!r} is not an http(s) URL")
    return text


def parse_boolean(text: str) -> bool:
    """true/false."""
    lowered = text.lower()
    if lowered not in ("true", "false"):
        raise ValueError(f"{text!r} is not true or false")
    return lowered == "true"


_PARSERS = {"string": parse_text, "integer": parse_integer, "decimal": parse_decimal,
            "date": parse_date, "uri": parse_uri, "boolean": parse_boolean}


def parse_value(text: str, datatype: str):
    """The value of ``text`` as the ontology datatype name ``datatype``."""
    return _PARSERS[datatype](text)
