"""The random supply graphs of the property tests: one generator, with switches.

Layered like a real chain: elements, material stages (each made from the stage below),
producers with shares (countries, facilities in countries run by companies), products
that require the top stages. Every switch adds what one part of the design note is
about:

- ``rich`` (section 5): materials without producers (5.6), companies that produce
  without a facility (5.1), a rest-of-world producer ``country:XX`` (5.2), facilities
  sourcing a material several stages up (5.3), products whose maker is known, unknown
  or of unknown country, a material nothing traces, a material of unstated grade beside
  a richer grade (addendum, 5.6 grades), random confidences on shares and requirements
  (5.7), a scenario with a country-targeted export control (5.6), and a set of country
  shares from a press article (5.5: set aside unless ``--press-figures``; it takes part
  only where no statistical set exists).
- ``cycles``: loops (a material made from one of its own downstream materials), which
  the least fixpoint of section 2 evaluates; ``tests/naive_model.py`` iterates the
  whole graph to the same fixpoint.

The synthetic networks of ``bench/synthetic.py`` are the large graphs; these are the
small ones a plain evaluator can check node by node.
"""

from __future__ import annotations

import random

from mineralgraph.claim import Claim
from mineralgraph.graph.analysis import Restriction, Scenario
from mineralgraph.graph.supply_graph import SupplyGraph

S = ("source:s",)
#: relations given a random confidence in a rich graph, for --min-confidence (5.7)
RATED = ("PRODUCES", "REQUIRES", "MADE_FROM")


