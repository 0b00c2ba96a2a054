"""Pieces shared by the reports: numbered sources, percentages, node names.

>>> percent(0.98)
'98%'
>>> percent(0.004)
'0.4%'
>>> percent(0.0000001)
'<0.1%'
>>> percent(0.99997)  # never rounded up to a single point of failure
'>99.9%'
"""

from __future__ import annotations

from mineralgraph.graph.supply_graph import SupplyGraph


def percent(value: float | None) -> str:
    """A fraction as a percentage rounded for reading: 98%, 2.5%, 0.4%, <0.1%."""
    if value is None:
        return ""
    if value >= 0.995:
        if value >= 1.0:
            return "100%"
        return ">99.9%" if value >= 0.999 else f"{100 * value:.1f}%"
    if value >= 0.1:
        return f"{100 * value:.0f}%"
    if value >= 0.001:
        return f"{100 * value:.1f}%"
    return "<0.1%" if value > 0 else "0%"


def exact_percent(value: float, places: int = 4, trim: bool = True) -> str:
    """A share to the precision its reader needs (a figure :func:`percent` would give
    as ">99.9%"): ``places`` decimals, trailing zeros dropped unless ``trim`` is False
    (a set's sum, "100.25%", "101.00%", set beside the figures the analysis reads).

    >>> exact_percent(0.9999), exact_percent(0.0001), exact_percent(0.95)
    ('99.99%', '0.01%', '95%')
    >>> exact_percent(1.0025, 2, trim=False), exact_percent(1.01, 2, trim=False)
    ('100.25%', '101.00%')
    """
    text = f"{100 * value:.{places}f}"
    if trim:
        text = text.rstrip("0").rstrip(".")
    return f"{text}%"


def span(low: float, high: float) -> str:
    """A range of fractions as percentages: ``91-100%``, or one figure when both agree;
    a range from nothing to under 0.1% is ``<0.1%`` (which includes none), not ``0-<0.1%``.

    >>> span(0.91, 1.0), span(0.5, 0.5), span(0.0, 0.004), span(0.0, 0.0004)
    ('91-100%', '50%', '0-0.4%', '<0.1%')

    A high end above 99.9% keeps its sign apart from the dash ('99.8->99.9%' read as an
    arrow: the hard disk drive without China under --min-confidence medium):

    >>> span(0.998, 0.9995)
    '99.8% to >99.9%'
    """
    if percent(low) == percent(high) or (percent(high) == "<0.1%" and low >= 0.0):
        return percent(high)
    if percent(high).startswith(">"):
        return f"{percent(low)} to {percent(high)}"
    return f"{percent(low).rstrip('%')}-{percent(high)}"


def availability_phrase(pair, mapped: float | None = None, unmapped: int = 0) -> str:
    """A product's availability as a report states it: section 5.6's [lower, upper]
    (``pair``), and beside it, when ``unmapped`` inputs have no mapped supply and counting
    them missing gives less than the lower bound, that figure (``mapped``:
    Analysis.mapped_availability), never called the availability itself (both bounds are
    1 at baseline by construction).

    >>> availability_phrase((1.0, 1.0), 0.0, 14)
    '100% (both bounds; with its 14 inputs of unmapped supply counted missing, 0%)'
    >>> availability_phrase((0.2, 0.4), 0.0, 1)
    '20-40% (with its 1 input of unmapped supply counted missing, 0%)'
    >>> availability_phrase((0.0, 0.4), 0.0, 1), availability_phrase((1.0, 1.0))
    ('0-40%', '100%')
    """
    figure = span(*pair)
    if not unmapped or mapped is None or mapped >= pair[0] - 1e-12:
        return figure
    both = "both bounds; " if percent(pair[0]) == percent(pair[1]) else ""
    return (f"{figure} ({both}with its {unmapped} input{'' if unmapped == 1 else 's'} of "
            f"unmapped supply counted missing, {percent(mapped)})")


def ends(name: str, pair) -> dict[str, float]:
    """Both ends of a range as flat columns (CSV, the Python API's rows): ``name_low`` and
    ``name_high``, never one figure alone, which would read as the answer.

    >>> ends("loss", (0.9994, 1.0))
    {'loss_low': 0.9994, 'loss_high': 1.0}
    """
    low, high = pair
    return {f"{name}_low": round(low, 6), f"{name}_high": round(high, 6)}


