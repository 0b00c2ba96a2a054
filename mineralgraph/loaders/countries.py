"""Country names and codes of the outside sources, mapped to ISO 3166-1 alpha-2.

USGS tables write ``Burma``, ``Congo (Kinshasa)`` or ``Korea, Republic of``; UN Comtrade
writes alpha-3 codes and its own numeric codes (842 for the United States); CEPII BACI
uses the same numeric codes. :func:`country_code` turns any of them into the slug of a
``country:`` id, through pycountry's ISO 3166 table and the aliases below.

>>> country_code("Burma"), country_code("Congo (Kinshasa)"), country_code("Korea, Republic of")
('MM', 'CD', 'KR')
>>> country_code("United States 4"), country_code("CHN"), country_code("842")
('US', 'CN', 'US')
>>> country_code("Atlantis") is None
True
>>> is_aggregate("World total (rounded)"), is_aggregate("Other countries")
(True, True)
"""

from __future__ import annotations

import re
import unicodedata

import pycountry

#: Names used by USGS, UN Comtrade and news that ISO 3166 spells otherwise.
ALIASES = {
    "burma": "MM", "myanmar": "MM", "congo (kinshasa)": "CD", "congo kinshasa": "CD",
    "democratic republic of the congo": "CD", "dem. rep. of the congo": "CD", "drc": "CD",
    "congo (brazzaville)": "CG", "congo": "CG", "congo, d.r.": "CD", "congo, dem. rep.": "CD",
    "congo, rep.": "CG", "bosnia-herzegovina": "BA", "korea, republic of": "KR",
    "korea, south": "KR", "south korea": "KR", "rep. of korea": "KR", "korea": "KR",
    "korea, north": "KP", "north korea": "KP", "laos": "LA", "russia": "RU",
    "vietnam": "VN", "viet nam": "VN", "iran": "IR", "syria": "SY", "turkey": "TR",
    "turkiye": "TR", "bolivia": "BO", "tanzania": "TZ", "venezuela": "VE", "taiwan": "TW",
    "other asia, nes": "TW", "czechia": "CZ", "czech republic": "CZ", "macedonia": "MK",
    "north macedonia": "MK", "cote d'ivoire": "CI", "ivory coast": "CI", "moldova": "MD",
    "united states": "US", "united states of america": "US", "usa": "US", "u.s.": "US",
    "us": "US", "the united states": "US", "united kingdom": "GB", "uk": "GB",
    "britain": "GB", "great britain": "GB", "kosovo": "XK", "brunei": "BN",
    "swaziland": "SZ", "eswatini": "SZ", "cabo verde": "CV", "cape verde": "CV",
    "micronesia": "FM", "palestine": "PS", "state of palestine": "PS",
    "china, hong kong sar": "HK", "hong kong": "HK", "china, macao sar": "MO",
    "netherlands": "NL", "the netherlands": "NL", "uae": "AE",
    "united arab emirates": "AE", "saudi arabia": "SA", "european union": None,
}

#: Numeric codes of UN Comtrade and CEPII BACI that are not the ISO 3166 numeric code.
NUMERIC_OVERRIDES = {"842": "US", "251": "FR", "579": "NO", "699": "IN", "757": "CH",
                     "490": "TW", "158": "TW", "381": "IT", "711": "ZA", "58": "BE"}

#: Rows that are not one country: world totals, the rest of the world, regions.
_AGGREGATE = re.compile(r"^(world|other countries|other|rest of (the )?world|total|areas, nes"
                        r"|world total.*|others?|other .*countries.*|w00|_x|x\d\d)$", re.I)

_FOOTNOTE = re.compile(r"(?<=[A-Za-z).])\s*\d{1,2}(,\s*\d{1,2})*$")


def clean_name(name: str) -> str:
    """A country name without stray spaces, footnote digits, accents or curly quotes.

    >>> clean_name("  Côte d’Ivoire12 ")
    "Cote d'Ivoire"
    """
    text = unicodedata.normalize("NFKD", name.replace("\u2019", "'").replace("\u2018", "'"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"\s+", " ", text).strip().rstrip("*").strip()
    return _FOOTNOTE.sub("", text).strip()


def is_aggregate(name: str) -> bool:
    """True for a world total, "Other countries" and similar rows that are not one country."""
    return bool(_AGGREGATE.match(clean_name(name)))


def is_world(name: str) -> bool:
    """True for a world-total row (``World total (rounded)``, ``World``, ``W00``)."""
    return clean_name(name).lower().startswith(("world", "w00"))


def country_code(name: str) -> str | None:
    """The ISO 3166-1 alpha-2 code of a country name, alpha-3 or numeric code; or None."""
    text = clean_name(str(name))
    if not text:
        return None
    if text.isdigit():
        code = NUMERIC_OVERRIDES.get(text.lstrip("0") or "0")
        if code:
            return code
        country = pycountry.countries.get(numeric=text.zfill(3))
        return country.alpha_2 if country else None
    key = text.lower()
    if key in ALIASES:
        return ALIASES[key]
    if len(text) in (2, 3) and text.isupper():
        country = pycountry.countries.get(**{f"alpha_{len(text)}": text})
        return country.alpha_2 if country else None
    try:
        return pycountry.countries.lookup(text).alpha_2
    except LookupError:
        return None


def country_label(code: str) -> str:
    """The common English name of an alpha-2 code (``KR`` gives ``South Korea``).

    >>> country_label("MM"), country_label("TW")
    ('Myanmar', 'Taiwan')
    """
    common = {"KR": "South Korea", "KP": "North Korea", "CD": "DR Congo", "CG": "Congo",
              "RU": "Russia", "TW": "Taiwan", "VN": "Vietnam", "LA": "Laos", "IR": "Iran",
              "SY": "Syria", "BO": "Bolivia", "TZ": "Tanzania", "VE": "Venezuela",
              "MD": "Moldova", "XK": "Kosovo", "XX": "Rest of world (countries not named)",
              "GB": "United Kingdom",
              "US": "United States", "TR": "Turkey", "CZ": "Czechia"}
    if code in common:
        return common[code]
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name
