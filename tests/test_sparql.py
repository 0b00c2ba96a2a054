"""SPARQL over the RDF view: both engines, the cookbook, errors, timeouts, the command.

The structural questions of the design note (section 4) must give the same ids in
SPARQL as in the embedded analysis (mineralgraph.graph.flow); they are checked on the
bundled data and on the hand-made graph in tests/data/rdf-tiny.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mineralgraph import load_bundled
from mineralgraph.graph.flow import (
    FLOW_VERBS,
    dependent_products,
    flow_graph,
    supply_paths,
    upstream,
)
from mineralgraph.graph.sparql import (
    ENGINES,
    QuerySyntaxError,
    QueryTimeoutError,
    UpdateRefusedError,
    open_store,
    run_query,
)
from mineralgraph.graph.sparql_results import answer_from_json, answer_text
from mineralgraph.graph.supply_graph import SupplyGraph
from mineralgraph.loaders.curated import load_curated

ROOT = Path(__file__).parent.parent
COOKBOOK = ROOT / "queries" / "sparql"
TINY = Path(__file__).parent / "data" / "rdf-tiny"

#: The flow steps, walked from consumer to supplier (mineralgraph.graph.flow).
BACK = "(mg:REQUIRES|mg:MADE_FROM|mg:CONTAINS|^mg:PRODUCES|mg:OPERATED_BY|^mg:SUPPLIES)"


@pytest.fixture(scope="module")
def bundled() -> SupplyGraph:
    return load_bundled()


@pytest.fixture(scope="module")
def tiny() -> SupplyGraph:
    return SupplyGraph(load_curated(TINY).claims)


@pytest.fixture(scope="module", params=ENGINES)
def engine(request) -> str:
    return request.param


@pytest.fixture(scope="module")
def stores(bundled, tiny):
    """(graph name, engine) -> store, loaded once."""
    cache = {}

    def get(name: str, engine: str):
        if (name, engine) not in cache:
            cache[name, engine] = open_store({"bundled": bundled, "tiny": tiny}[name], engine)
        return cache[name, engine]

    return get


def rows(answer) -> list[tuple]:
    return [tuple(r[v] for v in answer.variables) for r in answer.records()]


# ---------------------------------------------------------------------- design note section 4
def ids_upstream_of(product: str) -> str:
    # a country is upstream through its facilities, and through its companies that
    # produce without a facility (design note 5.1)
    return f"""SELECT DISTINCT ?n WHERE {{
      {{ {product} {BACK}+ ?n }}
      UNION {{ {product} {BACK}+ ?f . ?f a mg:Facility ; mg:LOCATED_IN ?n }}
      UNION {{ {product} {BACK}+ ?c . ?c a mg:Company ; mg:PRODUCES ?m ; mg:LOCATED_IN ?n }} }}"""


def ids_of_products_from(node: str) -> str:
    return f"""SELECT DISTINCT ?p WHERE {{
      {{ BIND ({node} AS ?place) }} UNION {{ ?place a mg:Facility ; mg:LOCATED_IN {node} }}
      UNION {{ ?place a mg:Company ; mg:PRODUCES ?m ; mg:LOCATED_IN {node} }}
      ?p {BACK}+ ?place . ?p a mg:Product . }}"""


def ids_on_paths(source: str, target: str) -> str:
    return f"""SELECT DISTINCT ?n WHERE {{ ?n {BACK}* {source} . {target} {BACK}* ?n }}"""


@pytest.mark.parametrize("graph_name,nodes", [
    ("tiny", ["element:Dy", "element:Nd", "element:Ga", "country:CN", "country:AU", "country:US",
              "company:lynas", "company:baotou", "material:re-concentrate", "facility:sep-cn"]),
    ("bundled", ["element:Dy", "element:Ga", "element:Sb", "element:Ge", "country:CN",
                 "country:US", "country:AU", "company:mp-materials", "company:lynas",
                 "material:re-concentrate"]),
])
def test_products_depending_on_a_node_are_the_same_ids(stores, engine, bundled, tiny,
                                                       graph_name, nodes):
    graph = {"bundled": bundled, "tiny": tiny}[graph_name]
    flow = flow_graph(graph)
    for node in nodes:
        answer = run_query(stores(graph_name, engine), ids_of_products_from(node))
        assert answer.column("p") == dependent_products(graph, node, flow), node


def test_products_depending_on_tiny_nodes_by_hand(stores, engine):
    """Hand-checked: Dy and Nd reach every product with rare earths, Ga only the radar."""
    def products(node):
        return run_query(stores("tiny", engine), ids_of_products_from(node)).column("p")

    assert products("element:Dy") == ["product:drone", "product:phone"]
    assert products("element:Ga") == ["product:radar"]
    assert products("country:CN") == ["product:drone", "product:phone", "product:radar"]
    assert products("country:AU") == ["product:drone", "product:phone"]
    assert products("company:lynas") == ["product:drone", "product:phone"]  # operates Mt Weld
    assert products("country:US") == ["product:drone", "product:phone"]  # a facility, and nd-oxide


def test_upstream_of_products_is_the_same_ids(stores, engine, bundled, tiny):
    for graph_name, graph in (("tiny", tiny), ("bundled", bundled)):
        flow = flow_graph(graph)
        for product in graph.ids("Product"):
            answer = run_query(stores(graph_name, engine), ids_upstream_of(product))
            assert answer.column("n") == sorted(upstream(flow, product)), product


def test_upstream_of_the_tiny_drone_by_hand(stores, engine):
    answer = run_query(stores("tiny", engine), ids_upstream_of("product:drone"))
    # company:acme's headquarters (country:US via the company) is no supply step, but its
    # magnet plant is in the US; company:lynas supplies acme but acme makes no material.
    assert answer.column("n") == [
        "company:acme", "company:baotou", "company:lynas", "country:AU", "country:CN",
        "country:US", "element:Dy", "element:Nd", "facility:bayan", "facility:magnet-us",
        "facility:mt-weld", "facility:sep-cn", "material:dy-oxide", "material:nd-oxide",
        "material:ndfeb-magnet", "material:re-concentrate"]


@pytest.mark.parametrize("graph_name,source,target", [
    ("tiny", "element:Dy", "product:drone"), ("tiny", "element:Nd", "product:phone"),
    ("tiny", "company:lynas", "product:drone"), ("bundled", "element:Sm", "product:f-35"),
    ("bundled", "element:Nd", "product:bev-drive-motor"),
    ("bundled", "element:Ge", "product:f-35"),
    ("bundled", "element:Dy", "product:industrial-servo-motor"),
])
def test_nodes_on_supply_paths_are_the_same_ids(stores, engine, bundled, tiny, graph_name,
                                                source, target):
    graph = {"bundled": bundled, "tiny": tiny}[graph_name]
    paths = supply_paths(flow_graph(graph), source, target, max_paths=10_000)
    assert paths
    answer = run_query(stores(graph_name, engine), ids_on_paths(source, target))
    assert answer.column("n") == sorted({n for path in paths for n in path})


def test_supply_path_steps_of_the_cookbook_cover_the_flow_paths(stores, engine, bundled):
    answer = run_query(stores("bundled", engine),
                       (COOKBOOK / "supply-paths-samarium-to-f35.rq").read_text())
    steps = {(r["from"], r["to"]) for r in answer.records()}
    flow = flow_graph(bundled)
    paths = supply_paths(flow, "element:Sm", "product:f-35", max_paths=10_000)
    assert paths
    assert steps == {(a, b) for path in paths for a, b in zip(path, path[1:], strict=False)}
    # each step reads the way material flows, in the words the reports use
    assert {(r["from"], r["step"], r["to"]) for r in answer.records()} == {
        (a, FLOW_VERBS[relation], b) for a, b in steps for relation in flow[a][b]["relations"]}


# ---------------------------------------------------------------------- the engines agree
def test_engines_give_the_same_terms(stores):
    query = """SELECT ?st ?s ?share ?from WHERE { ?st rdf:predicate mg:PRODUCES ;
               rdf:subject ?s ; mg:share ?share . OPTIONAL { ?st mg:valid_from ?from } }
               ORDER BY ?st"""
    memory, oxigraph = (run_query(stores("tiny", e), query) for e in ENGINES)
    assert memory.rows == oxigraph.rows
    assert len(memory.rows) == 9


def test_construct_and_ask(stores, engine):
    store = stores("tiny", engine)
    answer = run_query(store, "CONSTRUCT { ?e mg:label ?l } WHERE { ?e a mg:Element ; "
                              "mg:label ?l }")
    assert answer.form == "graph" and len(answer.triples) == 3
    assert answer_text(answer, "nt").splitlines()[0] == (
        '<https://w3id.org/mineralgraph/id/element/Dy> '
        '<https://w3id.org/mineralgraph/ontology#label> "Dysprosium" .')
    assert run_query(store, "ASK { product:drone mg:REQUIRES material:ndfeb-magnet }").boolean
    assert not run_query(store, "ASK { product:radar mg:REQUIRES material:ndfeb-magnet }").boolean


def test_result_size_limit_truncates(stores, engine):
    answer = run_query(stores("tiny", engine), "SELECT ?s WHERE { ?s a mg:Statement }", limit=5,
                       timeout=30)
    assert len(answer.rows) == 5 and answer.truncated


# ---------------------------------------------------------------------- bad queries
@pytest.mark.parametrize("engine_name,message", [
    ("memory", "query:3:4: Expected end of text, found '}'"),
    ("oxigraph", "query:3:5: expected [_]"),
])
def test_malformed_query_gives_line_and_column(stores, engine_name, message):
    with pytest.raises(QuerySyntaxError) as info:
        run_query(stores("tiny", engine_name), "SELECT ?p\nWHERE { ?p a mg:Product .\n  }}")
    assert str(info.value) == message
    assert "\n" not in str(info.value)


def test_update_is_refused(stores, engine):
    with pytest.raises(UpdateRefusedError, match="read-only"):
        run_query(stores("tiny", engine), "INSERT DATA { product:x mg:label 'x' }")


def test_runaway_query_is_stopped(stores, engine):
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    with pytest.raises(QueryTimeoutError, match=r"^query: stopped after 0.5 s \(timeout\)"):
        run_query(stores("tiny", engine), slow, timeout=0.5)


# ---------------------------------------------------------------------- the command
@pytest.fixture(scope="module")
def tiny_snapshot(tmp_path_factory) -> Path:
    from mineralgraph.graph.snapshot import save_snapshot

    path = tmp_path_factory.mktemp("snap") / "tiny.json"
    save_snapshot(load_curated(TINY).claims, path)
    return path


def test_sparql_command_table(run_cli, tiny_snapshot):
    result = run_cli("--graph", str(tiny_snapshot), "sparql",
                     "SELECT ?p ?l WHERE { ?p a mg:Product ; mg:label ?l } ORDER BY ?p")
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout == ("p              l\n"
                             "-------------  ------------\n"
                             "product:drone  Attack drone\n"
                             "product:phone  Smartphone\n"
                             "product:radar  GaN radar\n"
                             "(3 rows)\n")


@pytest.mark.parametrize("store", ENGINES)
def test_sparql_command_file_formats(run_cli, tiny_snapshot, tmp_path, store):
    query = tmp_path / "q.rq"
    query.write_text("SELECT ?p ?q WHERE { ?st rdf:subject ?p ; rdf:predicate mg:REQUIRES ;"
                     " mg:quantity ?q } ORDER BY ?p", encoding="utf-8")
    base = ("--graph", str(tiny_snapshot), "sparql", f"@{query}", "--store", store)
    result = run_cli(*base, "--format", "csv")
    # (CliRunner reads the CRLF line ends of SPARQL CSV as \n)
    assert result.stdout == ("p,q\nhttps://w3id.org/mineralgraph/id/product/drone,0.5\n"
                             "https://w3id.org/mineralgraph/id/product/phone,0.002\n")
    result = run_cli(*base, "--format", "tsv")
    assert result.stdout.splitlines()[1] == (
        '<https://w3id.org/mineralgraph/id/product/drone>\t'
        '"0.5"^^<http://www.w3.org/2001/XMLSchema#decimal>')
    result = run_cli(*base, "--format", "json")
    data = json.loads(result.stdout)
    assert data["head"] == {"vars": ["p", "q"]}
    assert data["results"]["bindings"][0]["q"] == {
        "type": "literal", "value": "0.5",
        "datatype": "http://www.w3.org/2001/XMLSchema#decimal"}
    assert answer_from_json(result.stdout).column("p") == ["product:drone", "product:phone"]
    result = run_cli(*base, "--format", "xml")
    assert '<binding name="q"><literal datatype="http://www.w3.org/2001/XMLSchema#decimal">'\
           '0.5</literal></binding>' in result.stdout


def test_sparql_command_malformed_query_exit_1(run_cli, tiny_snapshot, tmp_path):
    query = tmp_path / "bad.rq"
    query.write_text("SELECT ?p\nWHERE { ?p a mg:Product .\n  }}", encoding="utf-8")
    result = run_cli("--graph", str(tiny_snapshot), "sparql", f"@{query}")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == f"Error: {query}:3:4: Expected end of text, found '}}'\n"


def test_sparql_command_missing_file_exit_1(run_cli, tiny_snapshot):
    result = run_cli("--graph", str(tiny_snapshot), "sparql", "@nowhere.rq")
    assert result.exit_code == 1
    assert result.stderr == "Error: nowhere.rq: no such query file\n"


def test_sparql_command_timeout_exit_1(run_cli, tiny_snapshot):
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    result = run_cli("--graph", str(tiny_snapshot), "sparql", slow, "--timeout", "0.5",
                     "--store", "oxigraph")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == ("Error: query: stopped after 0.5 s (timeout); narrow the query "
                             "or raise --timeout\n")


def test_sparql_command_update_refused(run_cli, tiny_snapshot):
    result = run_cli("--graph", str(tiny_snapshot), "sparql", "DELETE WHERE { ?s ?p ?o }")
    assert result.exit_code == 1
    assert result.stderr == ("Error: query: SPARQL Update is refused: the graph is read-only "
                             "(ask with SELECT, ASK, CONSTRUCT or DESCRIBE)\n")


def test_sparql_command_as_of(run_cli, tiny_snapshot):
    query = "SELECT ?s WHERE { ?s mg:SUPPLIES ?b }"
    before = run_cli("--graph", str(tiny_snapshot), "sparql", query, "--as-of", "2024-06-01")
    during = run_cli("--graph", str(tiny_snapshot), "sparql", query, "--as-of", "2025-06-01")
    assert before.stdout.endswith("(0 rows)\n")
    assert "company:lynas" in during.stdout and during.stdout.endswith("(1 row)\n")


def test_sparql_command_reads_stdin(run_cli, tiny_snapshot):
    result = run_cli("--graph", str(tiny_snapshot), "sparql", "-", "--format", "csv",
                     input="SELECT (COUNT(*) AS ?n) WHERE { ?p a mg:Product }")
    assert result.stdout == "n\n3\n"


def test_sparql_command_bad_store_is_usage_error(run_cli):
    result = run_cli("sparql", "ASK {}", "--store", "neo4j")
    assert result.exit_code == 2


def test_sparql_command_graph_format_for_select_is_refused(run_cli, tiny_snapshot):
    result = run_cli("--graph", str(tiny_snapshot), "sparql", "SELECT * { ?s ?p ?o }",
                     "--format", "ttl")
    assert result.exit_code == 1
    assert result.stderr == ("Error: ttl is for CONSTRUCT and DESCRIBE answers; a SELECT "
                             "answer is text, json, csv, tsv or xml\n")


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld"])
def test_structural_questions_over_the_export_file(tmp_path, engine, bundled, fmt):
    """Design note section 4: SPARQL over the RDF export gives the embedded engine's ids."""
    from mineralgraph.graph.rdf import write_rdf
    from mineralgraph.graph.sparql import open_store_file

    path = tmp_path / f"bundled.{fmt}"
    write_rdf(bundled.claims, path)
    store = open_store_file(path, engine)
    flow = flow_graph(bundled)
    for node in ("element:Dy", "element:Sm", "country:CN", "company:mp-materials"):
        answer = run_query(store, ids_of_products_from(node))
        assert answer.column("p") == dependent_products(bundled, node, flow), node
    paths = supply_paths(flow, "element:Sm", "product:f-35", max_paths=10_000)
    answer = run_query(store, ids_on_paths("element:Sm", "product:f-35"))
    assert answer.column("n") == sorted({n for path in paths for n in path})


