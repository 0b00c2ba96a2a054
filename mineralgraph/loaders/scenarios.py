"""Scenario files: read a what-if from YAML, checking every field and naming its line.

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

A list field also takes a single value (``end_use: defence``). Everything that can be
checked without the graph is checked here: the fields and keys, duplicate keys, dates,
that ids are ids of the right kind (an issuer is a country), end uses are the
ontology's words. A mistake would otherwise make a scenario silently change nothing.
Ids that are not in the graph are found by :meth:`Scenario.check`, which also names
the line, from :attr:`Scenario.lines`.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "what-if.yaml"
>>> _ = path.write_text("name: w\\nenforce:\\n  - control: control:cn-2025-04-rare-earths\\n"
...                     "    end_use: defense\\n")
>>> read_scenario(path)
Traceback (most recent call last):
...
mineralgraph.exceptions.InputError: ...what-if.yaml:4: end_use: 'defense' is not one of \
automotive, defence, electronics, energy, industrial, robotics
"""

from __future__ import annotations

import difflib
from importlib import resources
from pathlib import Path

import yaml

from mineralgraph.exceptions import InputError, MineralGraphError, a_kind
from mineralgraph.graph.analysis.scenario import Restriction, Scenario
from mineralgraph.graph.flow import SUPPLY_NODE_KINDS
from mineralgraph.ontology import model
from mineralgraph.values import parse_date, parse_text

SCENARIO_FOLDER = "scenarios"
TEXT_FIELDS = ("name", "title", "description")
#: List fields of the file and the item keys that hold ids: key -> the kinds they may have.
ID_KINDS = {"remove": SUPPLY_NODE_KINDS,
            "sources": ("Source",), "control": ("ExportControl",),
            "issuer": ("Country",), "covers": ("Element", "Material"), "targets": ("Country",)}
ENFORCE_KEYS = ("control", "end_use", "targets")
RESTRICT_KEYS = ("issuer", "covers", "end_use", "targets")
FIELDS = (*TEXT_FIELDS, "as_of", "remove", "enforce", "restrict", "sources")