def caveat_columns(data: dict) -> dict:
    """What a figure rests on as flat columns (CSV, the Python API's rows), under the
    names JSON gives them: ``proxies`` (``subject>object: measured for``, ``;``-separated),
    ``disputes`` (:func:`disputes_cell`) and ``low_confidence`` (the low-rated claims,
    ``subject RELATION object [sources]: note``), from a ``Caveats.as_dict()`` or a JSON row.

    Each entry carries its confidence, a low one what else it is (trial 8, MED-3):

    >>> caveat_columns({"proxies": [{"subject": "country:CN", "object": "material:m",
    ...                              "measured_for": "all oxides", "confidence": "low"}],
    ...                 "disputes": [],
    ...                 "low_confidence": [{"subject": "company:j", "relation": "SUPPLIES",
    ...                                     "object": "company:t", "sources": ["source:s"],
    ...                                     "note": "one line"},
    ...                                    {"subject": "country:CN", "relation": "PRODUCES",
    ...                                     "object": "material:m", "sources": ["source:u"],
    ...                                     "note": "", "also": ["proxy"]}]})
    ... # doctest: +NORMALIZE_WHITESPACE
    {'proxies': 'country:CN>material:m (low): all oxides', 'disputes': '',
     'low_confidence': 'company:j SUPPLIES company:t [source:s]: one line;country:CN
     PRODUCES material:m [source:u] (also proxy)'}
    """
    return {"proxies": ";".join(f"{p['subject']}>{p['object']}{_rated(p)}: "
                                f"{p['measured_for']}"
                                for p in data.get("proxies") or []),
            "disputes": disputes_cell(data.get("disputes") or []),
            "low_confidence": ";".join(
                f"{w['subject']} {w['relation']} {w['object']} [{' '.join(w['sources'])}]"
                + (f" (also {', '.join(w['also'])})" if w.get("also") else "")
                + (f": {w['note']}" if w.get("note") else "")
                for w in data.get("low_confidence") or [])}


def _rated(entry: dict) -> str:
    """`` (low)``: a caveat entry's confidence in a cell, "" when it has none."""
    return f" ({entry['confidence']})" if entry.get("confidence") else ""


def split_cell(splits: list[dict]) -> str:
    """What a row's ≈ share assumes (JSON ``assumed_split``) as one CSV cell: per pool,
    ``material: pool pool_share in parts parts (members)``, ``;``-separated.

    >>> split_cell([{"material": "material:m", "pool": "country:CN", "pool_share": 0.92,
    ...              "parts": 2, "members": ["company:j", "country:CN"], "part": 0.46,
    ...              "basis": "equal split"}])
    'material:m: country:CN 0.92 in 2 parts (company:j, country:CN), equal split'
    """
    return ";".join(f"{s['material']}: {s['pool'] or 'what the shares leave'} "
                    f"{s['pool_share']}{_rated(s)} in {s['parts']} parts "
                    f"({', '.join(s['members'])}), {s['basis']}"
                    + (f", proxy: {s['proxy']}" if s.get("proxy") else "") for s in splits)


def chokepoint_fields(data: dict, flat: bool) -> dict:
    """A chokepoint row for CSV (``flat``) or the Python API, built from its JSON row
    (``Chokepoint.as_dict()``), so the three carry the same keys of design note 5.6:
    ``loss`` (the upper bound's) and ``loss_range`` (CSV: its two ends, ``loss_low`` and
    ``loss_high``; the API has both), ``spof``, ``assumed_share`` and ``assumed_split``,
    ``confidence``, ``proxies``, ``disputes`` and ``low_confidence`` (text cells, as
    :func:`caveat_columns`, in CSV), and the row's stage, country, HHI and sources. CSV
    joins the lists with ``;``; the API keeps them all as lists, the caveats and
    ``assumed_split`` as their JSON entries."""
    cells = caveat_columns(data)
    out = {"rank": data.get("rank"), "id": data["id"], "label": data["label"],
           "kind": data["kind"], "loss": data["loss"],
           **({} if flat else {"loss_range": list(data["loss_range"])}),
           **ends("loss", data["loss_range"]),
           "spof": spof_value(data["spof"]),
           "spof_through_makers": (";".join(data["spof_through_makers"]) if flat
                                   else list(data["spof_through_makers"])),
           "stage": data["stage"], "country": data["country"], "hhi": data["hhi"],
           "hhi_material": data["hhi_material"], "hhi_stage": data["hhi_stage"],
           "confidence": data["confidence"],
           # what the figure rests on: text cells in CSV; in the API lists of the JSON
           # entries, as ``assumed_split`` is (one type for them all: trial 8, LOW-8)
           **({k: cells[k] for k in ("proxies", "disputes", "low_confidence")} if flat
              else {k: [dict(e) for e in data.get(k) or []]
                    for k in ("proxies", "disputes", "low_confidence")}),
           "assumed_share": data["assumed_share"],
           "assumed_split": (split_cell(data["assumed_split"]) if flat
                             else list(data["assumed_split"])),
           "sources": data["sources"] if flat else list(data["sources"])}
    return out