def test_sparql_command_on_a_data_file(run_cli, tmp_path):
    from mineralgraph.graph.rdf import write_rdf

    path = tmp_path / "tiny.nt"
    write_rdf(load_curated(TINY).claims, path)
    result = run_cli("sparql", "--data", str(path), "--format", "csv",
                     "SELECT (COUNT(*) AS ?n) WHERE { ?p a mg:Product }")
    assert result.exit_code == 0 and result.stdout == "n\n3\n"


def test_sparql_command_on_a_malformed_data_file(run_cli, tmp_path):
    path = tmp_path / "bad.ttl"
    path.write_text("@prefix mg: <https://w3id.org/mineralgraph/ontology#> .\n"
                    "mg:a mg:b mg:c\nmg:d .\n", encoding="utf-8")
    result = run_cli("sparql", "--data", str(path), "ASK {}", "--store", "oxigraph")
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {path}:3: column 1: A dot is expected at the end of "
                             "statements\n")


def test_sparql_command_data_file_and_as_of_do_not_mix(run_cli, tmp_path):
    path = tmp_path / "tiny.nt"
    path.write_text("", encoding="utf-8")
    result = run_cli("sparql", "--data", str(path), "--as-of", "2025-01-01", "ASK {}")
    assert result.exit_code == 1
    assert result.stderr == "Error: --as-of applies to the graph, not to a --data file\n"


