"""The Python API for notebooks: the analyses of the command line, as objects.

Every function takes a graph (from :func:`load`) and returns a result whose ``rows()``
are plain dicts, whose ``to_frame()`` is a tidy pandas DataFrame (``pip install
'mineralgraph[pandas]'``) and which Jupyter shows as a table (pictures as SVG). The
computation is the library's (``mineralgraph.graph``); nothing here is a second copy.

>>> import mineralgraph as mg
>>> g = mg.load()
>>> f35 = mg.chokepoints(g, "product:f-35")
>>> row = f35.rows()[0]
>>> (row["product"], row["node"], row["spof"])
('product:f-35', 'company:honeywell', 'certain')
>>> mg.concentration(g, "material:re-concentrate").rows()[0]["country"]
'country:CN'

The sintered magnets' shares are BIS's (Section 232); the IEA's 94%, read in a repost,
is set aside (design note 5.5):

>>> mg.concentration(g, "material:ndfeb-magnet").rows()[0]["share"]
0.92
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from mineralgraph.exceptions import MineralGraphError
from mineralgraph.graph.analysis import chokepoints as _chokepoints
from mineralgraph.graph.analysis import concentrations
from mineralgraph.graph.analysis.chokepoints import ProductReport
from mineralgraph.graph.analysis.concentration import Concentration
from mineralgraph.graph.analysis.lookups import Dependents, paths_between, scenario_result
from mineralgraph.graph.analysis.lookups import dependents as _dependents
from mineralgraph.graph.analysis.scenario import Scenario
from mineralgraph.graph.supply_graph import SupplyGraph
from mineralgraph.loaders.scenarios import load_scenario
from mineralgraph.reports.common import chokepoint_fields, ends, spof_value


def load(source: str | Path | None = None, *, as_of: date | str | None = None,
         min_confidence: str | None = None, worst_case: bool = False,
         press_figures: bool = False) -> SupplyGraph:
    """The bundled graph, or a snapshot written by ``mineralgraph build``.

    Parameters
    ----------
    source : path, optional
        A snapshot file (``.json``); the bundled dataset when None.
    as_of : date or "YYYY-MM-DD", optional
        Keep only the facts valid on that date.
    min_confidence : {"high", "medium", "low"}, optional
        Leave out the relations rated below this before any analysis.
    worst_case : bool
        Read every analysis of the graph with the wider readings of the addendum, as the
        global ``mineralgraph --worst-case`` does (pools of producers without shares
        bounded instead of split equally, any control reaching untraced materials and
        materials of unstated grade in the lower bound, left-out requirements put back
        there, share sets short of 1 by rounding read as whole). Off by default: the
        answers follow section 5 of the design note.
    press_figures : bool
        Let figures from press, reposts and news articles into every analysis where no
        statistical figure exists, as the global ``mineralgraph --press-figures`` does (a
        material's press set of country shares read for lack of another). Off by
        default: design note 5.5 sets them aside, shown beside the statistical figures.

    Returns
    -------
    SupplyGraph

    Examples
    --------
    >>> import mineralgraph as mg
    >>> mg.load(as_of="2025-06-01").as_of_date
    datetime.date(2025, 6, 1)
    >>> mg.load(worst_case=True).worst_case
    True
    >>> mg.load(press_figures=True).press_figures
    True
    """
    if source is None:
        from mineralgraph.bundled import bundled_claims

        claims = bundled_claims()
    else:
        from mineralgraph.graph.snapshot import load_graph_snapshot

        claims = load_graph_snapshot(Path(source))
    return SupplyGraph(claims, min_confidence=min_confidence, worst_case=worst_case,
                       press_figures=press_figures).as_of(as_of)


def _ids(value: str | Iterable[str] | None) -> list[str] | None:
    if value is None:
        return None
    return [value] if isinstance(value, str) else list(value)


def _scenario(value: str | Path | Scenario | None) -> Scenario | None:
    if value is None or isinstance(value, Scenario):
        return value
    return load_scenario(str(value))


class Table:
    """A result as rows: ``rows()`` (dicts), ``to_frame()`` (pandas), an HTML table in
    Jupyter."""

    def rows(self) -> list[dict]:  # pragma: no cover - each result defines it
        raise NotImplementedError

    def to_frame(self):
        """A tidy pandas DataFrame of :meth:`rows` (needs ``mineralgraph[pandas]``)."""
        try:
            import pandas
        except ImportError:
            raise MineralGraphError("to_frame() needs pandas: pip install "
                                    "'mineralgraph[pandas]'") from None
        return pandas.DataFrame(self.rows())

    def _repr_html_(self) -> str:
        rows = self.rows()
        if not rows:
            return "<p>(no rows)</p>"
        columns = list(rows[0])
        head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
        body = "".join("<tr>" + "".join(f"<td>{html.escape(_text(r.get(c)))}</td>"
                                        for c in columns) + "</tr>" for r in rows)
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _rests_on(data: dict, assumed_share: bool) -> dict:
    """What a row's figure rests on beside its ``confidence``, under the names JSON and
    CSV give them: ``proxies``, ``disputes`` and ``low_confidence`` as lists of their JSON
    entries (``[]`` when none: one type for every "rests on" field, as ``assumed_split``
    is; trial 8, LOW-8) and ``assumed_share``."""
    return {"proxies": [dict(p) for p in data.get("proxies") or []],
            "assumed_share": bool(assumed_share),
            "disputes": [dict(d) for d in data.get("disputes") or []],
            "low_confidence": [dict(w) for w in data.get("low_confidence") or []]}


def _text(value) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


@dataclass
class Chokepoints(Table):
    """The chokepoint reports of :func:`chokepoints`, one per product."""

    reports: list[ProductReport]

    def rows(self) -> list[dict]:
        """One row per product and upstream node, in the report's order, with the keys
        of the JSON row (design note 5.6; built as the CSV's row is,
        :func:`~mineralgraph.reports.common.chokepoint_fields`): ``rank`` is the
        analysis' (the place among the suppliers; None for a material or element),
        ``node`` the row's id; the loss is a range, ``loss_range`` and its two ends
        ``loss_low`` and ``loss_high``, beside ``loss`` (the upper bound's: read the
        range); ``low_confidence``, ``proxies``, ``disputes`` and ``assumed_split`` (what a
        ≈ share assumes) as lists of their JSON entries."""
        rows = []
        for r in self.reports:
            for c in r.chokepoints:
                fields = chokepoint_fields(c.as_dict(), flat=False)
                rows.append({"product": r.product, "rank": fields.pop("rank"),
                             "node": fields.pop("id"), **fields})
        return rows

    def to_frame(self):
        """A tidy pandas DataFrame of :meth:`rows`; ``rank`` is a nullable integer (no
        rank for an input)."""
        frame = super().to_frame()
        if "rank" in frame:
            frame["rank"] = frame["rank"].astype("Int64")
        return frame


def chokepoints(graph: SupplyGraph, products: str | Iterable[str] | None = None, *,
                scenario: str | Path | Scenario | None = None,
                top: int | None = None) -> Chokepoints:
    """What each product cannot do without, ranked (``mineralgraph chokepoints``).

    Parameters
    ----------
    graph : SupplyGraph
    products : id or ids, optional
        Default: every product.
    scenario : name, file or Scenario, optional
        Answer under a what-if (the graph is taken at the scenario's date when it has one
        and the graph has none).
    top : int, optional
        Rows per product.
    """
    chosen = _scenario(scenario)
    if chosen is not None and chosen.as_of and graph.as_of_date is None:
        graph = graph.as_of(chosen.as_of)
    return Chokepoints(_chokepoints(graph, _ids(products), chosen, top))


@dataclass
class ScenarioResult(Table):
    """Loss of every product under a what-if, against the baseline (``data`` is the
    command's JSON)."""

    data: dict

    def rows(self) -> list[dict]:
        """One row per product, hardest hit first; every range as its two ends, as in
        the CSV, and ``loss`` as the JSON gives it (the upper bound's), with
        ``worst_case_loss_low``/``_high`` beside it (what ``--worst-case`` gives). A
        product not made yet on the date comes last, its figures None and ``not_made_yet``
        the date its making starts (None for the others)."""
        def both(name, pair):
            return ends(name, pair) if pair is not None else {f"{name}_low": None,
                                                              f"{name}_high": None}

        return [{"product": r["product"], "label": r["label"],
                 **both("baseline", r["baseline_range"]),
                 **both("availability", r["availability_range"]),
                 "mapped_availability": r.get("mapped_availability"),
                 **both("loss", r["loss_range"]),
                 "loss_range": (list(r["loss_range"]) if r["loss_range"] is not None
                                else None),
                 # the JSON row's ``loss`` (the upper bound's: design note 5.6), under
                 # the same name on every surface (README: read the range, not it alone)
                 "loss": r.get("loss"),
                 # beside it, what --worst-case gives (unknown is not safe)
                 **both("worst_case_loss", r.get("worst_case_loss_range")),
                 "new_spofs": r["new_spofs"],
                 "new_possible_spofs": r.get("new_possible_spofs", []),
                 "confidence": r.get("confidence"),
                 **_rests_on(r, r.get("assumed_share", False)),
                 "not_made_yet": (r.get("not_made_yet") or {}).get("made_from")}
                for r in self.data["products"]]


def scenario(graph: SupplyGraph, name: str | Path | Scenario) -> ScenarioResult:
    """Loss of every product under a what-if, against the baseline (``mineralgraph
    scenario``).

    Parameters
    ----------
    graph : SupplyGraph
    name : name, file or Scenario
        A shipped scenario (``mineralgraph scenario --list``), a YAML file, or a
        :class:`Scenario` (``Scenario("x", remove=("company:mp-materials",))``). The graph
        is taken at the scenario's date when it has one and the graph has none.

    Returns
    -------
    ScenarioResult
        Rows hardest hit first; ``data`` is the command's JSON.

    Examples
    --------
    >>> import mineralgraph as mg
    >>> top = mg.scenario(mg.load(), "cn-2025-04-defence-denial").rows()[0]
    >>> top["product"], top["loss_low"], top["loss_high"]
    ('product:jdam', 0.999951, 0.999951)
    """
    chosen = _scenario(name)
    chosen.check(graph)
    at = graph if graph.as_of_date or not chosen.as_of else graph.as_of(chosen.as_of)
    return ScenarioResult(scenario_result(at, chosen))


@dataclass
class ConcentrationResult(Table):
    """Country shares per material (``items`` are the library's Concentration)."""

    items: list[Concentration]

    def rows(self) -> list[dict]:
        """One row per material and country (rest of world as ``country:XX``)."""
        return [{"material": c.material, "label": c.label, "stage": c.stage, "year": c.year,
                 "country": f"country:{code}", "share": share, "hhi": c.hhi}
                for c in self.items for code, share in c.shares.items()]


def concentration(graph: SupplyGraph,
                  materials: str | Iterable[str] | None = None) -> ConcentrationResult:
    """Country shares, top producers and HHI per material (``mineralgraph concentration``).

    Parameters
    ----------
    graph : SupplyGraph
    materials : id or ids, optional
        Default: every material with country shares.

    Returns
    -------
    ConcentrationResult
        One row per material and country.

    Examples
    --------
    >>> import mineralgraph as mg
    >>> first = mg.concentration(mg.load(), "material:re-concentrate").rows()[0]
    >>> first["country"], first["share"], first["hhi"]
    ('country:CN', 0.685446, 4924.7)
    """
    return ConcentrationResult(concentrations(graph, _ids(materials)))


@dataclass
class DependentsResult(Table):
    """Products depending on a node (``found`` is the library's Dependents)."""

    found: Dependents

    def rows(self) -> list[dict]:
        """One row per product, by id: the loss as a range (``loss_low``, ``loss_high``),
        whether the node is a single point of failure of it, what the loss rests on
        (confidence, a proxy, a disputed claim) and, for a country, an element or a
        material, the requirements no source traces to a country
        (``untraced_requirements``: the high end of the loss takes them as coming from or
        needing it; confidence "unknown" when the untraced rule alone sets the loss)."""
        out = []
        for product in sorted(self.found.losses):
            values = list(self.found.losses[product].values()) or [0.0]
            high = max(max(values), self.found.untraced_losses.get(product, 0.0))
            caveats = self.found.caveats.get(product)
            untraced = self.found.untraced.get(product, [])
            confidence = caveats.confidence if caveats else None
            out.append({"product": product, **ends("loss", (min(values), high)),
                        "spof": spof_value(self.found.spofs.get(product)),
                        "confidence": confidence,
                        **_rests_on(caveats.as_dict() if caveats else {},
                                    bool(caveats and caveats.assumed_share)),
                        "untraced_requirements": list(untraced)})
        return out


def dependents(graph: SupplyGraph, node: str) -> DependentsResult:
    """The products that depend on an element, material, country, company or facility,
    and what each loses without it (``mineralgraph dependents``).

    Parameters
    ----------
    graph : SupplyGraph
    node : str

    Returns
    -------
    DependentsResult
        One row per product, by id.

    Examples
    --------
    >>> import mineralgraph as mg
    >>> rows = mg.dependents(mg.load(), "element:Sm").rows()
    >>> [r["product"] for r in rows]
    ['product:f-35', 'product:jdam', 'product:tomahawk']
    >>> rows = mg.dependents(mg.load(worst_case=True), "element:Sm").rows()
    >>> [r["product"] for r in rows]  # doctest: +NORMALIZE_WHITESPACE
    ['product:columbia-class-submarine', 'product:ddg-51', 'product:f-35', 'product:jdam',
     'product:military-uav', 'product:tomahawk', 'product:virginia-class-submarine']
    """
    return DependentsResult(_dependents(graph, node))


@dataclass
class Paths(Table):
    """Supply paths from ``source`` (upstream) to ``target``."""

    source: str
    target: str
    paths: list

    def rows(self) -> list[dict]:
        """One row per step of each path."""
        return [{"path": i, "step": j, "from": s.source, "to": s.target,
                 "relation": s.relation, "share": s.share, "sources": s.sources}
                for i, path in enumerate(self.paths, 1) for j, s in enumerate(path, 1)]


def paths(graph: SupplyGraph, a: str, b: str, max_paths: int = 20) -> Paths:
    """Supply paths between two nodes, given in either order (``mineralgraph paths``).

    Parameters
    ----------
    graph : SupplyGraph
    a, b : str
        The ends; the answer says which one is upstream.
    max_paths : int
        At most this many paths, shortest first.

    Returns
    -------
    Paths
        One row per step of each path, the way material flows.

    Examples
    --------
    >>> import mineralgraph as mg
    >>> found = mg.paths(mg.load(), "product:f-35", "element:Sm", 1)
    >>> found.source, found.target
    ('element:Sm', 'product:f-35')
    """
    return Paths(*paths_between(graph, a, b, max_paths))


def snapshot_chain(graph: SupplyGraph, node_id: str, scenario: Scenario | None = None,
                   full: bool = False, direction: str | None = None,
                   depth: int | None = None):
    """The chain to draw: the compact picture for a product unless ``full``, else the
    full chain (what ``mineralgraph snapshot`` draws). The analysis runs here, once; the
    picture is drawn from its result."""
    from mineralgraph.graph.analysis.exposure import chain_exposure, exposure
    from mineralgraph.ontology import model
    from mineralgraph.render import build_chain
    from mineralgraph.render.compact import compact_chain

    graph.require(node_id)
    if model.kind_of(node_id) == "Product":
        graph.require_made(node_id)
    if full or direction == "downstream" or depth or model.kind_of(node_id) != "Product":
        return build_chain(graph, chain_exposure(graph, node_id, direction, depth, scenario))
    found = exposure(graph, node_id, scenario)
    return compact_chain(graph, found.report, found.blocked)


@dataclass
class Picture:
    """A snapshot: shown as SVG in Jupyter, written in any format by :meth:`save`."""

    chain: object

    def _repr_svg_(self) -> str:
        from mineralgraph.render import FORMATS

        return FORMATS[".svg"](self.chain).decode("utf-8")

    def save(self, path: str | Path) -> Path:
        """Write the picture; the format comes from the suffix (.svg .png .pdf .html .mmd
        .dot)."""
        from mineralgraph.files import write_atomically
        from mineralgraph.render import FORMATS, format_for

        write_atomically(str(path), FORMATS[format_for(path)](self.chain))
        return Path(path)


def snapshot(graph: SupplyGraph, node: str, *, scenario: str | Path | Scenario | None = None,
             full: bool = False) -> Picture:
    """The supply-chain picture around a node (``mineralgraph snapshot``): compact for a
    product unless ``full``.

    Parameters
    ----------
    graph : SupplyGraph
    node : str
    scenario : name, file or Scenario, optional
        Mark what the what-if blocks.
    full : bool
        Draw a product's whole chain.

    Returns
    -------
    Picture
        Shown as SVG in Jupyter; :meth:`Picture.save` writes any format.

    Examples
    --------
    >>> import mineralgraph as mg
    >>> mg.snapshot(mg.load(), "product:optimus")._repr_svg_()[:4]
    '<svg'
    """
    return Picture(snapshot_chain(graph, node, _scenario(scenario), full))


def brief_content(graph: SupplyGraph, node_id: str, scenario: Scenario | None = None):
    """The content of a one-page brief (:class:`mineralgraph.render.brief.Brief`): the
    analysis runs once (twice under a scenario: with it and the baseline), then the
    brief is drawn from its result."""
    from mineralgraph.graph.analysis.exposure import brief_exposure
    from mineralgraph.render.brief import build_brief

    if scenario is not None and scenario.as_of and graph.as_of_date is None:
        graph = graph.as_of(scenario.as_of)
    if node_id in graph and graph.kind(node_id) == "Product":
        graph.require_made(node_id)
    return build_brief(graph, brief_exposure(graph, node_id, scenario))


@dataclass
class BriefDocument:
    """A one-page brief: shown as HTML in Jupyter, written by :meth:`save` as ``.md``,
    ``.html`` or ``.pdf``."""

    content: object

    def _repr_html_(self) -> str:
        from mineralgraph.render.brief import to_html

        return to_html(self.content).decode("utf-8")

    def to_markdown(self) -> str:
        """The brief as plain Markdown (the picture as a Mermaid block)."""
        from mineralgraph.render.brief import to_markdown

        return to_markdown(self.content).decode("utf-8")

    def save(self, path: str | Path, paper: str = "a4") -> Path:
        """Write the brief; the format comes from the suffix (.md .html .pdf)."""
        from mineralgraph.files import write_atomically
        from mineralgraph.render import format_for
        from mineralgraph.render.brief import BRIEF_FORMATS, to_html, to_pdf

        suffix = format_for(path, BRIEF_FORMATS)
        writers = {**BRIEF_FORMATS, ".pdf": lambda b: to_pdf(b, paper),
                   ".html": lambda b: to_html(b, paper)}
        write_atomically(str(path), writers[suffix](self.content))
        return Path(path)


def brief(graph: SupplyGraph, node: str, *,
          scenario: str | Path | Scenario | None = None) -> BriefDocument:
    """A one-page brief on a node (``mineralgraph brief``): summary, snapshot, chokepoint
    table, the scenario's results, numbered sources.

    Parameters
    ----------
    graph : SupplyGraph
    node : str
        A product (its chokepoints), or any other node (the products that depend on it).
    scenario : name, file or Scenario, optional
        Add the results of a what-if (the graph is taken at the scenario's date when it
        has one and the graph has none).

    Examples
    --------
    >>> import mineralgraph as mg
    >>> doc = mg.brief(mg.load(), "product:optimus")
    >>> doc.content.title
    'Tesla Optimus humanoid robot: supply-chain brief'
    """
    return BriefDocument(brief_content(graph, node, _scenario(scenario)))


__all__ = ["BriefDocument", "Chokepoints", "ConcentrationResult", "DependentsResult", "Paths",
           "Picture", "ScenarioResult", "Table", "brief", "brief_content", "chokepoints",
           "concentration", "dependents", "load", "paths", "scenario", "snapshot",
           "snapshot_chain"]
