"""An article's trade figure beside the customs figure of the same flow and month
(:mod:`mineralgraph.graph.reported`), in ``show`` and ``diff``."""

from __future__ import annotations

import json
from datetime import date

import pytest

from mineralgraph.claim import Claim
from mineralgraph.graph.reported import figures_beside, statistics_beside
from mineralgraph.graph.supply_graph import SupplyGraph
from mineralgraph.loaders import LoadContext
from mineralgraph.loaders.news import load_news


def figure(period, flow="export", partner="country:US", material="material:ndfeb-magnet",
           subject="country:CN", source="source:wire"):
    return Claim(subject, "reported_trade_change", -0.5,
                 (("flow", flow), ("material", material), ("partner", partner),
                  ("period", period)), (source,))


def customs(month, amount, exporter="country:CN", importer="country:US",
            material="material:ndfeb-magnet", source="source:customs"):
    start = date(2025, month, 1)
    return Claim(exporter, "EXPORTS_TO", importer,
                 (("amount", amount), ("material", material), ("unit", "t in the month"),
                  ("year", 2025)), (source,), valid_from=start,
                 valid_to=date(2025, month + 1, 1))


def test_the_same_flow_partner_goods_and_month_only():
    graph = SupplyGraph([customs(5, 46.0), customs(6, 353.0),
                         customs(5, 9.0, importer="country:JP"),
                         customs(5, 7.0, material="material:smco-magnet"),
                         customs(5, 1.0, exporter="country:US", importer="country:CN")])
    assert [c.qualifier("amount") for c in statistics_beside(graph, figure("2025-05"))] == [46.0]
    assert [c.qualifier("amount") for c in statistics_beside(graph, figure("2025-06"))] == [353.0]
    assert statistics_beside(graph, figure("2025-07")) == []
    # an import of the US from China is China's export to the US
    imported = figure("2025-05", flow="import", partner="country:CN", subject="country:US")
    assert [c.qualifier("amount") for c in statistics_beside(graph, imported)] == [46.0]
    # a figure without its partner (a total) is not set beside a bilateral one
    total = Claim("country:CN", "reported_trade_change", -0.5,
                  (("flow", "export"), ("material", "material:ndfeb-magnet"),
                   ("period", "2025-05")), ("source:wire",))
    assert statistics_beside(graph, total) == []


def test_a_figure_of_the_same_source_is_not_its_own_statistic():
    graph = SupplyGraph([customs(5, 46.0, source="source:wire")])
    assert statistics_beside(graph, figure("2025-05")) == []


def test_a_year_figure_matches_a_yearly_statistic_not_a_month():
    yearly = Claim("country:CN", "EXPORTS_TO", "country:US",
                   (("amount", 500.0), ("material", "material:ndfeb-magnet"), ("year", 2024)),
                   ("source:baci",))
    month = customs(5, 46.0)
    graph = SupplyGraph([yearly, month])
    assert statistics_beside(graph, figure("2024")) == [yearly]
    assert statistics_beside(graph, figure("2025")) == []


@pytest.fixture(scope="module")
def snapshots(tmp_path_factory):
    from click.testing import CliRunner
    from conftest import DATA

    from mineralgraph.cli import cli

    folder = tmp_path_factory.mktemp("beside")
    base, new = folder / "base.json", folder / "new.json"
    article = str(DATA / "news" / "articles" / "51-magnet-statistics.md")
    for out, extra in ((base, []), (new, ["--source", article])):
        result = CliRunner().invoke(cli, ["build", *extra, "--out", str(out)])
        assert result.exit_code == 0, result.stderr
    return base, new


def test_show_puts_the_article_figure_beside_the_customs_figure(run_cli, snapshots):
    """Article 51 ("fell 93% in May") beside the bundled customs figure of May 2025
    (46 t of magnets from China to the US, trade_more.csv)."""
    _, new = snapshots
    text = " ".join(run_cli("--graph", str(new), "show", "country:CN").stdout.split())
    assert "country:CN export to country:US of material:ndfeb-magnet, 2025-05: -93% (the " \
           "article) [" in text
    assert "beside: country:CN EXPORTS_TO country:US: 46 t in the month (2025-05-01 to " \
           "2025-06-01) [" in text
    view = json.loads(run_cli("--graph", str(new), "show", "country:CN", "--format",
                              "json").stdout)
    [item] = view["beside"]
    assert item["figure"]["object"] == -0.93
    assert [s["qualifiers"]["amount"] for s in item["statistics"]] == [46.0]


def test_diff_puts_an_added_article_figure_beside_the_customs_figure(run_cli, snapshots):
    base, new = snapshots
    text = run_cli("diff", str(base), str(new), "--no-chokepoints").stdout
    assert "Trade figures of articles beside the statistical figures of the same flow and " \
           "month:\n  country:CN export to country:US of material:ndfeb-magnet, 2025-05: " \
           "-93% (the article) <source:example-wire-2025-06-09-china-s-magnet-exports-to-us-" \
           "plunge>\n    beside: country:CN EXPORTS_TO country:US: 46 t in the month " \
           "(2025-05-01 to 2025-06-01) <source:spglobal-magnets-2025-07>\n" in text
    data = json.loads(run_cli("diff", str(base), str(new), "--no-chokepoints", "--format",
                              "json").stdout)
    assert [len(b["statistics"]) for b in data["beside"]] == [1]


def test_an_article_naming_rare_earth_magnets_reads_the_customs_material():
    """'rare-earth magnets' resolves to the material the bundled customs figures use."""
    from conftest import DATA

    from mineralgraph import load_bundled

    known = load_bundled()
    result = load_news(DATA / "news" / "articles" / "51-magnet-statistics.md",
                       LoadContext(known=known))
    graph = SupplyGraph(list(known.claims) + result.claims)
    [item] = figures_beside(graph, "country:CN")
    assert item.figure.qualifier("material") == "material:ndfeb-magnet"
    assert [c.qualifier("amount") for c in item.statistics] == [46.0]
