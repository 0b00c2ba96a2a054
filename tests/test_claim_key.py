"""A plain claim's id text is written directly (issue 18, round eleven: building a
million-node graph hashes some 2.4 million claims); it must be the very text
``json.dumps`` gives, or ids and so snapshots would change."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from mineralgraph.claim import Claim, _key, _plain_key

_SCALARS = st.one_of(st.text(), st.booleans(), st.integers(),
                     st.floats(allow_nan=True, allow_infinity=True))


@settings(max_examples=300, deadline=None)
@given(subject=st.text(), predicate=st.text(), obj=_SCALARS,
       qualifiers=st.lists(st.tuples(st.text(), _SCALARS), max_size=3),
       sources=st.lists(st.text(), max_size=3))
def test_the_direct_text_is_json_dumps(subject, predicate, obj, qualifiers, sources):
    claim = Claim(subject, predicate, obj, tuple(qualifiers), tuple(sources))
    direct = _plain_key(claim)
    if direct is not None:
        assert direct == _key(claim)
    else:  # only what JSON writes as NaN or Infinity is left to json.dumps
        values = [obj, *(v for _, v in qualifiers)]
        assert any(type(v) is float and v != v or v in (float("inf"), float("-inf"))
                   for v in values)


def test_examples_exact():
    claim = Claim("material:ü\"\\", "PRODUCES", 1.0, (("share", -0.0), ("year", True)),
                  ("source:a", "source:é\u2028"))
    assert _plain_key(claim) == (
        '["material:ü\\"\\\\", "PRODUCES", 1.0, [["share", -0.0], ["year", true]], '
        '["source:a", "source:é\u2028"], null, null, null, null]')
    assert _plain_key(claim) == _key(claim)
    # any other provenance, a date or a float that is not finite: json.dumps writes it
    assert _plain_key(Claim("a:b", "p", "x", quote="q")) is None
    assert _plain_key(Claim("a:b", "p", "x", confidence="high")) is None
    assert _plain_key(Claim("a:b", "p", date(2024, 1, 1))) is None
    assert _plain_key(Claim("a:b", "p", float("inf"))) is None
    assert Claim("a:b", "p", 1).id != Claim("a:b", "p", 1.0).id != Claim("a:b", "p", True).id


@settings(max_examples=200, deadline=None)
@given(subject=st.text(), predicate=st.text(),
       rest=st.lists(st.tuples(_SCALARS, st.lists(st.tuples(st.text(), _SCALARS), max_size=2),
                               st.sampled_from([(), ("source:a",), ("source:a", "source:b")]),
                               st.sampled_from([None, "a quote"]),
                               st.sampled_from([None, date(2024, 1, 1)])),
                     max_size=6))
def test_a_runs_ids_are_each_claims_own(subject, predicate, rest):
    """``run_ids`` (round fourteen: the run's subject and predicate written once) gives
    every claim of a run the id it has alone, plain or not, and keeps it on the claim."""
    from mineralgraph.claim import _claim_id, run_ids

    shared = {}  # a reader holds each tuple of sources once
    run = [Claim(subject, predicate, obj, tuple(qualifiers), shared.setdefault(src, src),
                 quote=quote, valid_from=start)
           for obj, qualifiers, src, quote, start in rest]
    alone = [_claim_id(c) for c in run]
    assert run_ids(run) == alone
    assert [c._id for c in run] == alone


def test_claims_in_order_are_checked_not_sorted_and_the_rest_sorted_as_before():
    """``_distinct_sorted`` (round fourteen): a run whose ids rise is left as given;
    a run out of order, or with a claim given twice, is sorted by id with the last copy
    kept; the claims end sorted by (subject, predicate, id) either way."""
    from mineralgraph.graph.supply_graph import _distinct_sorted

    made = [Claim("material:m", "MADE_FROM", f"material:{x}", (), ("source:s",)) for x in "abcd"]
    by_id = sorted(made, key=lambda c: c.id)
    label = Claim("material:m", "label", "M", (), ("source:s",))
    other = Claim("material:a", "label", "A", (), ("source:s",))
    assert _distinct_sorted([other, *by_id, label]) == [other, *by_id, label]
    again = Claim(*(getattr(by_id[1], f) for f in ("subject", "predicate", "object",
                                                   "qualifiers", "sources")))
    given = [label, by_id[3], by_id[1], other, by_id[0], again, by_id[2]]
    out = _distinct_sorted(given)
    assert out == [other, *by_id, label]
    assert out[2] is again  # the last copy given
    assert [c.id for c in out[1:5]] == sorted(c.id for c in made)