def disputes_cell(disputes: list[dict]) -> str:
    """The disputed claims of a row (``Caveats.as_dict()["disputes"]``) as one CSV cell.

    >>> disputes_cell([{"subject": "product:p", "relation": "REQUIRES",
    ...                 "object": "material:m", "disputed_by": "X says not"}])
    'product:p REQUIRES material:m: X says not'
    """
    return ";".join(f"{d['subject']} {d['relation']} {d['object']}{_rated(d)}: "
                    f"{d['disputed_by']}" for d in disputes)


def spof_text(kind, through_makers=()) -> str:
    """How a table shows a SPOF: ``yes`` (certain), ``possible``, or nothing; with ``, via
    maker`` for a country that is one only through the product's makers' own work there
    (``through_makers``, design note 5.1: still a SPOF, 5.6).

    >>> spof_text("certain"), spof_text("certain", ["company:tesla"]), spof_text(False)
    ('yes', 'yes, via maker', '')
    """
    text = {"certain": "yes", "possible": "possible"}.get(kind, "") if kind else ""
    return f"{text}, via maker" if text and through_makers else text


#: The values of ``spof`` in CSV cells and the Python API's flat rows: one enum of strings
#: (a cell has no false). JSON follows the design note instead (:func:`spof_json`).
SPOF_VALUES = ("certain", "possible", "no")


def spof_value(kind) -> str:
    """A SPOF kind as the text of a cell (CSV, the Python API's rows): ``certain``,
    ``possible`` or ``no`` (never an empty cell beside two strings).

    >>> spof_value("certain"), spof_value("possible"), spof_value(False), spof_value(None)
    ('certain', 'possible', 'no', 'no')
    """
    return kind if kind in SPOF_VALUES[:2] else "no"


def spof_json(kind) -> str | bool:
    """A SPOF kind as JSON, the design note's (5.6): ``"certain"``, ``"possible"`` or
    ``false``.

    >>> spof_json("certain"), spof_json("possible"), spof_json(False), spof_json("no")
    ('certain', 'possible', False, False)
    """
    return kind if kind in SPOF_VALUES[:2] else False


def join_names(names: list[str]) -> str:
    """Names as prose: ``a``, ``a and b``, ``a, b and c``.

    >>> join_names(["Lynas", "MP Materials", "Shenghe"])
    'Lynas, MP Materials and Shenghe'
    """
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def thousands(value: float | None) -> str:
    """An HHI or count with a thousands separator."""
    return "" if value is None else f"{value:,.0f}"


def quantity_text(value: float, unit: str | None = None) -> str:
    """An amount or capacity as every report writes it: thousands separated from 1,000
    on, six significant digits below (never the float's false precision), with its unit
    when it has one: ``1 kg``, ``10,500 t/yr NdPr``, ``0.5``.

    >>> quantity_text(1.0, "kg"), quantity_text(10500.0, " t/yr NdPr "), quantity_text(0.5)
    ('1 kg', '10,500 t/yr NdPr', '0.5')
    """
    from mineralgraph.cells import qualifier_text

    text = (thousands(value) if abs(value) >= 1000
            else qualifier_text("amount", value)[len("amount "):])
    unit = str(unit or "").strip()
    return f"{text} {unit}" if unit else text


def numbers_text(numbers: list[int]) -> str:
    """Citation numbers as the text prints them.

    >>> numbers_text([1, 2, 7])
    '[1][2][7]'
    """
    return "".join(f"[{n}]" for n in numbers)


def with_citations(row: dict, numbers: list[int], fmt: str = "json") -> dict:
    """A JSON or CSV row with the numbers the text prints beside it: ``citations``
    (``[1][4]``) and, in JSON, ``citation_numbers`` (``[1, 4]``); the row's ``sources``
    stay the ids. Every report's JSON and CSV cite so (with :meth:`SourceIndex.entries`,
    the text's list, beside the rows in JSON).

    >>> with_citations({"id": "x", "sources": ["source:a"]}, [1, 4])
    {'id': 'x', 'sources': ['source:a'], 'citations': '[1][4]', 'citation_numbers': [1, 4]}
    >>> with_citations({"id": "x"}, [2], "csv")
    {'id': 'x', 'citations': '[2]'}
    """
    return {**row, "citations": numbers_text(numbers),
            **({"citation_numbers": list(numbers)} if fmt == "json" else {})}


