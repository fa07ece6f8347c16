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


# Copies, aggregators and machine translations: cited only as where a source was read (issue 10, item 14).
MIRRORS = ("perceptio", "wiki-org.ru", "online-biblioteka.com", "yumpu.com", "9lib.org", "plwiki.pl", "blogspot.com",
           "bibliboba", "nina.az", "wikizero", "teknopedia", "wiki7.org", "prideseotools", "kresy.pl", "wiki.li",
           "encyklopedia.biolog.pl", "us.edu.vn", "your.org")


def test_sources_cite_originals_and_copies_only_as_read_at():
    bib = borders.sources()
    for source_id, entry in bib.iterrows():
        url = entry["url"] if isinstance(entry["url"], str) else ""
        assert not any(m in url for m in MIRRORS), (source_id, url)
        if isinstance(entry["read_at"], str) and entry["read_at"]:
            assert entry["read_at"] != url, source_id


def test_places_cite_the_article_not_the_copy():
    places = borders.load("places")
    for _, place in places.iterrows():
        assert not any(m in place["coordinate_source"] for m in MIRRORS), place["id"]
    # the Kaltanėnai article is "Калтаненай" on ru.wikipedia (issue 10, item 14)
    kaltanenai = places.set_index("id").loc["kaltanenai"]
    assert kaltanenai["coordinate_source"].endswith("/Калтаненай")


def test_a_source_flagged_for_verification_says_so():
    # pl.wikipedia 'Granica polsko-środkowolitewska' carries a verification template since January 2018.
    note = borders.sources().loc["plwiki_granica_pl_cl", "note"]
    assert "verification template since January 2018" in note


def test_areas_say_whether_they_were_assigned_or_held():
    # Issue 10, item 12 and issue 11: the Foch line's area is what the line assigned, not control.
    every = borders.load_all().set_index("id")
    assert every.loc["foch_line/territory", "assigned_to"] == "Lithuania"
    assert every.loc["foch_line/territory", "held_by"] is None
    assert every.loc["treaty_1920/territory", "assigned_to"] == "Lithuania"
    assert every.loc["zeligowski_zone/zone", "held_by"] == "Central Lithuania"
    assert every.loc["zeligowski_zone/zone", "assigned_to"] is None
