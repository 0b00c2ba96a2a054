"""One node (:func:`~mineralgraph.graph.node_view.node_view`) as text, Markdown, JSON or
CSV (``mineralgraph show``)."""

from __future__ import annotations

import re

from mineralgraph.cells import fit, md_text, qualifier_text, shortened, to_csv, to_json
from mineralgraph.claim import Claim
from mineralgraph.graph.statistics import derived_share, remainder_share, stated_share_words

#: Qualifiers shown on their own line or marker rather than in the list of figures.
CAVEATS = ("note", "proxy", "disputed")

#: How much of a source's quote is printed under its claim (the JSON carries it whole).
QUOTE_MOST = 200


def quote_line(item: dict) -> str:
    """The source's own words under a claim, short and in quotation marks, or "" where the
    data has none.

    >>> print(quote_line({"quote": "Supplies to Tesla, Toyota, Siemens Gamesa, and BYD"}))
    <BLANKLINE>
           quote: "Supplies to Tesla, Toyota, Siemens Gamesa, and BYD"
    >>> quote_line({})
    ''
    """
    quote = item.get("quote")
    if not quote:
        return ""
    return f'\n       quote: "{shortened(str(quote), QUOTE_MOST, at_word=True)}"'


def _relation_line(rel: dict) -> str:
    arrow = "<-" if rel["direction"] == "in" else "->"
    relation = rel["relation"]
    decision = rel.get("decision")
    if relation == "GRANTED_TO" and decision and decision != "approved":
        # GRANTED_TO names whom a decision concerns: a denied licence was not granted
        relation = f"GRANTED_TO (decision: {str(decision).upper()}, not granted)"
    return _claim_line(f"  {arrow} {relation} {rel['node']} ({rel['label']})", rel)


def _statistic_line(item: dict) -> str:
    return _claim_line(f"  {item['subject']} ({item['subject_label']}) {item['relation']} "
                       f"{item['object']} ({item['object_label']})", item)


#: Figures written with their unit ("1 kg", "capacity 850 t/yr NdPr"); an amount or a
#: quantity is said by its unit alone.
WITH_UNIT = {"amount": "", "quantity": "", "capacity": "capacity "}


def _figure_text(key: str, value, rel: dict) -> str:
    """A figure of a relation as the other reports write it (:func:`percent`,
    :func:`thousands`): a share as a rounded % (91%, 8.7%), said to be as the source gives
    it and, where its set adds up to over 100%, with the share of the sum the analysis
    reads (5.5); an amount or capacity with thousands separators and its unit (1 kg,
    74,000,000 kg; trial 8, LOW-6: "share 91.2772%", "amount 1, unit kg").

    >>> _figure_text("amount", 81000000.0, {}), _figure_text("share", 0.2793, {})
    ('amount 81,000,000', 'share 28% (as given)')
    >>> _figure_text("share", 0.912772, {}), _figure_text("share", 0.087228, {})
    ('share 91% (as given)', 'share 8.7% (as given)')
    >>> _figure_text("amount", 1.0, {"qualifiers": {"unit": "kg"}})
    '1 kg'
    >>> _figure_text("capacity", 1360.0, {"qualifiers": {"unit": "kt Al"}})
    'capacity 1,360 kt Al'
    >>> print(_figure_text("share", 0.9868, {"share_of_sum": 0.984339, "set_sum": 1.0025}))
    share 99% as given (98% of the set's 100.25% sum, as the analysis reads it)

    A remainder (what the stated shares leave, which no source gives) says so:

    >>> _figure_text("share", 0.087228, {"qualifiers": {"note": "remainder of the set "
    ...                                                   "(1 - 0.912772): ..."}})
    'share 8.7% (remainder of the stated shares, 1 - 0.912772; the source states no share)'
    """
    from mineralgraph.reports.common import exact_percent, percent, quantity_text

    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if key == "share" and number:
        given = percent(value)
        set_sum = rel.get("set_sum")
        summed = (exact_percent(set_sum, 2, trim=False)
                  if rel.get("share_of_sum") is not None else "100.00%")
        note = str((rel.get("qualifiers") or {}).get("note") or "")
        derived = derived_share(note)
        # the source's own words where it states the share otherwise than entered
        # ("approximately 92%" beside the derived 90.9%; "nearly two-thirds" for 0.6667)
        stated = stated_share_words(note)
        if derived is not None:
            # a share the data computed from the source's amount and total, not one the
            # source states: said so, to the tenth that shows it is that quotient
            # (findings 11: "26% (as given)" beside "DERIVED share = 74,000,000 / 290,000,000")
            return _derived_text(value, derived, stated) + (
                f" ({percent(rel['share_of_sum'])} of the set's {summed} sum, as the "
                "analysis reads it)" if summed != "100.00%" else "")
        said = f"the source states {stated}" if stated else "as given"
        of_sum = (f" ({percent(rel['share_of_sum'])} of the set's {summed} sum, as the "
                  "analysis reads it)" if summed != "100.00%" else "")
        remainder = remainder_share(note)
        if remainder is not None:
            # what the stated shares of its set leave (the rest of the world's, mostly),
            # which no source gives: never "as given" (findings 12)
            formula = f", {remainder}" if remainder else ""
            return (f"share {given} (remainder of the stated shares{formula}; the source "
                    f"states no share){of_sum}")
        if summed != "100.00%":
            return f"share {given} {said}{of_sum}"
        return f"share {given} ({said})"
    if key in ("amount", "capacity", "quantity") and number:
        unit = str(rel.get("qualifiers", {}).get("unit") or "").strip()
        if unit:
            return f"{WITH_UNIT[key]}{quantity_text(value, unit)}"
        return f"{key} {quantity_text(value)}"
    return qualifier_text(key, value)