class SourceIndex:
    """Numbers sources in the order a report first cites them."""

    def __init__(self, graph: SupplyGraph):
        self.graph = graph
        self.numbers: dict[str, int] = {}

    def cite(self, sources) -> str:
        """``[1][4]`` for a list of source ids.

        Sources already numbered keep their number; new ones are numbered in id order,
        so the numbering never depends on the order of a set.

        >>> index = SourceIndex(None)
        >>> index.cite({"source:b", "source:a"}), index.cite(["source:c", "source:b"])
        ('[1][2]', '[2][3]')
        """
        return numbers_text(self.cite_numbers(sources))

    def cite_numbers(self, sources) -> list[int]:
        """The numbers :meth:`cite` writes, as a list (``[1, 4]`` for ``[1][4]``), the
        new sources numbered as it numbers them."""
        ranked = sorted(set(sources), key=lambda s: (self.numbers.get(s, 10**9), s))
        return [self.numbers.setdefault(s, len(self.numbers) + 1) for s in ranked]

    def entries(self, numbers=None) -> list[dict]:
        """The numbered sources as data, in number order (only ``numbers`` where given):
        each its ``number``, ``id``, ``title``, ``publisher``, ``url``, ``date`` (of
        publication, where recorded), ``source_type`` and ``citation`` (as
        :meth:`listing` writes it), for JSON beside the rows' numbers.

        >>> from mineralgraph.claim import Claim
        >>> g = SupplyGraph([Claim("source:c", "title", "Report", sources=("source:c",)),
        ...     Claim("source:c", "url", "https://example.org/r", sources=("source:c",))])
        >>> index = SourceIndex(g)
        >>> index.cite(["source:c"])
        '[1]'
        >>> index.entries() == [{"number": 1, "id": "source:c", "title": "Report",
        ...     "publisher": None, "url": "https://example.org/r", "date": None,
        ...     "source_type": None, "citation": source_citation(g, "source:c")}]
        True
        """
        wanted = None if numbers is None else set(numbers)

        def text(source, key):
            value = self.graph.attribute(source, key)
            return None if value is None else str(value)

        return [{"number": number, "id": source, "title": self.graph.label(source),
                 "publisher": text(source, "publisher"), "url": text(source, "url"),
                 "date": text(source, "published"),
                 "source_type": text(source, "source_type"),
                 "citation": source_citation(self.graph, source)}
                for source, number in sorted(self.numbers.items(), key=lambda kv: kv[1])
                if wanted is None or number in wanted]

    def listing(self, markdown: bool = False) -> list[str]:
        """One line per cited source, in number order, each as :func:`source_citation`
        writes it.

        >>> from mineralgraph.claim import Claim
        >>> g = SupplyGraph([Claim("source:c", "title", "Report", sources=("source:c",)),
        ...     Claim("source:c", "source_type", "government", sources=("source:c",))])
        >>> index = SourceIndex(g)
        >>> index.cite(["source:c"]), index.listing(), index.listing(markdown=True)
        ('[1]', ['[1] government: Report'], ['1. government: Report'])
        """
        lines = []
        for source, number in sorted(self.numbers.items(), key=lambda kv: kv[1]):
            text = source_citation(self.graph, source)
            lines.append(f"{number}. {text}" if markdown else f"[{number}] {text}")
        return lines


def source_citation(graph: SupplyGraph, source: str) -> str:
    """A source's citation as every report, picture and brief prints it: type, title,
    publisher, date, URL and, for a repost, its original or where the original was
    searched (:meth:`SupplyGraph.citation`); a source cited at its original address but
    read in a copy (its note says "read in a copy at URL", the data README's convention)
    says so after it (a repost's citation already prints its note).

    >>> from mineralgraph.claim import Claim
    >>> g = SupplyGraph([Claim("source:c", "title", "Report", sources=("source:c",)),
    ...     Claim("source:c", "source_type", "government", sources=("source:c",)),
    ...     Claim("source:c", "note", "2013 edition, read in a copy at "
    ...           "https://copy.example/20/ (page 20)", sources=("source:c",))])
    >>> source_citation(g, "source:c")
    'government: Report. Read in a copy: https://copy.example/20/'
    """
    import re

    from mineralgraph.graph.supply_graph import join_sentences

    text = graph.citation(source)
    copy = re.search(r"read in a copy at (https?://[^\s,;()]+)",
                     str(graph.attribute(source, "note") or ""))
    if copy and graph.attribute(source, "source_type") != "repost":
        text = join_sentences([text, f"Read in a copy: {copy.group(1)}"])
    return text


