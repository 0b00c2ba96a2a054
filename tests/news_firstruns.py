"""Re-read each blind round with the rules of the commit that first read it, and apply
today's precision gate to what they gave (tests/data/news/README.md, "Third pass").

Usage: ``python tests/news_firstruns.py`` from the repository (needs git). Each round's
rules are taken with ``git archive`` into a temporary folder and run in a process of their
own on today's articles and annotations; the claims they give are then scored, and scored
again without the event nodes today's gate would not have made (a new control its own
sentence does not identify, a restatement without its day, two months in one sentence, a
modal verb, a negation, a question).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import tempfile
from datetime import date
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: round: (commit whose rules first read it, folder, first and last article number)
ROUNDS = {1: ("18dd419", "articles", 93, 121), 2: ("bf836ae", "articles", 122, 151),
          3: ("985f20c", "articles", 152, 171), 4: ("f7d369d", "heldout", 172, 191),
          5: ("cd563db", "heldout", 192, 201), 6: ("f266d15", "heldout", 111, 120),
          7: ("013cc1c", "articles", 202, 209), 8: ("2f57f58", "articles", 210, 217),
          9: ("b0f6439", "articles", 218, 225), 10: ("4708532", "articles", 226, 241)}

READ = r'''
import json, re, sys
from pathlib import Path
# the round's rules, not an installed (editable) mineralgraph
sys.meta_path[:] = [f for f in sys.meta_path if "editable" not in getattr(
    f, "__module__", "") + getattr(f, "__name__", "") + type(f).__module__]
sys.path.insert(0, sys.argv[5])
sys.path.insert(0, sys.argv[1])
from news_eval import NEW_CONTROLS, claim_key, read_expected, SCORED_ATTRIBUTES
from mineralgraph.loaders import LoadContext
from mineralgraph.loaders.news import load_news
from mineralgraph.loaders.curated import load_curated
from mineralgraph.graph.supply_graph import SupplyGraph
data = Path(sys.argv[1]) / "data" / "news"
known = SupplyGraph(load_curated(data / "graph").claims)
out = []
for p in sorted((data / sys.argv[2]).iterdir()):
    number = re.match(r"h?(\d+)", p.name)
    if p.suffix not in (".txt", ".md", ".html") or not number \
            or not int(sys.argv[3]) <= int(number.group(1)) <= int(sys.argv[4]):
        continue
    expected, _ = read_expected(p.with_suffix(".expected"))
    result = load_news(p, LoadContext(known=known, options=dict(NEW_CONTROLS)))
    got = {}
    for c in result.claims:
        if (c.is_relation and c.predicate != "MENTIONS") or c.predicate in SCORED_ATTRIBUTES:
            got.setdefault(claim_key(c), c)
    out += [dict(article=p.name, key=list(k), ok=k in expected, quote=c.quote,
                 published=result.report["published"]) for k, c in got.items()]
    out += [dict(article=p.name, key=list(k), ok=None) for k in expected - set(got)]
import mineralgraph
assert mineralgraph.__file__.startswith(sys.argv[5]), mineralgraph.__file__
print(json.dumps(out))
'''


def first_run(commit: str, folder: str, low: int, high: int) -> list[dict]:
    """The claims the rules of ``commit`` give on today's articles of one round."""
    archive = subprocess.run(["git", "archive", commit, "mineralgraph"], cwd=ROOT,
                             capture_output=True, check=True).stdout
    with tempfile.TemporaryDirectory() as tree:
        tarfile.open(fileobj=BytesIO(archive)).extractall(tree, filter="data")
        done = subprocess.run([sys.executable, "-c", READ, str(ROOT / "tests"), folder,
                               str(low), str(high), tree], capture_output=True, text=True,
                              check=True)
    return json.loads(done.stdout)