def _derived_text(value: float, derived: tuple[float, float],
                  stated: str | None = None) -> str:
    """A derived share as every report rounds it, beside the quotient it is, from the
    source's amount and total: "share 26% (25.5% = 74,000,000 / 290,000,000, derived;
    the source states no share)", or the share it states in its own words where it does;
    where the quotient is not the share entered, both, each said for what it is.

    >>> _derived_text(0.2552, (74e6, 290e6))
    'share 26% (25.5% = 74,000,000 / 290,000,000, derived; the source states no share)'
    >>> _derived_text(0.9091, (100e3, 110e3), "approximately 92%")
    'share 91% (90.9% = 100,000 / 110,000, derived; the source states approximately 92%)'
    >>> _derived_text(0.30, (74e6, 290e6))
    'share 30% as entered, not the 25.5% that 74,000,000 / 290,000,000 gives'
    >>> _derived_text(0.0203, (5.9e6, 290e6))
    'share 2.0% (2.0% = 5,900,000 / 290,000,000, derived; the source states no share)'
    """
    from mineralgraph.reports.common import exact_percent, percent, quantity_text

    def exact(share: float) -> str:
        return exact_percent(share, 1 if share >= 0.01 else 2, trim=False)

    amount, total = derived
    figures = f"{quantity_text(amount)} / {quantity_text(total)}"
    if abs(amount / total - value) <= 0.0005:
        return (f"share {percent(value)} ({exact(amount / total)} = {figures}, derived; the "
                f"source states {stated or 'no share'})")
    return (f"share {percent(value)} as entered, not the {exact(amount / total)} that "
            f"{figures} gives")


def _claim_line(head: str, rel: dict) -> str:
    figures = rel["qualifiers"]
    # a unit is said with its figure ("1 kg"), not on its own
    said = CAVEATS + (("unit",) if any(isinstance(figures.get(k), (int, float))
                                       for k in WITH_UNIT) else ())
    quals = ", ".join(_figure_text(k, v, rel) for k, v in figures.items() if k not in said)
    when = ""
    if rel["valid_from"] or rel["valid_to"]:
        when = f" [{rel['valid_from'] or '…'} to {rel['valid_to'] or '…'}]"
    refs = "".join(f"[{n}]" for n in sorted(rel["sources"]))
    confidence = f" ({rel['confidence']} confidence)" if rel.get("confidence") else ""
    line = f"{head}{' ' + quals if quals else ''}{when}{confidence} {refs}"
    line += quote_line(rel)
    disputed = rel["qualifiers"].get("disputed")
    if disputed:
        line += f"\n       disputed: {disputed}"
    proxy = rel["qualifiers"].get("proxy")
    if proxy:
        line += f"\n       proxy: a figure measured for {proxy}"
    note = rel["qualifiers"].get("note")
    if note:
        line += f"\n       note: {note}"
    return line