def name(graph: SupplyGraph, node_id: str) -> str:
    """``Label (id)``, or just the id when the label is the id."""
    label = graph.label(node_id)
    return node_id if label == node_id else f"{label} ({node_id})"


#: Country names that read with "the" in running text.
THE_COUNTRIES = ("United States", "United Kingdom", "Netherlands", "Philippines",
                 "United Arab Emirates", "Czech Republic", "Central African Republic",
                 "Dominican Republic", "Republic of Korea", "Bahamas", "Gambia")


def prose_name(graph: SupplyGraph, node_id: str) -> str:
    """A node's name as it reads in a sentence: "the United States", "China",
    "the Democratic Republic of the Congo".

    >>> from mineralgraph import load_bundled
    >>> g = load_bundled()
    >>> prose_name(g, "country:US"), prose_name(g, "country:CN"), prose_name(g, "company:moog")
    ('the United States', 'China', 'Moog')
    """
    label = graph.label(node_id)
    if graph.kind(node_id) == "Country" and (
            label in THE_COUNTRIES or label.startswith("Democratic Republic")):
        return f"the {label}"
    return label


def worst_case_line(graph: SupplyGraph) -> str:
    """The one line every report gives under ``--worst-case`` (the addendum's wider
    readings instead of section 5 of the design note as written), or "" without it.

    >>> from mineralgraph import load_bundled
    >>> worst_case_line(load_bundled())
    ''
    >>> worst_case_line(load_bundled().with_worst_case())[:47]
    'Worst case (--worst-case): the ranges widen the'
    """
    return WORST_CASE_LINE if graph.worst_case else ""


#: what every report says under ``--worst-case`` (:func:`worst_case_line`)
WORST_CASE_LINE = (
    "Worst case (--worst-case): the ranges widen the design note's section 5 with the "
    "addendum's readings (producers without a share hold none to all of their pool, any "
    "control in scope may reach untraced materials and materials of unstated grade, "
    "left-out requirements count in the lower bound, sets short of 1 by rounding are whole).")


def press_figures_line(graph: SupplyGraph) -> str:
    """The one line every report gives under ``--press-figures`` (figures from press,
    reposts and news articles read where no statistical figure exists), or "" without it.

    >>> from mineralgraph import load_bundled
    >>> press_figures_line(load_bundled())
    ''
    >>> press_figures_line(load_bundled().with_press_figures())[:50]
    'Press figures (--press-figures): where no statisti'
    """
    return PRESS_FIGURES_LINE if getattr(graph, "press_figures", False) else ""


#: what every report says under ``--press-figures`` (:func:`press_figures_line`)
PRESS_FIGURES_LINE = (
    "Press figures (--press-figures): where no statistical source gives a material's "
    "country shares (or a producer's capacity), the figures of press articles, reposts and "
    "news are used for lack of another; by default the design note (5.5) sets them aside "
    "and shows them beside.")


def press_beside(graph: SupplyGraph, material: str, cite=None) -> list[str]:
    """What the press sets of a material the analysis set aside said (design note 5.5:
    shown beside, not used), one phrase a set: "press figure, not used: China 94%, rest of
    world 6% (2024; source [3])". ``cite`` turns a list of source ids into a citation
    (a :class:`SourceIndex`'s ``cite``); without it the source id is named. Countries
    by share, largest first, the rest of the world last.

    >>> from mineralgraph.claim import Claim
    >>> from mineralgraph.graph.supply_graph import SupplyGraph
    >>> g = SupplyGraph([
    ...     Claim("source:n", "source_type", "press", sources=("source:n",)),
    ...     Claim("country:CN", "label", "China", sources=("source:n",)),
    ...     Claim("country:CN", "PRODUCES", "material:m", (("share", 0.94), ("year", 2024)),
    ...           ("source:n",)),
    ...     Claim("country:XX", "PRODUCES", "material:m", (("share", 0.06), ("year", 2024)),
    ...           ("source:n",))])
    >>> press_beside(g, "material:m")
    ['press figure, not used: China 94%, rest of world 6.0% (2024; source:n)']
    """
    return [press_phrase(item.countries, graph.label, item.year,
                         cite([item.source]) if cite else item.source, item.stated)
            for item in graph.press_set_aside(material)]