class _Loader(yaml.SafeLoader):
    """Safe YAML that keeps dates as text (checked by :func:`parse_date`, with a clear
    message), refuses a key given twice (the second would silently win) and refuses
    aliases (a few nested ones can expand to gigabytes)."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed in a scenario file",
                self.peek_event().start_mark)
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key, _ in node.value:
            if isinstance(key, yaml.ScalarNode):
                if key.value in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"{key.value!r} is given twice", key.start_mark)
                seen.add(key.value)
        return super().construct_mapping(node, deep)


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


class _Reader:
    """One file being read: its path and the line of every value, by position."""

    def __init__(self, path: Path):
        self.path = path
        self.lines: dict[tuple, int] = {}

    def error(self, where: tuple, field: str | None, message: str) -> InputError:
        return InputError(str(self.path), self.line(where), field, message)

    def line(self, where: tuple) -> int | None:
        while where and where not in self.lines:
            where = where[:-1]
        return self.lines.get(where)

    def parse(self, text: str):
        try:  # the reader refuses a NUL or another control character as it starts
            loader = _Loader(text)
        except yaml.reader.ReaderError as exc:
            line = text.count("\n", 0, exc.position) + 1
            code = exc.character if isinstance(exc.character, int) else 0
            raise InputError(str(self.path), line, None, "not valid YAML (holds the control "
                             f"character U+{code:04X}; write plain text)") from None
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            raise InputError(str(self.path), mark.line + 1 if mark else None, None,
                             f"not valid YAML ({getattr(exc, 'problem', None) or exc})") from None
        except RecursionError:  # [[[[...]]]] thousands deep
            raise InputError(str(self.path), None, None, "not a scenario: nested too "
                             "deeply") from None
        finally:
            loader.dispose()
        if node is not None:
            self._record(node, ())
        return data

    def _record(self, node, where: tuple) -> None:
        self.lines[where] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                self._record(value, (*where, key.value))
                self.lines[(*where, key.value)] = key.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode):
            for position, item in enumerate(node.value):
                self._record(item, (*where, position))

    def items(self, value, where: tuple, field: str) -> list:
        """A list field as a list: a single value is a list of one, nothing is empty."""
        if value is None:
            return []
        if isinstance(value, list):
            return value
        if isinstance(value, dict):
            raise self.error(where, field, "must be a list")
        return [value]

    def ids(self, value, where: tuple, field: str) -> tuple[str, ...]:
        """A list of node ids, each of a kind the field allows."""
        out = []
        for position, item in enumerate(self.items(value, where, field)):
            at = (*where, position) if isinstance(value, list) else where
            kind = model.kind_of(item) if isinstance(item, str) else None
            if kind is None:
                raise self.error(at, field, f"{item!r} is not a node id (kind:slug)")
            allowed = ID_KINDS[field]
            if kind not in allowed:
                kinds = ", ".join(allowed[:-1]) + " or " + allowed[-1] if len(allowed) > 1 \
                    else allowed[0]
                raise self.error(at, field, f"{item} is {a_kind(kind)}; {field} takes {kinds} ids")
            out.append(item)
        return tuple(out)

    def end_uses(self, value, where: tuple) -> tuple[str, ...]:
        allowed = model.node_attributes("Product")["end_use"].allowed
        words = self.items(value, where, "end_use")
        for position, word in enumerate(words):
            if word not in allowed:
                at = (*where, position) if isinstance(value, list) else where
                raise self.error(at, "end_use", f"{word!r} is not one of {', '.join(allowed)}")
        return tuple(words)

    def mapping(self, item, where: tuple, field: str, keys: tuple[str, ...]) -> dict:
        if not isinstance(item, dict):
            raise self.error(where, field, f"each item is a mapping with {', '.join(keys)}")
        for key in item:
            if key not in keys:
                raise self.error((*where, key), field,
                                 f"{key!r} is not a key here (keys: {', '.join(keys)})")
        return item

    def enforce(self, value) -> tuple[dict, ...]:
        out = []
        for position, item in enumerate(self.items(value, ("enforce",), "enforce")):
            where = ("enforce", position)
            if not isinstance(item, dict):
                item = {"control": item}
            item = self.mapping(item, where, "enforce", ENFORCE_KEYS)
            if "control" not in item:
                raise self.error(where, "enforce", "each item needs a control id")
            control = self.ids(item["control"], (*where, "control"), "control")
            if len(control) != 1:
                raise self.error((*where, "control"), "control",
                                 "each item enforces one control (give one item per control)")
            entry = {"control": control[0]}
            if item.get("end_use") is not None:
                entry["end_use"] = self.end_uses(item["end_use"], (*where, "end_use"))
            if item.get("targets") is not None:
                entry["targets"] = self.ids(item["targets"], (*where, "targets"), "targets")
            out.append(entry)
        return tuple(out)

    def restrict(self, value) -> tuple[Restriction, ...]:
        out = []
        for position, item in enumerate(self.items(value, ("restrict",), "restrict")):
            where = ("restrict", position)
            item = self.mapping(item, where, "restrict", RESTRICT_KEYS)
            if "issuer" not in item or not item.get("covers"):
                raise self.error(where, "restrict", "each item needs issuer and covers")
            issuer = self.ids(item["issuer"], (*where, "issuer"), "issuer")
            if len(issuer) != 1:
                raise self.error((*where, "issuer"), "issuer", "one country issues a control")
            out.append(Restriction(
                issuer[0], self.ids(item["covers"], (*where, "covers"), "covers"),
                self.end_uses(item.get("end_use"), (*where, "end_use")),
                self.ids(item.get("targets"), (*where, "targets"), "targets")))
        return tuple(out)

    def text(self, data: dict, field: str) -> str:
        value = data.get(field)
        if value is None:
            return ""
        if not isinstance(value, str):
            what = {bool: "true/false", int: "a number", float: "a number", list: "a list",
                    dict: "a mapping"}.get(type(value), type(value).__name__)
            raise self.error((field,), field, f"must be text (YAML reads it as {what}: put "
                             "it in quotes)")
        try:
            return parse_text(" ".join(value.split()))
        except ValueError as exc:
            raise self.error((field,), field, str(exc)) from None

    def scenario(self, data) -> Scenario:
        if not isinstance(data, dict):
            raise self.error((), None, "a scenario file is a YAML mapping of "
                             + ", ".join(FIELDS))
        for key in data:
            if key not in FIELDS:
                close = difflib.get_close_matches(str(key), FIELDS, n=1)
                hint = f" (did you mean {close[0]}?)" if close else ""
                raise self.error((key,), str(key), f"not a scenario field{hint}")
        as_of = data.get("as_of")
        if as_of is not None:
            try:
                as_of = parse_date(str(as_of))
            except ValueError as exc:
                raise self.error(("as_of",), "as_of", str(exc)) from None
        scenario = Scenario(
            name=self.text(data, "name") or self.path.stem, title=self.text(data, "title"),
            description=self.text(data, "description"), as_of=as_of,
            remove=self.ids(data.get("remove"), ("remove",), "remove"),
            enforce=self.enforce(data.get("enforce")),
            restrict=self.restrict(data.get("restrict")),
            sources=self.ids(data.get("sources"), ("sources",), "sources"),
            path=str(self.path), lines=self._id_lines(data))
        if not (scenario.remove or scenario.enforce or scenario.restrict):
            raise self.error((), None, "the scenario changes nothing: give remove, enforce "
                             "or restrict")
        return scenario

    def _id_lines(self, data: dict) -> dict[str, tuple[str, int | None]]:
        """Each id the scenario names -> (field, line) of its first mention."""
        out: dict[str, tuple[str, int | None]] = {}

        def walk(value, where: tuple, field: str) -> None:
            if isinstance(value, dict):
                for key, item in value.items():
                    walk(item, (*where, key), str(key))
            elif isinstance(value, list):
                for position, item in enumerate(value):
                    walk(item, (*where, position), field)
            elif isinstance(value, str) and field in ID_KINDS:
                out.setdefault(value, (field, self.line(where)))
            elif isinstance(value, str) and field == "enforce":
                out.setdefault(value, ("control", self.line(where)))

        walk(data, (), "")
        return out


def read_scenario(path: Path) -> Scenario:
    """Read and check a scenario file (ids in the graph are checked by :meth:`Scenario.check`)."""
    from mineralgraph.files import read_text

    reader = _Reader(Path(path))
    # a scenario is a few kilobytes: a device is refused, a huge file too (88 MB of
    # YAML kept the reader busy for minutes and took gigabytes)
    text = read_text(path, limit=SCENARIO_LIMIT, what="scenario file")
    return reader.scenario(reader.parse(text))


#: The largest scenario file read (bytes).
SCENARIO_LIMIT = 1 << 20


def shipped_scenarios() -> dict[str, Path]:
    """Name -> file of the scenarios shipped with the package."""
    folder = Path(str(resources.files("mineralgraph").joinpath("data", SCENARIO_FOLDER)))
    return {p.stem: p for p in sorted(folder.glob("*.yaml"))}


def shipped_scenario_rows() -> list[dict]:
    """Name, title and file of each shipped scenario, by name."""
    return [{"name": key, "title": read_scenario(path).title, "file": path.name}
            for key, path in shipped_scenarios().items()]


def load_scenario(name_or_path: str) -> Scenario:
    """A shipped scenario by name, or a scenario file by path."""
    shipped = shipped_scenarios()
    if name_or_path in shipped:
        return read_scenario(shipped[name_or_path])
    path = Path(name_or_path)
    if path.suffix.lower() in (".yaml", ".yml"):
        if not path.is_file():
            raise InputError(str(path), None, None, "no such scenario file")
        return read_scenario(path)
    if path.is_file():
        raise InputError(str(path), None, None, "not a scenario file (YAML, named .yaml or "
                                                ".yml)")
    close = difflib.get_close_matches(name_or_path, list(shipped), n=3, cutoff=0.4)
    hint = f" (did you mean {', '.join(close)}?)" if close else ""
    raise MineralGraphError(f"no scenario named {name_or_path!r}{hint}; "
                            "see `mineralgraph scenario --list`")
