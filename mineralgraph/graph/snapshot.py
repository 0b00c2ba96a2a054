"""Snapshots: the claims of a graph in one JSON file, written atomically.

A snapshot lists every claim, sorted, one per line, so two snapshots diff cleanly and a
graph saved and loaded again is equal to the original.

>>> import tempfile, pathlib
>>> from mineralgraph.claim import Claim, plain_claim
>>> claims = [Claim("element:Dy", "symbol", "Dy", sources=("source:s",))]
>>> path = pathlib.Path(tempfile.mkdtemp()) / "g.json"
>>> save_snapshot(claims, path)
>>> load_snapshot(path) == claims
True
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from pathlib import Path

from mineralgraph.claim import Claim, plain_claim
from mineralgraph.exceptions import InputError, MineralGraphError
from mineralgraph.files import portable_origin, refuse_endless, write_atomically
from mineralgraph.memory import gc_paused
from mineralgraph.values import claim_text_problem, json_text_clean

FORMAT = "mineralgraph-snapshot"
VERSION = 1

#: JSON types a value of each ontology datatype may have in a snapshot.
_TYPES = {"decimal": (int, float), "integer": (int,), "boolean": (bool,), "string": (str,),
          "uri": (str,), "date": (str,)}
_TYPE_NAMES = {"decimal": "a number", "integer": "a whole number", "boolean": "true/false",
               "string": "text", "uri": "text", "date": "a date"}


def snapshot_text(claims: Iterable[Claim]) -> str:
    """The JSON text of a snapshot: a header, then one claim per line in a stable order."""
    ordered = sorted({c.id: c for c in claims}.values(),
                     key=lambda c: (c.subject, c.predicate, c.id))
    try:  # NaN would be written as a bare NaN, which JSON readers refuse
        lines = [json.dumps(_portable(c.to_dict()), sort_keys=True, ensure_ascii=False,
                            allow_nan=False) for c in ordered]
    except ValueError:
        bad = next(c for c in ordered if not _all_finite(c))
        raise MineralGraphError(f"{bad.origin or bad.subject}: {bad.subject} "
                                f"{bad.predicate}: a number that is not finite cannot be "
                                "saved") from None
    body = ",\n".join(lines)
    return (f'{{"format": "{FORMAT}", "version": {VERSION}, "claims": [\n'
            f"{body}\n]}}\n")


def _portable(data: dict) -> dict:
    """A claim's dict with its origin package-relative (:func:`portable_origin`): the same
    data built in two installs gives the same bytes, and a shared snapshot names no local
    site-packages folder."""
    if "origin" in data:
        data["origin"] = portable_origin(data["origin"])
    return data


def _all_finite(claim: Claim) -> bool:
    values = [claim.object] + [v for _, v in claim.qualifiers]
    return all(math.isfinite(v) for v in values if isinstance(v, float))


def save_snapshot(claims: Iterable[Claim], path: str | Path) -> None:
    """Save claims as a snapshot file at ``path`` (atomically)."""
    write_atomically(path, snapshot_text(claims))


def _device_refused(path: Path) -> Path:
    """``path``, unless it is a directory, a device or a socket (``/dev/zero`` would be
    read forever): :func:`mineralgraph.files.refuse_endless` decides, for every input."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return path  # reading it says what is wrong
    refuse_endless(path, mode, "snapshot file")
    return path


@gc_paused()
def load_snapshot(path: str | Path) -> list[Claim]:
    """The claims of a snapshot file, in file order; InputError names what is wrong.

    Refused with the line at fault: text that is not UTF-8 or JSON, ``NaN`` or an
    infinite number, nesting deeper than a claim has, a lone surrogate, and a claim
    whose fields are not of the types :meth:`Claim.to_dict` writes.

    A file laid out as :func:`snapshot_text` writes it (one claim a line) is read line by
    line, so the text and its JSON are never held whole, and the ids, predicates and
    sources that many claims repeat are held once. Any other layout, or any fault, is
    read (and refused) as one JSON document.
    """
    path = _device_refused(Path(path))
    try:
        found = _stream(path)
    except (OSError, ValueError, RecursionError, MemoryError):
        found = None
    if found is not None:
        return found
    return _load_whole(path)


