"""Scoring the news loader against the hand-annotated articles in ``tests/data/news/``.

Each article ``NN-name.{txt,md,html}`` has ``NN-name.expected``: one scored claim a line,
``subject predicate object [material=ID] [from=DATE] [to=DATE] [modality=M] [partner=ID]``,
and ``unresolved: NAME`` lines. Scored claims are the facts an article adds: relations
(not ``MENTIONS``), the attributes ``regime``, ``decision``, ``announced_on``,
``effective_from``, ``effective_to``, and the article's figures ``reported_share``,
``reported_trade_change``, ``reported_quantity``. Node definitions (labels, symbols, the
source's title) and mentions are not scored.

``articles/`` is the development set (rules written against it); ``heldout/`` is the
held-out set, annotated before the rules saw it and never tuned on.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

SCORED_ATTRIBUTES = ("regime", "decision", "announced_on", "effective_from", "effective_to",
                     "reported_share", "reported_trade_change", "reported_quantity")
ARTICLES = Path(__file__).parent / "data" / "news" / "articles"
HELDOUT = Path(__file__).parent / "data" / "news" / "heldout"
#: Scoring reads the controls an article names that no known one matches (``build`` withholds
#: them by default; ``--news-new-controls`` adds them).
NEW_CONTROLS = {"news_new_controls": True}


#: The noun of a licence decision in the id of a forecast or plan of one.
DECISION_NOUN = {"approved": "approval", "denied": "denial", "expedited": "expediting",
                 "under-review": "review"}


def modal_id(subject: str, modality: str | None) -> str:
    """A forecast's or plan's licence id by today's rule (``...-to-us-denial-expected``) when
    written by the rule before it (``...-to-us-denied`` with the modality beside it), so that
    annotations and readers of either time score alike (tests/data/news/README.md, twelfth
    pass); every other id as it is.

    >>> modal_id("licence:cn-2025-05-13-to-us-expedited", "expected")
    'licence:cn-2025-05-13-to-us-expediting-expected'
    >>> modal_id("licence:cn-2025-05-13-to-us-expedited", None)
    'licence:cn-2025-05-13-to-us-expedited'
    """
    if not subject.startswith("licence:") or modality not in ("expected", "planned"):
        return subject
    for decision, noun in DECISION_NOUN.items():
        if subject.endswith(f"-{decision}"):
            return f"{subject[:-len(decision)]}{noun}-{modality}"
    return subject


def claim_key(claim) -> tuple:
    """The scored form of a claim: ids, value, material, validity dates."""
    valid_from = claim.valid_from.isoformat() if claim.valid_from else None
    valid_to = claim.valid_to.isoformat() if claim.valid_to else None
    if claim.predicate == "regime":
        valid_from = None
    if claim.predicate.startswith("reported_"):
        valid_to = None
    obj = claim.object.isoformat() if hasattr(claim.object, "isoformat") else str(claim.object)
    if isinstance(claim.object, float):
        obj = f"{claim.object:.12g}"   # 34340000, not 3.434e+07
    subject = modal_id(claim.subject, claim.qualifier("modality"))
    return (subject, claim.predicate, obj, claim.qualifier("material"), valid_from,
            valid_to, claim.qualifier("modality"), claim.qualifier("partner"))


def scored(claims) -> set[tuple]:
    return {claim_key(c) for c in claims
            if (c.is_relation and c.predicate != "MENTIONS") or c.predicate in SCORED_ATTRIBUTES}


def read_expected(path: Path) -> tuple[set[tuple], set[str]]:
    """The claims and unresolved names annotated in ``path``; a claim's line may end with a
    comment (`` # withheld: REASON``: a true claim the precision gate withholds)."""
    claims, unresolved = set(), set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split(" # ", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("unresolved:"):
            unresolved.add(line.partition(":")[2].strip())
            continue
        claims.add(line_key(line))
    return claims, unresolved


def withheld_expected(path: Path) -> set[tuple]:
    """The annotated claims marked ``# withheld: REASON``: true claims of the article that the
    precision gate (``mineralgraph.loaders.news_precision``) does not add as facts; scoring
    counts them as expected (a miss), the exact tests expect the reader to withhold them."""
    return {line_key(line.split(" # ", 1)[0].strip())
            for line in path.read_text(encoding="utf-8").splitlines()
            if " # withheld:" in line and not line.startswith("#")}


def line_key(line: str) -> tuple:
    """The scored form of one annotated claim line."""
    subject, predicate, obj, *rest = line.split()
    extra = dict(item.split("=", 1) for item in rest)
    return (modal_id(subject, extra.get("modality")), predicate, obj, extra.get("material"),
            extra.get("from"), extra.get("to"),
            extra.get("modality"), extra.get("partner"))


@dataclass
class Score:
    """Counts over a set of articles, and the misses for reading."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    utp: int = 0
    ufp: int = 0
    ufn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def unresolved_precision(self) -> float:
        return self.utp / (self.utp + self.ufp) if self.utp + self.ufp else 1.0

    @property
    def unresolved_recall(self) -> float:
        return self.utp / (self.utp + self.ufn) if self.utp + self.ufn else 1.0


def articles(directory: Path = ARTICLES) -> list[Path]:
    return sorted(p for p in directory.iterdir() if p.suffix in (".txt", ".md", ".html")
                  and p.stem.upper() != "README")   # a round's notes are no article


def evaluate(known, report=None, directory: Path = ARTICLES, only=None) -> Score:
    """Precision and recall of claims and of unresolved mentions over every article (or
    those whose file name is in ``only``)."""
    from mineralgraph.loaders import LoadContext
    from mineralgraph.loaders.news import load_news

    score = Score()
    for path in articles(directory):
        if only is not None and path.name not in only:
            continue
        expected, expected_unresolved = read_expected(path.with_suffix(".expected"))
        result = load_news(path, LoadContext(known=known, options=dict(NEW_CONTROLS)))
        got = scored(result.claims)
        names = {u.rsplit(" (", 1)[0] for u in result.unresolved}
        score.tp += len(got & expected)
        score.fp += len(got - expected)
        score.fn += len(expected - got)
        score.utp += len(names & expected_unresolved)
        score.ufp += len(names - expected_unresolved)
        score.ufn += len(expected_unresolved - names)
        if report is not None:
            for item in sorted(got - expected, key=str):
                report.append(f"{path.name}: extra {item}")
            for item in sorted(expected - got, key=str):
                report.append(f"{path.name}: missed {item}")
            for name in sorted(names ^ expected_unresolved):
                report.append(f"{path.name}: unresolved {'extra' if name in names else 'missed'}"
                              f" {name}")
    return score
