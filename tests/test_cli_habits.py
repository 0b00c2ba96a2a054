"""One set of CLI habits, checked on every command of the click group (issue 16).

The commands are discovered from :data:`mineralgraph.cli.cli`, so a new command is
checked too: it must appear in :data:`SAMPLES` (how to run it on the small test graph)
or in :data:`CANNOT_RUN` (why it cannot run here), and it inherits every check below:

- ``-o/--out FILE`` on every command that writes a result, ``--format`` with the shared
  names (``text`` for people; ``json`` and ``csv`` for every command that prints
  records), unless it writes nothing (:data:`WRITES_NOTHING`, with the reason);
- exit 2 for an option value that cannot be parsed (a format name, a date, a number),
  exit 1 for a file or data problem, each with one line on stderr;
- ``--help`` ends with examples, whose ids are in the bundled graph.
"""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from mineralgraph.cli import cli
from mineralgraph.commands.options import parse_date_option
from mineralgraph.output import FORMAT_NAMES, FormatChoice

TINY = Path(__file__).parent / "data" / "tiny"


def walk(group: click.Group, prefix: tuple[str, ...] = ()):
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            yield from walk(command, prefix + (name,))
        else:
            yield " ".join(prefix + (name,)), command


COMMANDS = dict(walk(cli))
NAMES = sorted(COMMANDS)

#: Commands that write no result, and why (they have neither -o nor --format).
WRITES_NOTHING = {
    "serve": "a server: clients choose the result format by the Accept header",
    "neo4j push": "writes into Neo4j; what it did goes to stderr",
}
#: Commands that print records: their --format offers text, json and csv.
RECORDS = {"info", "controls", "show", "validate", "chokepoints", "spof", "paths", "dependents",
           "concentration", "scenario", "diff", "imports", "risk", "share-disagreements",
           "sparql", "cypher"}
#: Commands whose output is a file format, and their --format names.
FILE_FORMATS = {"export": {"ttl", "nt", "jsonld"}, "build": {"json"},
                "neo4j pull": {"json"},
                "snapshot": {"svg", "png", "pdf", "html", "mmd", "dot"},
                "brief": {"md", "html", "pdf"}}
#: Commands that need a server to run, and which one.
CANNOT_RUN = {"serve": "runs until stopped", "neo4j push": "a Neo4j server",
              "neo4j pull": "a Neo4j server", "cypher": "a Neo4j server"}
#: How to run each other command on the small test graph (``{graph}`` is its snapshot,
#: ``{tiny}`` its folder); the suffix of a file it writes.
SAMPLES = {
    "info": ([], ".txt"),
    "controls": ([], ".txt"),
    "show": (["product:jet"], ".txt"),
    "validate": (["{tiny}"], ".txt"),
    "build": (["--no-bundled", "--source", "{tiny}"], ".json"),
    "chokepoints": (["--product", "product:jet"], ".txt"),
    "spof": (["product:jet"], ".txt"),
    "paths": (["element:Dy", "product:jet"], ".txt"),
    "dependents": (["element:Dy"], ".txt"),
    "concentration": ([], ".txt"),
    "scenario": (["--remove", "company:jetmaker"], ".txt"),
    "export": ([], ".ttl"),
    "sparql": (["SELECT ?p WHERE { ?p a mg:Product }"], ".txt"),
    "snapshot": (["product:jet"], ".svg"),
    "brief": (["product:jet"], ".md"),
    "diff": (["{graph}", "{graph}"], ".txt"),
    "imports": (["country:US", "material:natural-graphite"], ".txt"),
    "risk": (["--importer", "country:US"], ".txt"),
    "share-disagreements": ([], ".txt"),
}
#: Commands run on the bundled graph (the test graph lacks what they read).
ON_BUNDLED = {"imports"}