def load_graph_snapshot(path: str | Path) -> list[Claim]:
    """The claims of a snapshot an analysis is to run on (``--graph FILE``,
    :func:`mineralgraph.load`): :func:`load_snapshot`, then each claim's values checked
    (:func:`value_problem`), so a hand-edited figure is refused, not analysed.

    Raises
    ------
    InputError
        At the first claim with a value no loader writes: the file, the claim's line
        (one claim a line, as ``build`` writes it) and the field.
    """
    claims = load_snapshot(path)
    ids: set = set()
    good: set = set()  # the reader holds repeated sources and qualifiers once: checked once
    for index, claim in enumerate(claims):
        problem = value_problem(claim, ids, good)
        if problem:
            raise InputError(str(path), index + 2, *problem)
    return claims


_HEADER = f'{{"format": "{FORMAT}", "version": {VERSION}, "claims": [\n'


def _stream(path: Path) -> list[Claim] | None:
    """The claims of a snapshot in the layout :func:`snapshot_text` writes, one line at a
    time; None at the first thing that is not that layout or not a valid claim (the
    caller then reads the file whole, which names the fault)."""
    scan = _DECODER.scan_once
    pool: dict = {}
    claims = []
    with open(path, encoding="utf-8", newline="") as handle:
        if handle.readline() != _HEADER:
            return None
        for line in handle:
            if line.endswith(",\n"):
                text = line[:-2]
            elif line == "]}\n":
                return claims if handle.read() == "" else None
            elif line.endswith("\n"):
                text = line[:-1]
            else:
                return None
            try:
                item, end = scan(text, 0)
            except StopIteration:
                return None
            # text with no escape and no control character or noncharacter anywhere
            # needs no check field by field (a lone surrogate comes from an escape only)
            clean = json_text_clean(text)
            if end != len(text):
                return None
            claim = _plain_claim(item, pool) if clean else None
            if claim is None:
                if _shape_problem(item, encodable=clean):
                    return None
                claim = Claim.from_dict(item)
                if not clean and claim_text_problem(claim):
                    return None
            claims.append(claim)
    return None


#: The fields of a claim that :func:`_plain_claim` builds directly.
_PLAIN_FIELDS = frozenset({"subject", "predicate", "object", "qualifiers", "sources"})
_SCALAR_TYPES = (str, int, float, bool)