def press_phrase(shares: dict[str, float], label, year: int | None, citation: str,
                 stated: dict[str, str] | None = None) -> str:
    """"press figure, not used: China 94%, rest of world 6.0% (2024; [3])": one press set
    the analysis set aside (:func:`press_beside`), its countries by share, largest first,
    the rest of the world last; ``label`` names a country id; a share whose source states
    it in words other than the figure (``stated``) is followed by them.

    >>> phrase = press_phrase({"country:CN": 0.6667, "country:XX": 0.3333}, lambda c: "China",
    ...                       2019, "[16]", {"country:CN": "nearly two-thirds"})
    >>> phrase.split(", rest")[0]
    'press figure, not used: China 67% (the source states nearly two-thirds)'
    >>> phrase.split(", rest")[1]
    ' of world 33% (2019; [16])'
    """
    stated = stated or {}
    ordered = sorted(shares.items(), key=lambda kv: (kv[0] == "country:XX", -kv[1], kv[0]))
    named = ", ".join(f"{'rest of world' if c == 'country:XX' else label(c)} {percent(s)}"
                      + (f" (the source states {stated[c]})" if c in stated else "")
                      for c, s in ordered)
    when = f"{year}; " if year is not None else ""
    return f"press figure, not used: {named} ({when}{citation})"


def press_beside_json(graph: SupplyGraph, materials) -> list[dict]:
    """The press sets the analysis set aside for ``materials`` (design note 5.5), as JSON
    data: material, year, source, shares, total; by material id, then best first."""
    return [item.as_dict() for m in sorted(set(materials))
            for item in graph.press_set_aside(m)]


def reading_lines(graph: SupplyGraph) -> list[str]:
    """The lines of the global options that change how the analysis reads the data
    (``--worst-case``, ``--press-figures``), those that are on, in that order."""
    return [line for line in (worst_case_line(graph), press_figures_line(graph)) if line]


def reading_flags(graph: SupplyGraph) -> dict:
    """The JSON keys of those options that are on: ``{"worst_case": true}``,
    ``{"press_figures": true}``; none when off."""
    return {key: True for key, on in (("worst_case", graph.worst_case),
                                      ("press_figures", getattr(graph, "press_figures", False)))
            if on}


def csv_reading(rows: list[dict], columns: list[str],
                graph: SupplyGraph) -> tuple[list[dict], list[str]]:
    """CSV rows and columns with a ``press_figures`` column (``yes`` in every row) when
    ``--press-figures`` is on, so a table read alone says how it was computed."""
    if not getattr(graph, "press_figures", False):
        return rows, columns
    return [{**row, "press_figures": "yes"} for row in rows], [*columns, "press_figures"]


def left_out_title(graph: SupplyGraph) -> str:
    """The heading of the section listing what ``--min-confidence`` left out."""
    return f"Left out below {graph.min_confidence} confidence"


def left_out_lines(graph: SupplyGraph, rows: list[dict],
                   sources: SourceIndex | None = None) -> list[str]:
    """One line per left-out claim (rows as ``left_out_dict`` gives them): its ends, its
    relation, share, rating and proxy, and whether it still counts in the lower bound.

    >>> from mineralgraph import load_bundled
    >>> left_out_lines(load_bundled(), [{"subject": "product:jdam", "relation": "REQUIRES",
    ...     "object": "element:Sm", "confidence": "low", "share": None, "proxy": None,
    ...     "sources": [], "counts_in_lower_bound": True}])[0]
    'product:jdam REQUIRES element:Sm (low confidence; still counted in the lower bound)'
    """
    lines = []
    for row in rows:
        details = [f"share {percent(row['share'])}" if row.get("share") is not None else "",
                   f"{row['confidence']} confidence" if row.get("confidence") else "",
                   f"proxy measured for {row['proxy']}" if row.get("proxy") else "",
                   "still counted in the lower bound" if row.get("counts_in_lower_bound")
                   else ""]
        cited = f" {sources.cite(row['sources'])}" if sources and row.get("sources") else ""
        lines.append(f"{row['subject']} {row['relation']} {row['object']} "
                     f"({'; '.join(d for d in details if d)}){cited}")
    return lines