@pytest.fixture(scope="module")
def tiny_graph(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("habits") / "tiny.json"
    result = CliRunner().invoke(cli, ["build", "--no-bundled", "--source", str(TINY),
                                      "-o", str(path)])
    assert result.exit_code == 0, result.output
    return path


def run(*args: str, graph: Path | None = None):
    head = ["--graph", str(graph)] if graph else []
    return CliRunner().invoke(cli, head + list(args), prog_name="mineralgraph")


def sample(name: str, graph: Path) -> list[str]:
    args, _ = SAMPLES[name]
    return name.split() + [a.replace("{graph}", str(graph)).replace("{tiny}", str(TINY))
                           for a in args]


def option(command: click.Command, flag: str) -> click.Option | None:
    return next((p for p in command.params
                 if isinstance(p, click.Option) and flag in p.opts), None)


def one_line_error(result) -> str:
    lines = [line for line in result.output.strip().splitlines() if line.strip()]
    return lines[-1]


def test_every_command_is_known_here():
    """A new command must say how it runs (or why it cannot), so no command escapes."""
    assert set(NAMES) == set(SAMPLES) | set(CANNOT_RUN)
    assert set(WRITES_NOTHING) <= set(NAMES) and RECORDS <= set(NAMES)
    assert len(NAMES) >= 22


@pytest.mark.parametrize("name", NAMES)
def test_out_option(name):
    found = option(COMMANDS[name], "-o")
    if name in WRITES_NOTHING:
        assert found is None and option(COMMANDS[name], "--out") is None
        return
    assert found is not None, f"{name} has no -o"
    assert {"-o", "--out", "--output"} <= set(found.opts)
    assert found.name == "output"


@pytest.mark.parametrize("name", NAMES)
def test_format_option_uses_the_shared_names(name):
    found = option(COMMANDS[name], "--format")
    if name in WRITES_NOTHING:
        assert found is None
        return
    assert found is not None, f"{name} has no --format"
    assert isinstance(found.type, FormatChoice)
    choices = set(found.type.choices)
    assert choices <= set(FORMAT_NAMES)
    assert "table" not in choices  # one plain format name: text
    if name in RECORDS:
        assert {"text", "json", "csv"} <= choices, name
        assert found.default in ("text", None)
    else:
        assert choices == FILE_FORMATS[name]


@pytest.mark.parametrize("name", ["sparql", "cypher"])
def test_table_is_still_accepted_as_text(name):
    kind = option(COMMANDS[name], "--format").type
    assert kind.convert("table", None, None) == "text"
    assert kind.convert("TEXT", None, None) == "text"


@pytest.mark.parametrize("name", NAMES)
def test_help_ends_with_examples(name):
    result = run(*name.split(), "--help")
    assert result.exit_code == 0
    lines = result.output.rstrip().splitlines()
    start = max(i for i, line in enumerate(lines) if line.strip() == "Examples:")
    examples = [line.strip() for line in lines[start + 1:]]
    assert 1 <= len(examples) <= 2, examples
    for example in examples:
        assert re.match(r"^(\w+=\S+ )?mineralgraph ", example), example
    # the ids of the examples are in the bundled graph
    from mineralgraph import load_bundled

    graph = load_bundled()
    for node in re.findall(r"\b(?:product|element|material|country|company):[\w.-]+",
                           " ".join(examples)):
        assert node in graph, f"{name}: {node} of the examples is not in the bundled graph"


@pytest.mark.parametrize("name", [n for n in NAMES if n not in WRITES_NOTHING])
def test_an_unknown_format_exits_2(name, tiny_graph):
    args = sample(name, tiny_graph) if name in SAMPLES else name.split() + ["x"]
    result = run(*args, "--format", "nope", graph=tiny_graph)
    assert result.exit_code == 2, result.output
    assert "Invalid value for '--format'" in result.output


@pytest.mark.parametrize("name", NAMES)
def test_a_usage_error_is_one_line_naming_the_option(name, tiny_graph):
    """Bad usage: one line on stderr (not click's usage, "Try ..." and a blank line),
    exit 2, naming the option and where to read more."""
    args = sample(name, tiny_graph) if name in SAMPLES else name.split()
    result = run(*args, "--zzz", graph=tiny_graph)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr == (f"Error: No such option '--zzz'. (more: "
                             f"mineralgraph {name} --help)\n")
    if name not in WRITES_NOTHING:
        bad = run(*args, "--format", "nope", graph=tiny_graph)
        choices = ", ".join(f"'{c}'" for c in option(COMMANDS[name], "--format").type.choices)
        listed = f"one of {choices}" if "," in choices else choices
        assert bad.stderr == (f"Error: Invalid value for '--format': 'nope' is not {listed}. "
                              f"(more: mineralgraph {name} --help)\n")


@pytest.mark.parametrize("args, line", [
    (["show"], "Error: Missing argument 'ID' (usage: mineralgraph show [OPTIONS] ID)"),
    (["show", "a", "b"], "Error: Got unexpected extra argument (b) (usage: mineralgraph show "
                         "[OPTIONS] ID)"),
    (["chokepoint"], "Error: No such command 'chokepoint'. Did you mean 'chokepoints'?"),
    (["nocmd"], "Error: No such command 'nocmd'. (mineralgraph --help lists the commands)"),
    (["neo4j", "nope"], "Error: No such command 'nope'. (mineralgraph neo4j --help lists the "
                        "commands)"),
    (["--min-confidence", "x", "info"], "Error: Invalid value for '--min-confidence': 'x' is "
                                        "not one of 'high', 'medium', 'low'. (more: "
                                        "mineralgraph --help)"),
    (["info", "--graph", "g.json"], "Error: --graph is an option of mineralgraph itself: give "
                                    "it before the command (mineralgraph --graph FILE info "
                                    "...)"),
    (["scenario"], "Error: name a scenario (--name/--file) or --remove/--enforce something "
                   "(more: mineralgraph scenario --help)"),
    (["sparql", "x.rq"], "Error: x.rq is a query file name, not a SPARQL query: did you mean "
                         "@x.rq?"),
    (["sparql", "queries/NOTES.Sparql"], "Error: queries/NOTES.Sparql is a query file name, "
                                         "not a SPARQL query: did you mean "
                                         "@queries/NOTES.Sparql?"),
    (["sparql", str(TINY / "relations.csv")], f"Error: {TINY / 'relations.csv'} is a file, not "
                                              f"a SPARQL query: did you mean "
                                              f"@{TINY / 'relations.csv'}?"),
    (["cypher", "q.cypher"], "Error: q.cypher is a query file name, not a Cypher query: did "
                             "you mean @q.cypher?"),
], ids=["missing", "extra", "close-command", "no-command", "no-subcommand", "group-option",
        "global-option", "raised", "rq-without-at", "sparql-suffix", "file-without-at",
        "cypher-without-at"])
def test_usage_errors_are_one_exact_line(args, line):
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert (result.stdout, result.stderr) == ("", line + "\n")


def test_the_installed_command_gives_one_line_too():
    """The console script itself (not the test runner): one line on stderr, exit 2."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "mineralgraph", "chokepoints", "--format",
                           "nope"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert (done.stdout, done.stderr) == ("", "Error: Invalid value for '--format': 'nope' is "
                                              "not one of 'text', 'md', 'json', 'csv'. (more: "
                                              "mineralgraph chokepoints --help)\n")


def _parsed_options():
    """(command, option, bad value) for every option that parses a date or a number."""
    for name in NAMES:
        for param in COMMANDS[name].params:
            if not isinstance(param, click.Option) or param.is_flag:
                continue
            if param.callback is parse_date_option:
                yield name, param.opts[-1], "2025-13-01"
            elif isinstance(param.type, (click.types.IntParamType,
                                         click.types.FloatParamType)):
                yield name, param.opts[-1], "x"


PARSED = list(_parsed_options())


def test_the_parsed_options_are_found():
    found = {(n, o) for n, o, _ in PARSED}
    assert {("info", "--as-of"), ("chokepoints", "--top"), ("paths", "--max"),
            ("build", "--article-date"), ("risk", "--year"),
            ("share-disagreements", "--threshold"), ("serve", "--port")} <= found


@pytest.mark.parametrize("name, flag, bad", PARSED, ids=[f"{n} {o}" for n, o, _ in PARSED])
def test_an_unparsable_value_exits_2(name, flag, bad, tiny_graph):
    args = sample(name, tiny_graph) if name in SAMPLES else name.split()
    result = run(*args, flag, bad, graph=tiny_graph)
    assert result.exit_code == 2, result.output
    assert f"Invalid value for '{flag}'" in result.output or f"'{flag}'" in result.output


def test_every_command_that_reads_the_graph_takes_as_of():
    """--as-of (checked above: a bad date exits 2) on every command reading the graph;
    validate and build read files, cypher and neo4j read or fill a database."""
    dated = {n for n, o, _ in PARSED if o == "--as-of"}
    assert dated == set(NAMES) - {"validate", "build", "cypher", "neo4j pull", "neo4j push"}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_writes_to_out_and_nothing_to_stdout(name, tiny_graph, tmp_path):
    target = tmp_path / f"result{SAMPLES[name][1]}"
    graph = None if name in ON_BUNDLED else tiny_graph
    result = CliRunner().invoke(cli, (["--graph", str(graph)] if graph else [])
                                + sample(name, tiny_graph) + ["-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.stat().st_size > 0
    assert result.stdout == ""


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_an_unwritable_out_exits_1(name, tiny_graph, tmp_path):
    target = tmp_path / f"result{SAMPLES[name][1]}"
    target.mkdir()  # a folder where the file should go
    graph = None if name in ON_BUNDLED else tiny_graph
    result = CliRunner().invoke(cli, (["--graph", str(graph)] if graph else [])
                                + sample(name, tiny_graph) + ["-o", str(target)])
    assert result.exit_code == 1, result.output
    assert one_line_error(result).startswith("Error: ")
    assert target.is_dir() and not any(target.iterdir())


@pytest.mark.parametrize("args", [
    ["--graph", "no-such-graph.json", "info"],
    ["diff", "no-such-old.json", "no-such-new.json"],
    ["validate", "no-such-folder"],
    ["sparql", "@no-such-query.rq"],
    ["show", "product:no-such-thing"],
], ids=["graph", "diff", "validate", "sparql", "show"])
def test_a_missing_file_or_id_exits_1(args):
    result = run(*args)
    assert result.exit_code == 1, result.output
    assert one_line_error(result).startswith("Error: ")


def test_export_takes_the_rdf_format_from_the_suffix(tiny_graph, tmp_path):
    for suffix, first in ((".nt", "<https://w3id.org/"), (".jsonld", "{"),
                          (".ttl", "@prefix")):
        target = tmp_path / f"g{suffix}"
        assert run("export", "-o", str(target), graph=tiny_graph).exit_code == 0
        assert target.read_text(encoding="utf-8").startswith(first), suffix
    target = tmp_path / "g.nt"
    clash = run("export", "-o", str(target), "--format", "ttl", graph=tiny_graph)
    assert clash.exit_code == 2  # Turtle under an N-Triples name is refused, not written
    assert target.read_text(encoding="utf-8").startswith("<https://w3id.org/")
    assert run("export", "-o", str(tmp_path / "g.json"), "--format", "jsonld",
               graph=tiny_graph).exit_code == 0  # JSON-LD is JSON


#: (command, suffix of -o FILE, how the file it writes begins): every command with -o
#: and --format takes the format from the suffix when --format is not given.
FROM_SUFFIX = [
    (["chokepoints", "--product", "product:jet"], ".json", "[\n  {"),
    (["chokepoints", "--product", "product:jet"], ".csv", "product,as_of,scenario,"),
    (["chokepoints", "--product", "product:jet"], ".md", "# Supply-chain chokepoints"),
    (["chokepoints", "--product", "product:jet"], ".txt", "SUPPLY-CHAIN CHOKEPOINTS\n"),
    (["chokepoints", "--product", "product:jet"], ".log", "SUPPLY-CHAIN CHOKEPOINTS\n"),
    (["info"], ".csv", "measure,key,value\n"),
    (["spof", "product:jet"], ".json", "{"),
    (["concentration"], ".csv", "material,"),
    (["concentration"], ".svg", "<svg"),
]


@pytest.mark.parametrize(("args", "suffix", "start"), FROM_SUFFIX,
                         ids=[f"{a[0]}{s}" for a, s, _ in FROM_SUFFIX])
def test_the_format_comes_from_the_suffix_of_out(args, suffix, start, tiny_graph, tmp_path):
    # the new-user trial of 2026-11-29: `chokepoints --product product:f-35 -o x.json`
    # wrote the text for people into x.json
    target = tmp_path / f"x{suffix}"
    result = run(*args, "-o", str(target), graph=tiny_graph)
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith(start)


@pytest.mark.parametrize(("args", "fmt", "suffix", "names"), [
    (["chokepoints", "--product", "product:jet"], "csv", ".json", "holds JSON, not CSV"),
    (["chokepoints", "--product", "product:jet"], "json", ".md", "holds Markdown, not JSON"),
    (["info"], "text", ".csv", "holds CSV, not text for people"),
    (["concentration"], "png", ".svg", "holds SVG, not PNG"),
    (["snapshot", "product:jet"], "png", ".svg", "holds SVG, not PNG"),
    (["brief", "product:jet"], "pdf", ".md", "holds Markdown, not PDF"),
    (["build", "--no-bundled", "--source", str(TINY)], "json", ".ttl",
     "holds Turtle, not JSON"),
], ids=["chokepoints-csv", "chokepoints-json", "info", "concentration", "snapshot", "brief",
        "build"])
def test_a_format_the_suffix_contradicts_exits_2(args, fmt, suffix, names, tiny_graph,
                                                 tmp_path):
    target = tmp_path / f"x{suffix}"
    result = run(*args, "--format", fmt, "-o", str(target), graph=tiny_graph)
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"Error: --format {fmt} disagrees with -o {target} "
                                    f"(a {suffix} file {names}); ")
    assert not target.exists()


def test_a_format_the_suffix_agrees_with_is_written(tiny_graph, tmp_path):
    target = tmp_path / "x.txt"
    result = run("chokepoints", "--product", "product:jet", "--format", "md", "-o",
                 str(target), graph=tiny_graph)  # a .txt file is any text for people
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith("# Supply-chain chokepoints")


def test_pictures_go_to_stdout_with_format(tiny_graph):
    png = CliRunner().invoke(cli, ["--graph", str(tiny_graph), "snapshot", "product:jet",
                                   "--format", "png"])
    assert png.exit_code == 0 and png.stdout_bytes.startswith(b"\x89PNG")
    bars = CliRunner().invoke(cli, ["--graph", str(tiny_graph), "concentration",
                                    "--format", "svg"])
    assert bars.exit_code == 0 and bars.stdout_bytes.startswith(b"<svg")
    brief = run("brief", "product:jet", graph=tiny_graph)
    assert brief.exit_code == 0 and brief.stdout.startswith("# Jet: supply-chain brief")


def test_validate_gives_records_of_its_problems(tmp_path):
    bad = tmp_path / "bad"
    bad.mkdir()
    for file in TINY.iterdir():
        (bad / file.name).write_bytes(file.read_bytes())
    relations = bad / "relations.csv"
    lines = relations.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    row = lines[1].split(",")
    row[header.index("relation")] = "NO_SUCH_RELATION"
    relations.write_text("\n".join([lines[0], ",".join(row), *lines[2:]]) + "\n",
                         encoding="utf-8")
    as_csv = run("validate", str(bad), "--format", "csv")
    assert as_csv.exit_code == 1
    assert as_csv.stdout.splitlines()[0] == "severity,file,line,field,message"
    assert as_csv.stdout.splitlines()[1].startswith(f"error,{relations},2,")
    as_json = run("validate", str(bad), "--format", "json")
    assert as_json.exit_code == 1
    import json

    data = json.loads(as_json.stdout)
    assert data["ok"] is False and data["problems"][0]["line"] == 2
    assert one_line_error(as_json) == f"Error: 1 problem(s) in {bad}"


def test_info_show_and_diff_give_csv(tiny_graph):
    info = run("info", "--format", "csv", graph=tiny_graph).stdout.splitlines()
    assert info[:3] == ["measure,key,value", "facts,,60", "source_records,,8"]
    assert "nodes_by_kind,Product,2" in info
    show = run("show", "product:jet", "--format", "csv", graph=tiny_graph).stdout
    assert show.splitlines()[0].startswith("part,direction,relation,node,label,value")
    assert "relation,in,REQUIRES" in show or "relation,out," in show
    diff = run("diff", str(tiny_graph), str(tiny_graph), "--format", "csv").stdout
    assert diff == "change,subject,predicate,old,new,sources,earlier_sources\n"


def _complete(args: str, tiny_graph: Path | None = None) -> list[str]:
    env = {"_MINERALGRAPH_COMPLETE": "bash_complete", "COMP_WORDS": f"mineralgraph {args}",
           "COMP_CWORD": str(len(args.split()) + (0 if args.endswith(" ") else 0))}
    if tiny_graph is not None:
        env["MINERALGRAPH_GRAPH"] = str(tiny_graph)
    result = CliRunner().invoke(cli, [], env=env, prog_name="mineralgraph")
    return [line.split(",", 1)[1] for line in result.output.splitlines() if "," in line]


def test_shell_completion_offers_ids_and_scenarios(tiny_graph):
    assert _complete("show product:", tiny_graph) == ["product:car", "product:jet"]
    assert _complete("chokepoints --product product:j", tiny_graph) == ["product:jet"]
    assert "cn-2025-04-defence-denial" in _complete("chokepoints --scenario cn-")
    assert _complete("scenario --name mp-", tiny_graph) == ["mp-materials-offline"]


def test_a_command_option_given_before_the_command_says_where_it_goes():
    # the new-user trial of 2026-11-27 typed `mineralgraph --as-of 2022-06-30 chokepoints`
    result = CliRunner().invoke(cli, ["--as-of", "2022-06-30", "chokepoints"],
                                prog_name="mineralgraph")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "Error: No such option '--as-of' before the command: it is an option of ")
    assert result.stderr.endswith(
        "command(s), given after the command's name (e.g. mineralgraph chokepoints "
        "--as-of ...)\n")
    assert result.stderr.count("\n") == 1