def _plain_claim(item, pool: dict) -> Claim | None:
    """The claim of a snapshot line with no provenance beyond its sources (no quote,
    confidence, dates or origin), its repeated text held once in ``pool``; None
    when the line is anything else (the caller then checks it field by field). The
    usual shapes (one source, one qualifier) are read without a generator each: this
    is most of the time of loading a large snapshot."""
    if type(item) is not dict or not item.keys() <= _PLAIN_FIELDS:
        return None
    share, pooled = pool.setdefault, pool.get
    get = item.get
    subject, predicate, obj = get("subject"), get("predicate"), get("object")
    if (type(subject) is not str or type(predicate) is not str
            or type(obj) not in _SCALAR_TYPES):
        return None
    sources = get("sources", _NO_SOURCES)
    if type(sources) is not list:
        return None
    if len(sources) == 1:
        # a tuple of one text (nothing else pooled is one) is held once
        if type(sources[0]) is not str:
            return None
        key = (sources[0],)
        found = pooled(key)
        if found is None:
            found = share(key, (share(key[0], key[0]),))
        sources = found
    else:
        if not all(type(x) is str for x in sources):
            return None
        sources = tuple(share(x, x) for x in sources)
        sources = share(sources, sources)
    qualifiers = get("qualifiers")
    if qualifiers is None:
        qualifiers = ()
    elif type(qualifiers) is not dict:
        return None
    elif len(qualifiers) == 1:
        # held once too (a million nodes have some 1.7 million share qualifiers, of
        # some 10,000 values), keyed with the values' types (1, 1.0 and True are equal
        # keys); a float zero is left alone (0.0 and -0.0 are equal keys)
        [(name, value)] = qualifiers.items()
        kind = type(value)
        if kind not in _SCALAR_TYPES:
            return None
        if value or kind is not float:
            key = (name, value, kind)
            qualifiers = pooled(key)
            if qualifiers is None:
                qualifiers = share(key, ((share(name, name), value),))
        else:
            qualifiers = ((share(name, name), value),)
    elif all(type(v) in _SCALAR_TYPES for v in qualifiers.values()):
        qualifiers = tuple(sorted((share(k, k), v) for k, v in qualifiers.items()))
        if all(v or type(v) is not float for _, v in qualifiers):
            qualifiers = share((qualifiers, tuple(type(v) for _, v in qualifiers)),
                               qualifiers)
    else:
        return None
    if type(obj) is str and predicate.isupper():
        obj = share(obj, obj)
    return plain_claim(share(subject, subject), share(predicate, predicate), obj,
                       qualifiers, sources)


#: A line without sources (refused later by value_problem, read as the dataclass would)
_NO_SOURCES: list = []