def render_node_text(view: dict) -> str:
    """A node as text: attributes, relations out and in (each with its caveats), then
    numbered sources with their type."""
    from mineralgraph.reports.common import PRESS_FIGURES_LINE, press_phrase

    # the label's own line only when it is not the heading's (a label of the date asked,
    # or several): else its sources follow the heading, said once
    labels = [a for a in view["attributes"] if a["attribute"] == "label"]
    heading = labels[0] if len(labels) == 1 and str(labels[0]["value"]) == str(
        view["label"]) and not labels[0].get("qualifiers") else None
    cited = " " + "".join(f"[{n}]" for n in sorted(heading["sources"])) if heading else ""
    # the node's own rating beside its kind (a company's, facility's or material's row
    # has one)
    rated = f"; {view['confidence']} confidence" if view.get("confidence") else ""
    lines = [f"{view['label']} ({view['id']}, {view['kind']}{rated}){cited}".rstrip(), ""]
    if view.get("press_figures"):
        lines += [PRESS_FIGURES_LINE, ""]
    if not view.get("in_force", True):
        lines += ["  Not in force on the date asked.", ""]
    lines += _attribute_lines([a for a in view["attributes"] if a is not heading])
    if view.get("beside"):
        # next to the article's figures above, not after a thousand relations (trial 6,
        # M2: the pairing at the end of the page went unseen); each customs relation
        # below names the article's figure beside it too
        lines += ["", "Trade figures of articles beside the statistical figures of the same "
                      "flow and month:"]
        lines += ["  " + line for line in beside_lines(view)]
    paired = _paired_relations(view)
    lines += ["", "Relations:"] + _relation_lines(view["relations"], paired)
    if view.get("modal"):
        lines += ["", "Forecasts, plans and speculation of sources (no decision, never in the "
                      "analysis):"]
        lines += [f"  {m['relation']}: {m['object']} ({m['modality']})"
                  + (f" [{m['valid_from']}]" if m.get("valid_from") else "") + " "
                  + "".join(f"[{n}]" for n in sorted(m["sources"])) for m in view["modal"]]
    if view.get("statistics"):
        lines += ["", "Import sources, reserves and import reliance"
                  + (" (of the materials that contain it)" if view["kind"] == "Element"
                     else "") + ":"]
        lines += [_statistic_line(s) for s in view["statistics"]]
    if view.get("press_figures_not_used"):
        lines += ["", "Country shares from press, not used by the analysis (design note 5.5; "
                      "mineralgraph --press-figures ... uses them where no statistical figure "
                      "exists):"]
        lines += ["  " + press_phrase(p["shares"], lambda c, p=p: p["labels"].get(c, c),
                                      p["year"], "".join(f"source [{n}]" for n in p["sources"]),
                                      p.get("stated"))
                  for p in view["press_figures_not_used"]]
    lines += ["", "Sources:"] + [f"  [{s['n']}] {s['citation']}" for s in view["sources"]]
    return "\n".join(lines)


def _attribute_lines(attributes: list[dict]) -> list[str]:
    """The attributes, one line each, the values of one attribute that share their
    qualifiers and sources on one line: ``alias: Lynas; Lynas Malaysia [1]``; a source's
    quote under the first line it bears on (one row of a file gives several attributes
    the same quote: it is said once, not under each)."""
    groups: list[list[dict]] = []
    for a in attributes:
        last = groups[-1][0] if groups else None
        if (last is not None and a["attribute"] == last["attribute"]
                and a.get("qualifiers", {}) == last.get("qualifiers", {})
                and sorted(a["sources"]) == sorted(last["sources"])):
            groups[-1].append(a)
        else:
            groups.append([a])
    lines = []
    said: set[str] = set()
    for group in groups:
        a = group[0]
        quals = ", ".join(qualifier_text(k, v, a["attribute"])
                          for k, v in a.get("qualifiers", {}).items())
        line = (f"  {a['attribute']}: " + "; ".join(str(g["value"]) for g in group)
                + " " + (f"({quals}) " if quals else "")
                + "".join(f"[{n}]" for n in sorted(a["sources"])))
        quotes = [g["quote"] for g in group if g.get("quote") and g["quote"] not in said]
        for quote in dict.fromkeys(quotes):
            said.add(quote)
            line += quote_line({"quote": quote})
        lines.append(line)
    return lines


def _plain_link(rel: dict) -> bool:
    """Whether a relation is a bare link (no figure, date, caveat, decision or quote),
    which may share a line with others of its kind."""
    return not (rel["qualifiers"] or rel["valid_from"] or rel["valid_to"]
                or rel.get("decision") or rel.get("quote"))


def _relation_lines(relations: list[dict], paired: dict[int, str]) -> list[str]:
    """The relations, one line each; bare links of the same kind and direction next to
    each other share one line, their confidence said once when it is the same:
    ``<- OPERATED_BY (each high confidence): facility:a (A) [1]; facility:b (B) [2]``."""
    groups: list[list[tuple[int, dict]]] = []
    for i, rel in enumerate(relations):
        last = groups[-1][-1][1] if groups else None
        if (last is not None and _plain_link(rel) and _plain_link(last)
                and i not in paired and groups[-1][-1][0] not in paired
                and (rel["direction"], rel["relation"]) == (last["direction"],
                                                           last["relation"])):
            groups[-1].append((i, rel))
        else:
            groups.append([(i, rel)])
    lines = []
    for group in groups:
        if len(group) == 1:
            i, rel = group[0]
            lines.append(_relation_line(rel) + paired.get(i, ""))
            continue
        rels = [rel for _, rel in group]
        levels = {rel.get("confidence") for rel in rels}
        same = levels.pop() if len(levels) == 1 else None
        arrow = "<-" if rels[0]["direction"] == "in" else "->"
        items = [f"{rel['node']} ({rel['label']})"
                 + (f" ({rel['confidence']} confidence)" if rel.get("confidence")
                    and not same else "")
                 + " " + "".join(f"[{n}]" for n in sorted(rel["sources"])) for rel in rels]
        lines.append(f"  {arrow} {rels[0]['relation']}"
                     + (f" (each {same} confidence)" if same else "") + ": "
                     + "; ".join(items))
    return lines