def gated(node: list[dict], known_controls: set[str]) -> str | None:
    """Why today's gate would not have made this event node, or None."""
    from mineralgraph.loaders import news
    from mineralgraph.loaders.dates import find_dates

    quote = next((r["quote"] for r in node if r["key"][1] == "ISSUED_BY" and r["quote"]),
                 next((r["quote"] for r in node if r["quote"]), None))
    if quote is None:
        return None
    if news.QUESTION.search(quote) or news.NEGATED.search(quote):
        return "negated or a question"
    subject = node[0]["key"][0]
    if not subject.startswith("control:"):
        return None
    if news.NewsReader.modal_event(quote):
        return "modal"
    if subject in known_controls:
        return None
    published = date.fromisoformat(node[0]["published"])
    cut = news.CLAUSE_BREAK.search(quote)
    clause = quote[:cut.start()] if cut else quote
    items = [m for m in gazetteer().mentions(clause)
             if news.model.kind_of(m.id) in ("Element", "Material")]
    if not (items or any(r["key"][1] == "TARGETS" for r in node)
            or news.REFERENCE.search(quote) or news.RARE_EARTH.search(clause)
            or news.INSTRUMENT.search(clause)):
        return "not identified"
    dates = find_dates(quote, published)
    months = {(d.year, d.month) for d, start, end in dates
              if news.MONTH_ONLY.fullmatch(quote[start:end].strip())
              and not news.EFFECTIVE_CUE.search(quote[max(0, start - 40):start])
              and not news.UNTIL_CUE.search(quote[max(0, start - 40):start])}
    day = any(not news.MONTH_ONLY.fullmatch(quote[s:e].strip()) for _, s, e in dates)
    if not day and (news.RESTATED.search(quote) or news.PASSIVE_PAST.search(clause)
                    or news.STATE_SINCE.search(clause)):
        return "restated"
    return "two months" if len(months) > 1 else None


_GAZETTEER = []


def gazetteer():
    if not _GAZETTEER:
        from mineralgraph.graph.supply_graph import SupplyGraph
        from mineralgraph.loaders.curated import load_curated
        from mineralgraph.loaders.mentions import Gazetteer

        graph = SupplyGraph(load_curated(ROOT / "tests" / "data" / "news" / "graph").claims)
        _GAZETTEER.append((Gazetteer(graph), set(graph.ids("ExportControl"))))
    return _GAZETTEER[0][0]


def main() -> None:
    gazetteer()
    known_controls = _GAZETTEER[0][1]
    totals = [0, 0, 0, 0]
    for number, (commit, folder, low, high) in ROUNDS.items():
        records = first_run(commit, folder, low, high)
        nodes: dict[tuple, list[dict]] = {}
        for r in records:
            if r["ok"] is not None and r["key"][0].startswith(("control:", "licence:")):
                nodes.setdefault((r["article"], r["key"][0]), []).append(r)
        dropped = {k for k, node in nodes.items() if gated(node, known_controls)}
        tp = sum(1 for r in records if r["ok"])
        fp = sum(1 for r in records if r["ok"] is False)
        gtp = sum(1 for r in records if r["ok"] and (r["article"], r["key"][0]) not in dropped)
        gfp = sum(1 for r in records if r["ok"] is False
                  and (r["article"], r["key"][0]) not in dropped)
        claims = tp + sum(1 for r in records if r["ok"] is None)
        for i, v in enumerate((tp, fp, gtp, gfp)):
            totals[i] += v
        totals.append(claims)
        print(f"round {number} ({commit}): P {tp / (tp + fp):.2f} ({tp}/{tp + fp}), "
              f"gated {gtp / (gtp + gfp):.2f} ({gtp}/{gtp + gfp}); R {tp / claims:.2f} "
              f"({tp}/{claims}), gated {gtp / claims:.2f}")
    tp, fp, gtp, gfp = totals[:4]
    claims = sum(totals[4:])
    print(f"all nine: P {tp / (tp + fp):.3f} ({tp}/{tp + fp}), gated {gtp / (gtp + gfp):.3f} "
          f"({gtp}/{gtp + gfp}); R {tp / claims:.3f} ({tp}/{claims}), gated "
          f"{gtp / claims:.3f}")


if __name__ == "__main__":
    main()
