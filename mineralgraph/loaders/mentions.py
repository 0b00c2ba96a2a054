"""Names in text resolved to graph ids: labels and aliases of the known graph, then a few
built-in names (governments, nationality adjectives, chemical elements).

A :class:`Gazetteer` finds every known name in a sentence, longest first, so
"Lockheed Martin" wins over "Lockheed" and "Beijing Zhong Ke San Huan" over "Beijing".
Capitalised names it cannot resolve are returned too, so a loader can report them. A
near miss of a known company, facility, material or product name ("Vacuumschmeltze",
"Lynas Rare Earth Ltd") resolves through rapidfuzz when it is close enough (a ratio of at
least 90, same first letter, at most three characters longer or shorter); weaker matches
are rejected and stay unresolved.

>>> from mineralgraph.claim import Claim
>>> from mineralgraph.graph.supply_graph import SupplyGraph
>>> g = SupplyGraph([Claim("company:lockheed-martin", "label", "Lockheed Martin"),
...                  Claim("company:lockheed-martin", "alias", "Lockheed")])
>>> gaz = Gazetteer(g)
>>> [(m.text, m.id) for m in gaz.mentions("Beijing approved licences for Lockheed.")]
[('Beijing', 'country:CN'), ('Lockheed', 'company:lockheed-martin')]
>>> [m.text for m in gaz.unknown_names("Dexter Magnetic Technologies got 5 of 180 licences.")]
['Dexter Magnetic Technologies']
>>> [(m.text, m.id) for m in gaz.near_misses("Shares of Lokheed Martin fell.")]
[('Lokheed Martin', 'company:lockheed-martin')]
>>> gaz.near_misses("Lockwood Marine said so.")
[]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from mineralgraph.loaders.countries import country_code
from mineralgraph.ontology import model

#: Names of governments and their agencies, and nationality adjectives -> country code.
GOVERNMENTS = {
    "beijing": "CN", "mofcom": "CN", "ministry of commerce": "CN", "commerce ministry": "CN",
    "china's commerce ministry": "CN", "chinese government": "CN", "general administration of "
    "customs": "CN", "state council": "CN", "chinese": "CN", "china": "CN",
    "washington": "US", "white house": "US", "u.s.": "US", "us": "US", "american": "US",
    "united states": "US", "the united states": "US", "pentagon": "US",
    "department of defense": "US", "tokyo": "JP", "japanese": "JP", "japan": "JP",
    "german": "DE", "germany": "DE", "berlin": "DE", "south korean": "KR", "korean": "KR",
    "seoul": "KR", "australian": "AU", "canberra": "AU", "malaysian": "MY",
    "indian": "IN", "new delhi": "IN", "french": "FR", "paris": "FR", "dutch": "NL",
    "british": "GB", "london": "GB", "canadian": "CA", "ottawa": "CA", "taiwanese": "TW",
    "vietnamese": "VN", "hanoi": "VN", "myanmar": "MM", "burmese": "MM",
}

#: News names of countries ISO 3166 spells otherwise, and capitals and demonyms used for
#: their governments. In news "Congo" is the Democratic Republic (Reuters style, after
#: "Democratic Republic of Congo"); the other Congo is named "Congo Republic" or
#: "Republic of the Congo".
NEWS_COUNTRIES = {
    "democratic republic of the congo": "CD", "democratic republic of congo": "CD",
    "dr congo": "CD", "drc": "CD", "congo": "CD", "congo-kinshasa": "CD", "kinshasa": "CD",
    "congolese": "CD", "congo republic": "CG", "republic of the congo": "CG",
    "republic of congo": "CG", "congo-brazzaville": "CG", "harare": "ZW", "zimbabwean": "ZW",
    "jakarta": "ID", "indonesian": "ID", "pretoria": "ZA", "south african": "ZA",
    "moscow": "RU", "russian": "RU", "chilean": "CL", "brazilian": "BR", "mexican": "MX",
    "naypyidaw": "MM", "philippine": "PH", "filipino": "PH", "manila": "PH",
    "kuala lumpur": "MY", "south korea": "KR", "north korea": "KP", "russia": "RU",
    "vietnam": "VN", "taiwan": "TW", "laos": "LA", "iran": "IR", "bolivia": "BO",
    "tanzania": "TZ", "venezuela": "VE", "britain": "GB", "united kingdom": "GB",
    "the netherlands": "NL", "ivory coast": "CI",
}
#: Country names that are also common words, people's or US states' names: never a country.
NOT_COUNTRIES = {"georgia", "jordan", "jersey", "chad", "guernsey", "turkey", "niger",
                 "dominica", "china"}


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Lower-case country names (ISO 3166 names, common and official names without a
    comma, :data:`NEWS_COUNTRIES`) -> alpha-2 code.

    >>> names = country_names()
    >>> names["zimbabwe"], names["democratic republic of the congo"], names["indonesia"]
    ('ZW', 'CD', 'ID')
    >>> "georgia" in names
    False
    """
    import pycountry

    out = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            name = getattr(country, attr, None)
            if name and "," not in name and "(" not in name:
                out.setdefault(name.lower(), country.alpha_2)
    out.update(NEWS_COUNTRIES)
    return {k: v for k, v in out.items() if k not in NOT_COUNTRIES}