def random_graph(seed: int, rich: bool = True,
                 cycles: bool = False) -> tuple[SupplyGraph, Scenario | None]:
    """A random layered supply graph and, when ``rich``, a scenario with a targeted
    control (None otherwise). The same arguments give the same graph."""
    rng = random.Random(seed)
    claims = [Claim("source:s", "title", "s", sources=S)]

    def node(node_id):
        claims.append(Claim(node_id, "label", node_id, sources=S))
        return node_id

    def rel(s, p, o, **q):
        rated = rng.choice((None, "high", "medium", "low")) if rich and p in RATED else None
        claims.append(Claim(s, p, o, tuple(sorted(q.items())), sources=S, confidence=rated))

    elements = [node(f"element:E{i}") for i in range(rng.randint(1, 3))]
    countries = [node(f"country:C{i}") for i in range(rng.randint(1, 3 if rich else 4))]
    producing_countries = countries + ([node("country:XX")] if rich else [])
    companies = [node(f"company:k{i}") for i in range(rng.randint(1, 3))]
    if rich:
        for company in companies:
            if rng.random() < 0.8:
                rel(company, "LOCATED_IN", rng.choice(countries))
    stages, facilities = [], []
    for stage in range(4 if rich else 3):
        layer = [node(f"material:s{stage}m{i}") for i in range(rng.randint(1, 3))]
        for material in layer:
            if stage == 0:
                rel(material, "CONTAINS", rng.choice(elements))
            else:
                for source in rng.sample(stages[-1], rng.randint(1, min(2, len(stages[-1])))):
                    rel(material, "MADE_FROM", source)
            if rng.random() < (0.25 if rich else 0.15):
                continue  # supply not mapped
            budget = 1.0
            for _ in range(rng.randint(1, 3)):
                share = round(rng.uniform(0.05, budget), 2) if budget > 0.05 else None
                if share is not None:
                    budget -= share
                pick = rng.random()
                if pick < (0.35 if rich else 0.5):
                    producer = rng.choice(producing_countries)
                elif rich and pick < 0.55:
                    producer = rng.choice(companies)  # a company without a facility
                else:
                    producer = node(f"facility:f{len(facilities)}")
                    facilities.append((producer, stage))
                    rel(producer, "LOCATED_IN", rng.choice(countries))
                    rel(producer, "OPERATED_BY", rng.choice(companies))
                q = ({"share": share} if share is not None and rng.random() < (0.8 if rich else 0.9)
                     else {})
                rel(producer, "PRODUCES", material, **q)
        stages.append(layer)
    if cycles:
        # a material made from a material of a higher stage: a loop through every stage
        # between them (and, with sourcing, loops that an outside supplier breaks)
        for _ in range(rng.randint(1, 2)):
            low = rng.randrange(0, len(stages) - 1)
            high = rng.randrange(low + 1, len(stages))
            rel(rng.choice(stages[low]), "MADE_FROM", rng.choice(stages[high]))
    if rich:
        # sourcing: a facility buys a material one or several stages above its own
        producers_of = {}
        for claim in claims:
            if claim.predicate == "PRODUCES":
                producers_of.setdefault(claim.object, []).append(claim.subject)
        for facility, stage in facilities:
            if stage >= 1 and rng.random() < 0.5:
                up = rng.choice(stages[rng.randrange(0, stage)])
                supplier = rng.choice(producers_of.get(up, []) + [rng.choice(companies)])
                if supplier != facility:
                    rel(supplier, "SUPPLIES", facility, material=up)
    # a material nothing traces (no producer, element or input), used by products and
    # sometimes by a last-stage material (which may give it an anchor downstream)
    loose = node("material:loose") if rich and rng.random() < 0.5 else None
    if loose and rng.random() < 0.3:
        rel(rng.choice(stages[-1]), "MADE_FROM", loose)
    for i in range(rng.randint(1, 3)):
        product = node(f"product:p{i}")
        for material in rng.sample(stages[-1] + stages[-2], rng.randint(1, 2)):
            rel(product, "REQUIRES", material)
        if loose and rng.random() < 0.6:
            rel(product, "REQUIRES", loose)
        if rich and rng.random() < 0.4:
            rel(rng.choice(companies), "MAKES", product)
    if not rich:
        return SupplyGraph(claims), None
    control = Restriction(issuer=rng.choice(countries),
                          covers=(rng.choice(elements + stages[1]),),
                          targets=(rng.choice(countries),))
    # grades (addendum, 5.6 grades): a material of unstated grade beside a richer grade
    # of it (made from all it is made from, containing its element and one more), which
    # the control sometimes covers; drawn apart, so the graphs above stay as they were
    extra = random.Random(seed * 7919 + 1)
    if extra.random() < 0.5:
        generic = extra.choice([m for layer in stages[1:] for m in layer])
        inside, more = elements[0], node("element:Eg")
        rel(generic, "CONTAINS", inside)
        grade = node("material:grade")
        for source in sorted({c.object for c in claims
                              if c.subject == generic and c.predicate == "MADE_FROM"}):
            rel(grade, "MADE_FROM", source)
        rel(grade, "CONTAINS", inside)
        rel(grade, "CONTAINS", more)
        for country in extra.sample(countries, extra.randint(1, len(countries))):
            rel(country, "PRODUCES", grade, share=round(extra.uniform(0.05, 0.3), 2))
        if extra.random() < 0.5:
            rel(node("product:pg"), "REQUIRES", grade)
        if extra.random() < 0.7:
            control = Restriction(issuer=control.issuer,
                                  covers=(extra.choice((more, grade)),),
                                  targets=control.targets)
    # a press article's country shares of one material (5.5), drawn apart too: beside a
    # statistical set it is set aside in both readings; where none exists it is read only
    # under --press-figures, so the default reading of every graph above is unchanged
    press = random.Random(seed * 7919 + 2)
    if press.random() < 0.6:
        claims += [Claim("source:press", "title", "press", sources=("source:press",)),
                   Claim("source:press", "source_type", "press", sources=("source:press",))]
        material = press.choice([m for layer in stages for m in layer])
        budget = 1.0
        for country in press.sample(producing_countries,
                                    press.randint(1, len(producing_countries))):
            share = round(press.uniform(0.05, budget), 2) if budget > 0.05 else None
            if share is None:
                break
            budget -= share
            claims.append(Claim(country, "PRODUCES", material,
                                (("share", share), ("year", 2024)), sources=("source:press",)))
    return SupplyGraph(claims), Scenario("random", restrict=(control,))