def test_data_file_with_blank_nodes_and_languages(tmp_path, engine):
    from mineralgraph.graph.sparql import open_store_file

    path = tmp_path / "other.ttl"
    path.write_text('@prefix ex: <http://example.org/> .\n'
                    'ex:a ex:p [ ex:q "x"@en ] .\n', encoding="utf-8")
    answer = run_query(open_store_file(path, engine),
                       "SELECT ?v WHERE { <http://example.org/a> ?p [ ?q ?v ] }")
    assert [(str(v), v.language) for (v,) in answer.rows] == [("x", "en")]


# ---------------------------------------------------------------------- named graphs
GRAPH_QUERIES = {  # query -> its rows: the view has no named graphs, on either engine
    "SELECT ?g ?s WHERE { GRAPH ?g { ?s ?p ?o } }": [],
    "SELECT ?s WHERE { GRAPH product:drone { ?s ?p ?o } }": [],
    "ASK { GRAPH ?g { } }": False,
    "SELECT ?p WHERE { ?p a mg:Product OPTIONAL { GRAPH ?g { ?p ?x ?y } } } ORDER BY ?p":
        [("product:drone",), ("product:phone",), ("product:radar",)],
}


@pytest.mark.parametrize("query", sorted(GRAPH_QUERIES))
def test_graph_patterns_match_nothing_on_both_engines(stores, engine, query):
    """rdflib's store raised "requires a dataset (i.e. ConjunctiveGraph)" where Oxigraph
    answered 0 rows; both now hold one default graph and no named graphs."""
    answer = run_query(stores("tiny", engine), query)
    if answer.form == "ask":
        assert answer.boolean is GRAPH_QUERIES[query]
    else:
        assert [tuple(r.values()) for r in answer.records()] == GRAPH_QUERIES[query]