#: Element names -> symbols (the elements of the chains; graphite counts as carbon).
ELEMENTS = {
    "scandium": "Sc", "yttrium": "Y", "lanthanum": "La", "cerium": "Ce",
    "praseodymium": "Pr", "neodymium": "Nd", "promethium": "Pm", "samarium": "Sm",
    "europium": "Eu", "gadolinium": "Gd", "terbium": "Tb", "dysprosium": "Dy",
    "holmium": "Ho", "erbium": "Er", "thulium": "Tm", "ytterbium": "Yb", "lutetium": "Lu",
    "gallium": "Ga", "germanium": "Ge", "antimony": "Sb", "tungsten": "W", "cobalt": "Co",
    "lithium": "Li", "nickel": "Ni", "niobium": "Nb", "titanium": "Ti", "tellurium": "Te",
    "bismuth": "Bi", "molybdenum": "Mo", "indium": "In", "graphite": "C",
    # critical minerals of the bundled graph that round 10 named (manganese, beryllium,
    # tantalum) and their neighbours in export bans and trade news
    "manganese": "Mn", "beryllium": "Be", "tantalum": "Ta", "tin": "Sn", "vanadium": "V",
    "chromium": "Cr", "zirconium": "Zr", "hafnium": "Hf", "magnesium": "Mg",
    "platinum": "Pt", "palladium": "Pd",
    # further minerals of export controls and bans, so a new control is named by its item
    # ("control:ru-2024-11-uranium"); not "lead", "gold" or "silver" (common words, prices)
    "uranium": "U", "copper": "Cu", "zinc": "Zn", "aluminium": "Al", "aluminum": "Al",
    "silicon": "Si", "rhenium": "Re", "arsenic": "As", "caesium": "Cs", "cesium": "Cs",
    "rubidium": "Rb", "iridium": "Ir", "rhodium": "Rh", "ruthenium": "Ru",
}

#: Capitalised words that are not names of anything a claim is about.
STOPWORDS = {
    "the", "a", "an", "it", "its", "in", "on", "at", "by", "for", "from", "to", "of", "and",
    "but", "as", "after", "before", "since", "under", "with", "while", "when", "this",
    "that", "these", "those", "he", "she", "they", "we", "i", "his", "her", "their", "yes",
    "reuters", "bloomberg", "associated press", "ap", "xinhua", "afp", "kyodo", "nikkei",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "announcement", "no", "ministry", "spokesperson",
    "spokesman", "spokeswoman", "officials", "official", "analysts", "separately",
    "meanwhile", "however", "also", "earlier", "last", "next", "according", "shares",
    "rare", "earth", "earths", "export", "exports", "controls", "licence", "license",
    "licences", "licenses", "company", "companies", "government", "customs", "data",
    "people", "industry", "sources", "source", "statement", "group", "inc", "corp", "ltd",
    "co", "president", "minister", "secretary", "chief", "executive", "ceo", "chairman",
    "trade", "talks", "truce", "commerce", "department", "office", "mr", "ms", "dr", "new",
    "some", "many", "most", "all", "both", "other", "more", "one", "two", "three", "five",
    "seven", "ten", "there", "here", "what", "which", "who", "if", "once", "yet", "so",
    "please", "read", "updates", "update", "reporting", "editing", "writing",
    "additional", "dual-use", "phase", "q1", "q2", "q3", "q4", "union", "facility", "plant",
    "mine", "refinery",
}

