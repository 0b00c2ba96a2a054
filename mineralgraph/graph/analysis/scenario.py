"""Scenarios: named what-ifs (nodes removed, export controls enforced) at a date.

A scenario file is YAML::

    name: cn-rare-earths-defence-denial
    title: China denies April 2025 rare-earth licences to defence end users
    as_of: 2025-06-01            # optional
    remove: [company:mp-materials]
    enforce:                     # export controls of the graph, optionally narrowed
      - control: control:cn-2025-04-rare-earths
        end_use: [defence]
    restrict:                    # hypothetical controls not in the graph
      - issuer: country:CN
        covers: [element:Nd, element:Dy]
        end_use: []              # empty: every end use
        targets: []              # empty: exports to every country
    sources: [source:...]        # what motivates the scenario (optional)

Every id is checked against the graph before anything runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path

import yaml

from mineralgraph.exceptions import InputError, MineralGraphError
from mineralgraph.graph.supply_graph import SupplyGraph
from mineralgraph.loaders.values import parse_date


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

    def ids(self) -> list[str]:
        """Every node id the scenario names."""
        ids = list(self.remove) + [item["control"] for item in self.enforce]
        for r in self.restrict:
            ids += [r.issuer, *r.covers, *r.targets]
        return ids + list(self.sources)

    def check(self, graph: SupplyGraph) -> Scenario:
        """This scenario when every id it names is in the graph; UnknownIdError otherwise."""
        for node_id in self.ids():
            graph.require(node_id)
        for item in self.enforce:
            graph.require(item["control"], "ExportControl")
        return self


def control_in_force(graph: SupplyGraph, control: str, when: date | None) -> bool:
    """Whether an export control is in force on ``when`` (None: today's data, not lifted)."""
    start = graph.attribute(control, "effective_from")
    end = graph.attribute(control, "effective_to")
    if when is None:
        return end is None
    return (start is None or start <= when) and (end is None or when < end)


SCENARIO_FOLDER = "scenarios"


def shipped_scenarios() -> dict[str, Path]:
    """Name -> file of the scenarios shipped with the package."""
    folder = Path(str(resources.files("mineralgraph").joinpath("data", SCENARIO_FOLDER)))
    return {p.stem: p for p in sorted(folder.glob("*.yaml"))}


def load_scenario(name_or_path: str) -> Scenario:
    """A shipped scenario by name, or a scenario file by path."""
    shipped = shipped_scenarios()
    if name_or_path in shipped:
        return read_scenario(shipped[name_or_path])
    path = Path(name_or_path)
    if path.suffix in (".yaml", ".yml"):
        if not path.is_file():
            raise InputError(str(path), None, None, "no such scenario file")
        return read_scenario(path)
    import difflib

    close = difflib.get_close_matches(name_or_path, list(shipped), n=3, cutoff=0.4)
    hint = f" (did you mean {', '.join(close)}?)" if close else ""
    raise MineralGraphError(f"no scenario named {name_or_path!r}{hint}; "
                            "see `mineralgraph scenario --list`")


def _list(data: dict, key: str, path: Path) -> tuple:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise InputError(str(path), None, key, "must be a list")
    return tuple(value)


def read_scenario(path: Path) -> Scenario:
    """Read and check the shape of a scenario file (ids are checked by :meth:`Scenario.check`)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(str(path), mark.line + 1 if mark else None, None,
                         f"not valid YAML ({getattr(exc, 'problem', exc)})") from None
    except UnicodeDecodeError:
        raise InputError(str(path), None, None, "not UTF-8") from None
    if not isinstance(data, dict):
        raise InputError(str(path), None, None, "a scenario file is a YAML mapping")
    unknown = set(data) - {"name", "title", "description", "as_of", "remove", "enforce",
                           "restrict", "sources"}
    if unknown:
        raise InputError(str(path), None, sorted(unknown)[0], "not a scenario field")
    as_of = data.get("as_of")
    if as_of is not None and not isinstance(as_of, date):
        try:
            as_of = parse_date(str(as_of))
        except ValueError as exc:
            raise InputError(str(path), None, "as_of", str(exc)) from None
    enforce = []
    for item in _list(data, "enforce", path):
        item = {"control": item} if isinstance(item, str) else dict(item)
        if "control" not in item:
            raise InputError(str(path), None, "enforce", "each item needs a control id")
        enforce.append(item)
    restrict = []
    for item in _list(data, "restrict", path):
        if not isinstance(item, dict) or "issuer" not in item or not item.get("covers"):
            raise InputError(str(path), None, "restrict", "each item needs issuer and covers")
        restrict.append(Restriction(item["issuer"], tuple(item["covers"]),
                                    tuple(item.get("end_use") or ()),
                                    tuple(item.get("targets") or ())))
    return Scenario(name=str(data.get("name") or path.stem), title=str(data.get("title") or ""),
                    remove=_list(data, "remove", path), enforce=tuple(enforce),
                    restrict=tuple(restrict), as_of=as_of,
                    sources=_list(data, "sources", path),
                    description=str(data.get("description") or ""))