def test_sparql_command_graph_query_is_0_rows_on_both_stores(run_cli, tiny_snapshot):
    for store in ENGINES:
        result = run_cli("--graph", str(tiny_snapshot), "sparql", "--store", store,
                         "--format", "csv", "SELECT ?g ?s WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert (result.exit_code, result.stdout, result.stderr) == (0, "g,s\n", "")


NAMED_JSONLD = """{"@context": {"p": "http://e/p"},
 "@graph": [
  {"@id": "http://e/b", "p": "in-default"},
  {"@id": "http://e/g1", "@graph": [{"@id": "http://e/a", "p": "in-named-graph"},
                                   {"@id": "http://e/b", "p": "in-default"}]}]}
"""


@pytest.mark.parametrize("store", ["memory", "oxigraph", "disk"])
def test_a_data_files_named_graphs_merge_into_the_default_graph(run_cli, tmp_path, store):
    """JSON-LD can hold named graphs; every store reads them as the RDF loader does, into
    the one default graph (the store on disk kept them apart, and answered otherwise)."""
    path = tmp_path / "named.jsonld"
    path.write_text(NAMED_JSONLD, encoding="utf-8")
    args = ["--data", str(path), "--format", "csv", "--store",
            "memory" if store == "memory" else "oxigraph"]
    if store == "disk":
        args += ["--data-dir", str(tmp_path / "store")]
    answers = [run_cli("sparql", *args, query) for query in (
        "SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?s",
        "SELECT ?g ?s WHERE { GRAPH ?g { ?s ?p ?o } }",
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")]
    assert [(a.exit_code, a.stdout) for a in answers] == [
        (0, "s,o\nhttp://e/a,in-named-graph\nhttp://e/b,in-default\n"),
        (0, "g,s\n"), (0, "n\n2\n")]  # the triple in both graphs is one triple
