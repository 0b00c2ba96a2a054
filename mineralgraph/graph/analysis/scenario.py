"""Scenarios: named what-ifs (nodes removed, export controls enforced) at a date.

A :class:`Scenario` says what to take out (``remove``), which export controls of the
graph to enforce (``enforce``, optionally narrowed by end use and target), and which
hypothetical controls to add (``restrict``). Scenario files are read by
:mod:`mineralgraph.loaders.scenarios`. Every id is checked against the graph
before anything runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from mineralgraph.exceptions import InputError, UnknownIdError
from mineralgraph.graph.supply_graph import SupplyGraph


@dataclass(frozen=True)
class Restriction:
    """Exports of ``covers`` from ``issuer`` denied for products of ``end_uses`` made in
    ``targets`` (empty: all). ``control`` names the export control it enforces, if any."""

    issuer: str
    covers: tuple[str, ...]
    end_uses: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    control: str | None = None


@dataclass(frozen=True)
class Scenario:
    """A named set of removed nodes and restrictions, at an optional date."""

    name: str
    title: str = ""
    remove: tuple[str, ...] = ()
    enforce: tuple[dict, ...] = ()
    restrict: tuple[Restriction, ...] = ()
    as_of: date | None = None
    sources: tuple[str, ...] = ()
    description: str = ""
    notes: tuple[str, ...] = field(default=(), compare=False)
    #: The file it was read from, and each id's (field, line) there, for error messages.
    path: str | None = field(default=None, compare=False)
    lines: dict = field(default_factory=dict, compare=False, repr=False)

    def restrictions(self, graph: SupplyGraph) -> tuple[Restriction, ...]:
        """The scenario's restrictions, with each enforced control read from the graph.

        A control that is not in force on the graph's as-of date enforces nothing.
        """
        out = list(self.restrict)
        for item in self.enforce:
            control = item["control"]
            if not control_in_force(graph, control, graph.as_of_date):
                continue
            end_uses = tuple(item.get("end_use") or graph.values(control, "end_use"))
            out.append(Restriction(
                issuer=(graph.neighbours(control, "ISSUED_BY") or ["?"])[0],
                covers=tuple(graph.neighbours(control, "COVERS")), end_uses=end_uses,
                targets=tuple(item.get("targets") or graph.neighbours(control, "TARGETS")),
                control=control))
        return tuple(out)

    def plus(self, remove=(), enforce=()) -> Scenario:
        """This scenario with more nodes removed and more export controls enforced.

        The name gains ``+ad-hoc`` and the title says what was added; an empty scenario
        named ``ad-hoc`` (nothing but the additions) is titled by them alone.

        >>> s = Scenario("ad-hoc").plus(remove=["company:x"], enforce=["control:y"])
        >>> s.name, s.title
        ('ad-hoc', 'without company:x; enforcing control:y')
        >>> s.remove, s.enforce
        (('company:x',), ({'control': 'control:y'},))
        >>> Scenario("base", "Base").plus(remove=["company:x"]).title
        'Base; also without company:x'
        """
        if not (remove or enforce):
            return self
        extra = "; ".join(part for part in (
            f"without {', '.join(remove)}" if remove else "",
            f"enforcing {', '.join(enforce)}" if enforce else "") if part)
        named = not (self.name == "ad-hoc" and not self.title)
        return replace(self, name=f"{self.name}+ad-hoc" if named else "ad-hoc",
                       title=f"{self.title}; also {extra}" if named else extra,
                       remove=self.remove + tuple(remove),
                       enforce=self.enforce + tuple({"control": c} for c in enforce))

    def ids(self) -> list[str]:
        """Every node id the scenario names."""
        ids = list(self.remove) + [item["control"] for item in self.enforce]
        for r in self.restrict:
            ids += [r.issuer, *r.covers, *r.targets]
        return ids + list(self.sources)

    def check(self, graph: SupplyGraph) -> Scenario:
        """This scenario when every id it names is in the graph; UnknownIdError otherwise."""
        kinds = [(i, None) for i in self.ids()]
        kinds += [(item["control"], "ExportControl") for item in self.enforce]
        for node_id, kind in kinds:
            try:
                graph.require(node_id, kind)
            except UnknownIdError as exc:
                if self.path is None:
                    raise
                field_name, line = self.lines.get(node_id, (None, None))
                raise InputError(self.path, line, field_name, str(exc)) from None
        return self


def control_in_force(graph: SupplyGraph, control: str, when: date | None) -> bool:
    """Whether an export control is in force on ``when`` (None: today's data, not lifted)."""
    start = graph.attribute(control, "effective_from")
    end = graph.attribute(control, "effective_to")
    if when is None:
        return end is None
    return (start is None or start <= when) and (end is None or when < end)


def dated_node_in_force(graph: SupplyGraph, node_id: str, when: date | None) -> bool:
    """Whether a dated node (an export control, a licence decision) applies on ``when``:
    it has started (``effective_from``, else ``announced_on``) and not ended
    (``effective_to``). Nodes without dates, and any node when ``when`` is None, apply."""
    if when is None:
        return True
    start = graph.attribute(node_id, "effective_from") or graph.attribute(node_id,
                                                                          "announced_on")
    end = graph.attribute(node_id, "effective_to")
    return (start is None or start <= when) and (end is None or when < end)