#: Kinds whose names may be matched approximately (a near miss of a name).
FUZZY_KINDS = ("Company", "Facility", "Material", "Product")
#: The least rapidfuzz ratio (0-100) at which a near miss is taken for a known name.
FUZZY_CUTOFF = 90

#: Titles before a person's name, cut off it.
TITLE = re.compile(r"Minister|Secretary|Chairman|Chairwoman|Chair|Governor|Ambassador|"
                   r"Spokesperson|Spokesman|Spokeswoman|CEO|President|Premier|Director")
#: Words that end company names (a capitalised name ending so is taken for a company).
COMPANY_WORDS = ("Inc", "Inc.", "Corp", "Corp.", "Corporation", "Co", "Co.", "Ltd", "Ltd.",
                 "Limited", "Group", "Materials", "Magnetics", "Magnet", "Magnets",
                 "Technologies", "Technology", "Resources", "Metals", "Mining", "Motors",
                 "Electric", "Industries", "Systems", "Holdings", "Energy", "Aerospace",
                 "Minerals", "Elements", "Enterprises", "Manufacturing", "Chemicals", "Chemical",
                 "Rare Earth", "Rare Earths", "Hi-Tech", "High-Tech", "AG", "SE", "SA", "plc",
                 "PLC", "LLC", "GmbH", "Partners", "Dynamics", "Defense", "Defence")

TRAILING = {"of", "the", "and", "no", "monday", "tuesday", "wednesday", "thursday", "friday",
            "saturday", "sunday"}
