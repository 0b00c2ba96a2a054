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