def _load_whole(path: Path) -> list[Claim]:
    """:func:`load_snapshot` for any layout: the file parsed as one JSON document."""
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8")  # load_snapshot refused devices
        data = json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float)
    except FileNotFoundError:
        raise InputError(shown, None, None, "no such file") from None
    except IsADirectoryError:
        raise InputError(shown, None, None, "is a directory, not a snapshot file") from None
    except UnicodeDecodeError as exc:
        raise InputError(shown, None, None, f"not UTF-8 ({exc.reason})") from None
    except json.JSONDecodeError as exc:
        raise InputError(shown, exc.lineno, None, f"not JSON: {exc.msg}") from None
    except _NotFiniteError as exc:
        raise InputError(shown, _line_of(text, exc.token), None,
                         f"{exc.token} is not a finite number") from None
    except RecursionError:
        raise InputError(shown, None, None, "nested too deeply to be a snapshot") from None
    except MemoryError:
        raise InputError(shown, None, None, "too large to load (out of memory)") from None
    except (OSError, ValueError) as exc:
        raise InputError(shown, None, None, f"cannot read ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(shown, None, "format", f"not a {FORMAT} file")
    version = data.get("version")
    if type(version) is int and version > VERSION:  # noqa: E721 - true is no version
        raise InputError(shown, None, "version", (
            f"version {version}: written by a newer mineralgraph, this one reads version "
            f"{VERSION} (upgrade mineralgraph, or build the snapshot with this one)"))
    if type(version) is not int or version != VERSION:  # noqa: E721
        raise InputError(shown, None, "version", f"version {version!r} is not {VERSION}")
    items = data.get("claims", [])
    if not isinstance(items, list):
        raise InputError(shown, 1, "claims", f"is {_json_kind(items)}, not a list of claims")
    claims = []
    for index, item in enumerate(items):
        line = index + 2
        problem = _shape_problem(item)
        if problem:
            raise InputError(shown, line, problem[0], f"claim {index + 1}: {problem[1]}")
        try:
            claim = Claim.from_dict(item)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise InputError(shown, line, "claims",
                             f"claim {index + 1} is malformed ({exc})") from None
        problem = claim_text_problem(claim)
        if problem:
            raise InputError(shown, line, *problem)
        claims.append(claim)
    return claims


def value_problem(claim: Claim, ids: set | None = None,
                  good: set | None = None) -> tuple[str, str] | None:
    """(field, message) when a claim holds a value no loader writes, else None.

    A snapshot is read as ``build`` wrote it, so the analysis trusts its figures; one
    edited by hand or by another program could hold a share of 7 or of -0.5, a figure
    as text, a number too large for a float, a fact without a source, a confidence the
    filters do not know or a predicate of no ontology. Each claim is checked alone
    (checks across claims, such as dangling ids and sums, are ``validate``'s). ``ids``
    holds the ids already found good, to check each once; ``good`` the ``id()`` of the
    sources and qualifier tuples found good (the snapshot reader holds each repeated one
    once; the claims must stay alive while it is used).

    >>> value_problem(Claim("country:CN", "PRODUCES", "material:x", (("share", 7),),
    ...                     sources=("source:s",)))
    ('share', '7 is above 1: impossible for share')
    >>> value_problem(Claim("element:Dy", "label", "Dy", sources=("source:s",)))
    """
    rules = _RULES or _rules()
    sources = claim.sources
    if not sources:
        return "sources", "a fact needs at least one source"
    if good is None or id(sources) not in good:
        for source in sources:  # a citation of "s", "o", "u"... is none
            if type(source) is not str or not source.startswith("source:"):
                return "sources", f"{source!r} is not a source id (source:...)"
        if good is not None:
            good.add(id(sources))
    subject = claim.subject
    if ids is None or subject not in ids:
        if not _is_id(subject, rules[1]):
            return "subject", f"{subject!r} has no known kind (kind:slug)"
        if ids is not None:
            ids.add(subject)
    predicate = claim.predicate
    rule = rules[0].get(predicate)
    if rule is None:
        if predicate not in rules[2]:
            return "predicate", (f"{predicate!r} is neither a relation nor an attribute of "
                                 "the ontology")
        target = claim.object
        if ids is None or target not in ids:
            if type(target) is not str or not _is_id(target, rules[1]):
                return "object", f"{target!r} is not a node id (kind:slug) for {predicate}"
            if ids is not None:
                ids.add(target)
    elif (problem := _value_problem(predicate, claim.object, rule)) is not None:
        return problem
    if claim.confidence is not None and claim.confidence not in ("high", "medium", "low"):
        return "confidence", f"{claim.confidence!r} is not one of high, medium, low"
    qualifiers = claim.qualifiers
    if qualifiers and (good is None or id(qualifiers) not in good):
        for name, value in qualifiers:
            rule = rules[0].get(name)
            if rule is not None and (problem := _value_problem(name, value, rule)) is not None:
                return problem
        if good is not None:
            good.add(id(qualifiers))
    return None


def _is_id(text: str, prefixes: frozenset) -> bool:
    prefix, sep, slug = text.partition(":")
    return bool(sep and slug) and prefix in prefixes


#: (rules by attribute name, id prefixes, relation names), made on first use.
_RULES: tuple = ()


def _rules() -> tuple:
    global _RULES
    from mineralgraph.ontology import model

    by_name = {name: (a.datatype, _TYPES[a.datatype], a.minimum, a.maximum,
                      a.allowed if a.qualifier else (), a.label)
               for name, a in model.attributes.items()}
    _RULES = (by_name, frozenset(model.by_prefix), frozenset(model.relations))
    return _RULES


def _value_problem(name: str, value, rule) -> tuple[str, str] | None:
    kind, types, low, high, allowed, label = rule
    if kind == "string":
        if type(value) is not str:
            return name, f"{value!r} is not text"
        if allowed and value not in allowed:
            return name, f"{value!r} is not one of {', '.join(allowed)}"
        return None
    if kind == "date" and not isinstance(value, str):
        return None  # a date object, as Claim.from_dict makes it
    if kind == "uri" and type(value) is str:
        from mineralgraph.values import parse_uri

        try:  # as a curated row is held to: no javascript:, file: or plain text
            parse_uri(value)
        except ValueError as exc:
            return name, str(exc)
    if (type(value) is bool) is not (kind == "boolean") or not isinstance(value, types):
        return name, f"{value!r} is not {_TYPE_NAMES[kind]}"
    if kind in ("decimal", "integer"):
        if not -1e300 < value < 1e300:  # JSON has no inf, but 1e300 or a 400-digit int
            if isinstance(value, float):
                return name, f"{value:g} is beyond any figure"
            return name, (f"a whole number of about {int(value.bit_length() * 0.30103)} "
                          "digits is beyond any figure")
        if low is not None and value < low:
            return name, f"{value:g} is below {low:g}: impossible for {label}"
        if high is not None and value > high:
            return name, f"{value:g} is above {high:g}: impossible for {label}"
    return None


class _NotFiniteError(ValueError):
    def __init__(self, token: str):
        super().__init__(token)
        self.token = token


def _refuse_constant(token: str):
    raise _NotFiniteError(token)


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _NotFiniteError(text)
    return value


_DECODER = json.JSONDecoder(parse_constant=_refuse_constant, parse_float=_finite_float)


def _line_of(text: str, token: str) -> int | None:
    """The first line where ``token`` stands as a JSON value (one claim a line)."""
    for number, line in enumerate(text.splitlines(), 1):
        if token not in line:
            continue
        try:
            json.loads(line.strip().rstrip(","), parse_constant=_refuse_constant,
                       parse_float=_finite_float)
        except _NotFiniteError:
            return number
        except ValueError:
            continue
    return None


_SCALAR = (str, int, float, bool)


def _json_kind(value) -> str:
    names = {dict: "an object", list: "a list", str: "text", bool: "true/false",
             type(None): "null"}
    return names.get(type(value), "a number")


#: Every key :meth:`Claim.to_dict` writes; a claim with another is refused, not read
#: without it.
_CLAIM_KEYS = frozenset({"subject", "predicate", "object", "object_type", "qualifiers",
                         "sources", "quote", "confidence", "valid_from", "valid_to",
                         "origin"})


def _shape_problem(item, encodable: bool = False) -> tuple[str, str] | None:
    """(field, message) when a claim's JSON does not have the types a snapshot writes
    (``encodable``: the text is known to hold no lone surrogate)."""
    if not isinstance(item, dict):
        return "claims", f"is {_json_kind(item)}, not an object"
    if not item.keys() <= _CLAIM_KEYS:  # a newer version's key would be dropped unread
        key = next(k for k in item if k not in _CLAIM_KEYS)
        return key, (f"unknown key {key!r} (not written by this mineralgraph; a newer one "
                     "may give it a meaning this one would drop)")
    if item.get("object_type", "date") != "date":
        return "object_type", f"{item['object_type']!r} is not an object type (date)"
    for name in ("subject", "predicate"):
        if not isinstance(item.get(name), str):
            return name, f"is {_json_kind(item.get(name))}, not text"
    if not isinstance(item.get("object"), _SCALAR):
        return "object", f"is {_json_kind(item.get('object'))}, not text, a number or true/false"
    qualifiers = item.get("qualifiers", {})
    if not isinstance(qualifiers, dict):
        return "qualifiers", f"is {_json_kind(qualifiers)}, not an object"
    for name, value in qualifiers.items():
        if not isinstance(value, _SCALAR):
            return name, f"is {_json_kind(value)}, not text, a number or true/false"
    sources = item.get("sources", [])
    if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
        return "sources", "is not a list of source ids"
    for name in ("quote", "confidence", "valid_from", "valid_to", "origin", "object_type"):
        if item.get(name) is not None and not isinstance(item[name], str):
            return name, f"is {_json_kind(item[name])}, not text"
    if encodable:
        return None
    try:
        json.dumps(item, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as exc:
        return "claims", (f"holds a lone surrogate (U+{ord(exc.object[exc.start]):04X}), "
                          "not text")
    return None