PRONOUNS = {"he", "she", "it", "they", "we", "i", "his", "her", "its", "their"}
MONTH_WORDS = {"january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december", "jan", "feb", "mar", "apr",
               "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}

_NAME = re.compile(r"(?<![\w'-])(?:[a-z]{0,2}[A-Z][\w&'.\-]*|&)"
                   r"(?:\s+(?:of\s+|de\s+)?(?:[A-Z0-9][\w&'.\-]*|&))*")


@dataclass(frozen=True)
class Mention:
    """A name found in a sentence: its text, position and id (None when unresolved)."""

    text: str
    start: int
    end: int
    id: str | None


#: "neodymium-praseodymium (NdPr) oxide": words, their abbreviation in brackets, a head word.
ABBREVIATED = re.compile(r"\b[\w-]+(?:\s+and\s+[\w-]+)?\s+\((?P<abbr>[A-Za-z]{2,6})\)\s+"
                         r"(?P<head>[a-z]+)\b")


def _norm(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2010", "-").replace("\u2011", "-")
    return re.sub(r"\s+", " ", text).strip().lower()


class Gazetteer:
    """Names of the known graph's nodes (labels, aliases), plus built-in names."""

    def __init__(self, known=None):
        self.names: dict[str, str] = {}
        self.known = known
        for name, code in GOVERNMENTS.items():
            self.names[name] = f"country:{code}"
        #: country names only count written with a capital ("Zimbabwe", not "zimbabwe")
        countries = country_names()
        self.country_names = {n for n in countries if n not in GOVERNMENTS}
        for name in sorted(self.country_names):
            self.names.setdefault(name, f"country:{countries[name]}")
        for name, symbol in ELEMENTS.items():
            self.names[name] = f"element:{symbol}"
        if known is not None:
            for node in known.ids():
                if model.kind_of(node) in ("Source", "LicenceDecision"):
                    continue
                for attr in ("label", "alias"):
                    for value in known.values(node, attr):
                        key = _norm(str(value))
                        short = re.sub(r"\s*\([^)]*\)", "", key).strip()
                        if short != key and len(short) > 3:
                            self.names.setdefault(short, node)
                        if len(key) >= 2 and key not in STOPWORDS - {"china"}:
                            self.names[key] = node
                            if key.endswith("s") and len(key) > 4:
                                self.names.setdefault(key[:-1], node)
        self.fuzzy: dict[str, str] = {
            name: node for name, node in self.names.items()
            if len(name) >= 5 and model.kind_of(node) in FUZZY_KINDS}
        ordered = sorted(self.names, key=len, reverse=True)
        self.pattern = re.compile(
            r"(?<![\w-])(" + "|".join(re.escape(n) for n in ordered) + r")(?:s|es)?"
            r"(?!\w|-(?!related\b|containing\b|bearing\b)|'s\w)",
            re.I)

    def mentions(self, sentence: str) -> list[Mention]:
        """Known names in the sentence, in order; short all-caps names must match exactly."""
        found = []
        for m in self.pattern.finditer(sentence.replace("\u2019", "'")):
            text = m.group(0)
            key = _norm(m.group(1))
            if len(key) <= 3 and text != text.upper() and not text[0].isupper() \
                    and key not in ELEMENTS:   # "tin" is the element, written small
                continue
            if key == "us" and text != "US":
                continue
            if key in self.country_names and not text[0].isupper():
                continue
            if key in ELEMENTS and text[0].isupper() and _company_follows(sentence, m.end()):
                continue
            if key in ELEMENTS and re.match(r"(-ion\b|\s+(batteries|battery|cells?)\b)",
                                            sentence[m.end():m.end() + 12], re.I):
                continue   # "lithium batteries" are not the element
            found.append(Mention(text, m.start(), m.end(), self.names[key]))
        # "neodymium-praseodymium (NdPr) oxide": a name spelled out with its abbreviation in
        # brackets is also the abbreviated name ("NdPr oxide"), over the words it spans
        for m in ABBREVIATED.finditer(sentence):
            key = _norm(f"{m.group('abbr')} {m.group('head')}")
            if key in self.names and model.kind_of(self.names[key]) in ("Material", "Product"):
                found = [f for f in found if not m.start() <= f.start < m.end()]
                found.append(Mention(m.group(0), m.start(), m.end(), self.names[key]))
        return sorted(found, key=lambda f: f.start)

    def near_miss(self, name: str) -> str | None:
        """The id whose label or alias ``name`` nearly spells, or None for a weak match."""
        from rapidfuzz import fuzz, process

        key = _norm(name)
        if len(key) < 5 or not self.fuzzy:
            return None
        if " " not in key:   # "Vulcan" for Vulcan Elements: the one company it begins
            starts = {node for known, node in self.fuzzy.items()
                      if known.startswith(key + " ") and model.kind_of(node) == "Company"}
            if len(starts) == 1:
                return starts.pop()
        best = process.extractOne(key, sorted(self.fuzzy), scorer=fuzz.ratio,
                                  score_cutoff=FUZZY_CUTOFF)
        if best is None:
            return None
        match = best[0]
        if match[0] != key[0] or abs(len(match) - len(key)) > 3:
            return None
        return self.fuzzy[match]

    def near_misses(self, sentence: str) -> list[Mention]:
        """Unknown names of the sentence that nearly spell a known name, resolved."""
        out = []
        for mention in self._candidates(sentence):
            node = self.near_miss(mention.text)
            if node is not None:
                out.append(Mention(mention.text, mention.start, mention.end, node))
        return out

    def unknown_names(self, sentence: str) -> list[Mention]:
        """Capitalised names in the sentence that no known name covers, nor nearly spells."""
        return [m for m in self._candidates(sentence) if self.near_miss(m.text) is None]

    def _candidates(self, sentence: str) -> list[Mention]:
        """Capitalised names in the sentence that no known name covers exactly."""
        known = [(m.start, m.end) for m in self.mentions(sentence)]
        out = []
        pieces = []
        for m in _NAME.finditer(sentence):
            # a possessive ends a name: "Japan's Shin-Etsu Chemical" is two names
            offset = m.start()
            for piece in re.split(r"(?<=['\u2019]s) ", m.group(0)):
                pieces.append((piece, offset))
                offset += len(piece) + 1
        for piece, start in pieces:
            text = re.sub(r"['\u2019]s$", "", piece).rstrip(".'")
            # a known name at the front ("Chinese President Xi Jinping") is cut off
            for s, e in known:
                if s == start and e < start + len(text) and text[e - start] == " ":
                    text, start = text[e - start + 1:], e + 1
            words = text.split()
            while words and re.fullmatch(r"[\d.,]+", words[0]):   # "3 July 2023"
                start += len(words[0]) + 1
                words = words[1:]
            # drop leading stopwords such as "The"; "He" is a name inside a sentence
            while words and _norm(words[0]) in STOPWORDS and not (
                    start > 0 and _norm(words[0]) in PRONOUNS and len(words) > 1):
                start += len(words[0]) + 1
                words = words[1:]
            while words and re.fullmatch(r"[\d.,]+", words[0]):   # "On 3 July 2023"
                start += len(words[0]) + 1
                words = words[1:]
            while words and (_norm(words[-1]).rstrip(".") in TRAILING
                             or re.fullmatch(r"[\d.,]+", words[-1])):   # "Only 107"
                words = words[:-1]
            # a title before a person's name ("Mines Minister Winston Chitando")
            titles = [i for i, w in enumerate(words[:3]) if TITLE.fullmatch(w)]
            if titles and titles[-1] + 1 < len(words):
                start += sum(len(w) + 1 for w in words[:titles[-1] + 1])
                words = words[titles[-1] + 1:]
            text = " ".join(words)
            end = start + len(text)
            if not text or _norm(text) in STOPWORDS or (
                    len(text) < 3 and not (len(text) == 2 and text.isupper())):
                continue
            if any(s < end and start < e for s, e in known):
                continue
            if re.fullmatch(r"[\d\W]+|No\.?|[A-Z]\d+\w*", text) or country_code(text):
                continue
            if re.fullmatch(r"(No|Nos)\.?\s*\d+.*", sentence[start:start + 12] + "x") or \
                    _norm(text).rstrip(".").rstrip("'s") in STOPWORDS:
                continue
            if _norm(words[0]).rstrip(".") in MONTH_WORDS and \
                    re.match(r"\.?\s*\d", sentence[start + len(words[0]):]):
                continue
            if re.search(r"[-/\u2013]", text) and all(
                    _norm(word).rstrip(".") in MONTH_WORDS
                    for word in re.split(r"[-/\u2013]", text)):
                continue  # "January-September": a period, no name
            if start == 0 and len(words) == 1 and not looks_like_company(text) \
                    and not (text.isupper() and len(text) >= 3):
                continue  # a capitalised first word of a sentence
            if re.search(r"-(origin|made|based|owned|linked|listed)$|\b(Law|Act|Regulations?)$",
                         text):
                continue  # "Chinese-origin", "US-made": adjectives, not names
            inside = re.search(r"\b(Ministry|Minister|Catalogue|Catalog) of( [A-Z][\w-]*,?| and| "
                               r"or| from)*\s*$", sentence[:start])
            if inside and len(words) > 1 and inside.group(1) == "Minister":
                # "Minister of Science, Technology and Innovation Chang Lih Kang"
                start += len(words[0]) + 1
                words = words[1:]
                text = " ".join(words)
            elif re.match(r"(Catalogue|Catalog|Decree|Decision|List) of\b", text) or inside:
                continue  # a law's or a ministry's name, or words inside it
            if len(words) == 1 and (re.search(r"(ian|ean|ican|ese)$", text) or text in (
                    "British", "Spanish", "Swedish", "Danish", "Finnish", "Polish", "Irish",
                    "Turkish", "Scottish", "Flemish")) and \
                    re.match(r"\s+[a-z]", sentence[end:end + 3]):
                continue  # a nationality adjective ("Estonian plant")
            out.append(Mention(text, start, end, None))
        return out


def _company_follows(sentence: str, end: int) -> bool:
    rest = sentence[end:end + 30].split()
    return bool(rest) and rest[0].rstrip(",.") in COMPANY_WORDS


def looks_like_company(name: str) -> bool:
    """True when a name ends like a company's (``Dexter Magnetic Technologies``)."""
    return any(name.endswith(" " + w) or name == w for w in COMPANY_WORDS) and " " in name


def coerce(node_id: str, kinds: tuple[str, ...], known) -> str | None:
    """The node, or what it stands for, of one of ``kinds``.

    A facility stands for its operator where a company is wanted (Mountain Pass for MP
    Materials) and for its country where a country is wanted; a company for its
    country of location.
    """
    kind = model.kind_of(node_id)
    if kind in kinds:
        return node_id
    if known is None:
        return None
    if kind == "Facility" and "Company" in kinds:
        operators = known.neighbours(node_id, "OPERATED_BY")
        if operators:
            return operators[0]
    if kind in ("Facility", "Company") and "Country" in kinds:
        countries = known.neighbours(node_id, "LOCATED_IN")
        if countries:
            return countries[0]
    return None
