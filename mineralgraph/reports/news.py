"""The per-article report of the news loader, as text for people (JSON is the dict itself).

>>> print(article_report_text({"article": "a.txt", "sentences": 3, "claims_added": 0,
...                            "skipped": [], "mentions": {"resolved": [], "unresolved": []}}))
a.txt: nothing to extract (3 sentences read); nothing added
"""

from __future__ import annotations

import json


def _shorten(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 3].rstrip() + "..."


def article_report_text(report: dict) -> str:
    """What one article gave, in a few lines; one line when it gave nothing."""
    withheld = (f"new controls withheld (no known control matches; build "
                f"--news-new-controls adds them): {'; '.join(report['new_controls'])}"
                if report.get("new_controls_withheld") else "")
    if not report.get("claims_added"):
        if withheld:
            return f"{report['article']}: nothing added; {withheld}"
        return (f"{report['article']}: nothing to extract ({report['sentences']} sentences "
                f"read); nothing added")
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
    for item in report.get("skipped", []):
        lines.append(f"  skipped line {item['line']} ({item['reason']}): "
                     f"{_shorten(item['sentence'])!r}")
    return "\n".join(lines)


def article_reports_json(reports: list[dict]) -> str:
    """The reports of several articles as one JSON document."""
    return json.dumps({"articles": reports}, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
