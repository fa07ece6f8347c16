"""How each segment is known: basis and determined agree on every shipped segment (issue 10)."""

import pytest

import borders
from borders.evidence import basis_shares
from borders.schema import BASES, evidence_problem

LAYERS = ["treaty_1920", "foch_line", "zeligowski_zone"]


@pytest.mark.parametrize("layer_id", LAYERS)
def test_every_segment_claims_no_more_certainty_than_its_basis_allows(layer_id):
    segments = borders.load(layer_id)
    segments = segments[segments["kind"] == "segment"]
    assert set(segments["basis"]) <= set(BASES)
    for _, seg in segments.iterrows():
        assert evidence_problem(seg["basis"], seg["determined"], seg["note"], seg["unidentified"]) is None, seg["id"]
        if seg["basis"] == "proxy":
            assert seg["determined"] is False, seg["id"]
        if seg["unidentified"]:
            assert seg["determined"] is False, seg["id"]


@pytest.mark.parametrize("layer_id", LAYERS)
def test_every_line_is_measured_by_basis_in_full(layer_id):
    table = basis_shares(borders.load(layer_id))
    shares = table[[f"pct_{b}" for b in BASES]].sum(axis=1)
    assert shares.round(6).eq(100).all()
    assert (table["pct_determined"] <= 100).all()


def test_readings_mark_exactly_one_default_per_question():
    for layer_id in LAYERS:
        gdf = borders.load(layer_id)
        questions = borders.layer_info(layer_id).get("questions", {})
        if "reading" not in gdf.columns:
            assert not questions
            continue
        for qid, question in questions.items():
            marked = gdf[gdf["reading"].fillna("").str.startswith(f"{qid}/")]
            defaults = set(marked.loc[marked["reading_default"] == True, "reading"])  # noqa: E712
            assert defaults == {question["default_reading"]}, qid
            assert set(marked["reading"]) == set(question["readings"]), qid