def _paired_relations(view: dict) -> dict[int, str]:
    """For the view's relations that are the statistical figure an article's trade figure
    is set beside (``view["beside"]``), by position: a line naming the article's figure
    and its source, for under the relation."""
    from mineralgraph.reports.news import figure_value

    numbers = {s["id"]: s["n"] for s in view["sources"]}
    out: dict[int, str] = {}
    for item in view.get("beside", []):
        figure = Claim.from_dict(item["figure"])
        cited = "".join(f"[{numbers[s]}]" for s in figure.sources if s in numbers)
        for stat in item["statistics"]:
            for i, rel in enumerate(view["relations"]):
                if (rel["direction"] == "out" and rel["relation"] == stat["predicate"]
                        and rel["node"] == stat["object"] and view["id"] == stat["subject"]
                        and rel["qualifiers"] == stat.get("qualifiers", {})
                        and str(rel["valid_from"] or "") == str(stat.get("valid_from") or "")):
                    out[i] = out.get(i, "") + (
                        f"\n       beside: an article's figure of the same flow and month, "
                        f"{figure_value(figure)} {cited}".rstrip())
    return out


def beside_lines(view: dict) -> list[str]:
    """The view's article figures beside the statistics, cited by the view's numbers."""
    from mineralgraph.graph.reported import Beside
    from mineralgraph.reports.news import beside_text

    numbers = {s["id"]: s["n"] for s in view["sources"]}
    items = [Beside(Claim.from_dict(b["figure"]),
                    tuple(Claim.from_dict(c) for c in b["statistics"])) for b in view["beside"]]
    return beside_text(items, lambda c: "".join(f"[{numbers[s]}]" for s in c.sources))


#: Columns of the CSV: one row per attribute, relation and statistic.
CSV_COLUMNS = ["part", "direction", "relation", "node", "label", "value", "qualifiers",
               "confidence", "valid_from", "valid_to", "sources", "quote"]


def node_rows(view: dict) -> list[dict]:
    """The node as long rows: its attributes, relations, then the statistics about it;
    ``sources`` names the source ids, separated by ``;``; ``quote`` holds the source's
    own words, whole, where the data has them."""
    ids = {s["n"]: s["id"] for s in view["sources"]}

    def quals(q: dict) -> str:
        return "; ".join(f"{k}={v}" for k, v in q.items())

    def refs(numbers: list[int]) -> str:
        return ";".join(ids[n] for n in numbers)

    rows = [{"part": "attribute", "relation": a["attribute"], "node": view["id"],
             "label": view["label"], "value": a["value"],
             "qualifiers": quals(a.get("qualifiers", {})), "sources": refs(a["sources"]),
             "quote": a.get("quote")}
            for a in view["attributes"]]
    rows += [{"part": "relation", "direction": r["direction"], "relation": r["relation"],
              "node": r["node"], "label": r["label"], "qualifiers": quals(r["qualifiers"]),
              "confidence": r["confidence"], "valid_from": r["valid_from"],
              "valid_to": r["valid_to"], "sources": refs(r["sources"]),
              "quote": r.get("quote")}
             for r in view["relations"]]
    rows += [{"part": "statistic", "relation": s["relation"], "node": s["subject"],
              "label": s["subject_label"], "value": s["object"],
              "qualifiers": quals(s["qualifiers"]), "confidence": s["confidence"],
              "valid_from": s["valid_from"], "valid_to": s["valid_to"],
              "sources": refs(s["sources"]), "quote": s.get("quote")}
             for s in view.get("statistics", [])]
    return rows


def render_node(view: dict, fmt: str = "text") -> str:
    """The node as ``text`` (fitted to the terminal), ``md``, ``json`` or ``csv``."""
    if fmt == "json":
        return to_json(view)
    if fmt == "csv":
        return to_csv(node_rows(view), CSV_COLUMNS)
    text = render_node_text(view)
    if fmt == "md":
        # the label is a user's text: escaped in the heading, and the fence longer
        # than any run of backticks in the block, so nothing in it ends the block
        fence = "`" * max(3, 1 + max(map(len, re.findall("`+", text)), default=0))
        return f"## {md_text(str(view['label']))}\n\n{fence}\n{text}\n{fence}"
    return fit(text)
