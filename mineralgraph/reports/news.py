"""The per-article report of the news loader, as text for people (JSON is the dict itself).

>>> print(article_report_text({"article": "a.txt", "sentences": 3, "claims_added": 0,
...                            "skipped": [], "mentions": {"resolved": [], "unresolved": []}}))
a.txt: nothing to extract (3 sentences read); nothing added
>>> print(article_report_text({"article": "b.txt", "sentences": 1, "claims_added": 0,
...     "skipped": [{"line": 5, "reason": "ambiguous: a known control found by its topic "
...                  "alone", "sentence": "China lifted its curbs."}]}))
b.txt: nothing added; 1 sentence skipped (reasons below)
  skipped line 5 (ambiguous: a known control found by its topic alone): 'China lifted its curbs.'
"""

from __future__ import annotations

import json
from collections.abc import Callable

from mineralgraph.cells import cell, shortened

#: The kinds of a skipped sentence (the loader's report marks each, ``kind``) that leave an
#: article with "nothing to extract": boilerplate (tag lists, credits, ...) and a sentence
#: in which nothing was found; a sentence read as an event and skipped with its reason is not.
NOTHING_TO_EXTRACT = frozenset({"boilerplate", "nothing found"})


def article_report_text(report: dict) -> str:
    """What one article gave, in a few lines; one line when it gave nothing."""
    withheld = (f"new controls withheld (no known control matches; build "
                f"--news-new-controls adds them): {'; '.join(report['new_controls'])}"
                if report.get("new_controls_withheld") else "")
    held = [f"  {item['reason']} (line {item['line']}): {item['claim']}"
            for item in report.get("withheld", [])]
    skipped = [f"  skipped line {item['line']} ({item['reason']}): "
               f"{shortened(item['sentence'])!r}" for item in report.get("skipped", [])]
    if not report.get("claims_added"):
        if held:
            return "\n".join([f"{report['article']}: nothing added; {len(held)} claims "
                              "withheld by the precision gate (reasons below)"] + held
                             + skipped)
        if withheld:
            return "\n".join([f"{report['article']}: nothing added; {withheld}"] + skipped)
        found = [item for item in report.get("skipped", [])
                 if item.get("kind", "skipped") not in NOTHING_TO_EXTRACT]
        if found:
            # a sentence read as an event and skipped with its reason is no "nothing to
            # extract" (trial 7's MED-2): the report says what was skipped and why, every
            # sentence not read counted and listed (trial 8's MED-1)
            count = len(report["skipped"])
            return "\n".join([f"{report['article']}: nothing added; {count} "
                              f"sentence{'' if count == 1 else 's'} skipped "
                              "(reasons below)"] + skipped)
        count = report["sentences"]
        return (f"{report['article']}: nothing to extract ({count} sentence"
                f"{'' if count == 1 else 's'} read); nothing added")
    where = ", ".join(str(x) for x in (report.get("publisher"), report.get("published")) if x)
    lines = [f"{report['article']} ({where}): {report['claims_added']} claims added "
             f"as {report['source']}"]
    if report.get("decisions"):
        lines.append("  decisions: " + "; ".join(report["decisions"]))
    if report.get("modal"):
        lines.append("  forecasts and plans (never decisions): " + "; ".join(report["modal"]))
    others = [e for e in report.get("events", [])
              if not any(d.startswith(e + " ") for d in report.get("decisions", [])
                         + report.get("modal", []))]
    if others:
        lines.append("  controls: " + "; ".join(others))
    for node, known in report.get("possible_duplicates", {}).items():
        lines.append(f"  possible duplicate: {node} may be the known {' or '.join(known)} "
                     "(same issuer, decision and month; not merged)")
    if withheld:
        lines.append(f"  {withheld}")
    elif report.get("new_controls"):
        lines.append("  new controls (no known control matched): "
                     + "; ".join(report["new_controls"]))
    if report.get("figures"):
        lines.append("  figures of the article (beside the statistics, not in the analysis): "
                     + "; ".join(report["figures"]))
    if report.get("dated_by_article"):
        lines.append(f"  {report['dated_by_article']} claims dated by the article's date "
                     "(the text gives none; marked dated_by=article)")
    mentions = report.get("mentions", {})
    resolved, unresolved = mentions.get("resolved", []), mentions.get("unresolved", [])
    lines.append(f"  mentions: {len(resolved)} resolved"
                 + (f" ({', '.join(resolved)})" if resolved else "")
                 + (f"; unresolved: {', '.join(unresolved)}" if unresolved else ""))
    lines.extend(held)
    lines.extend(skipped)
    return "\n".join(lines)


def article_reports_json(reports: list[dict]) -> str:
    """The reports of several articles as one JSON document."""
    return json.dumps({"articles": reports}, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def _sources(claim) -> str:
    return f"<{', '.join(claim.sources)}>"


def figure_value(claim) -> str:
    """An article's trade figure as it reads: ``-93%`` for a change, else the quantity
    with its unit."""
    unit = f" {claim.qualifier('unit')}" if claim.qualifier("unit") else ""
    return (f"{claim.object:+.0%}" if claim.predicate == "reported_trade_change"
            else f"{cell(claim.object)}{unit}")


def _figure_text(claim) -> str:
    flow, partner = claim.qualifier("flow"), claim.qualifier("partner")
    way = "to" if flow == "export" else "from"
    return (f"{claim.subject} {flow} {way} {partner} of {claim.qualifier('material')}, "
            f"{claim.qualifier('period')}: {figure_value(claim)}")


def _statistic_text(claim) -> str:
    amount = claim.qualifier("amount")
    value = claim.qualifier("trade_value")
    figure = (f"{cell(amount)} {claim.qualifier('unit') or ''}".strip() if amount is not None
              else f"{cell(value)} USD" if value is not None
              else f"share {cell(claim.qualifier('share'))}")
    when = f"{claim.valid_from} to {claim.valid_to}" if claim.valid_from \
        else f"year {claim.qualifier('year')}"
    return f"{claim.subject} EXPORTS_TO {claim.object}: {figure} ({when})"


def beside_text(besides, cite: Callable | None = None) -> list[str]:
    """Lines putting each article trade figure (:class:`mineralgraph.graph.reported.Beside`)
    beside the statistical figures of the same flow and month; ``cite`` gives a claim's
    source marks (default: the source ids).

    >>> from mineralgraph.claim import Claim
    >>> from mineralgraph.graph.reported import Beside
    >>> figure = Claim("country:CN", "reported_trade_change", -0.93, (("flow", "export"),
    ...     ("material", "element:Ga"), ("partner", "country:US"),
    ...     ("period", "2025-05")), ("source:w",))
    >>> print("\\n".join(beside_text([Beside(figure, ())])))
    country:CN export to country:US of element:Ga, 2025-05: -93% (the article) <source:w>
      beside: no statistical figure of the same flow and month in the graph
    """
    cite = cite or _sources
    lines = []
    for item in besides:
        kind = "the article"
        lines.append(f"{_figure_text(item.figure)} ({kind}) {cite(item.figure)}")
        if not item.statistics:
            lines.append("  beside: no statistical figure of the same flow and month in the "
                         "graph")
        for claim in item.statistics:
            lines.append(f"  beside: {_statistic_text(claim)} {cite(claim)}")
    return lines
