"""The demo article's tables contain what the issue names (values, not just presence of rows)."""

import pytest

from tests.conftest import SEED


def _entity_names(tables, etype):
    e = tables["entities"]
    return set(e.loc[e["type"] == etype, "name_en"])


@pytest.mark.parametrize("name", ["Vladimir Putin", "Kim Jong Un", "Kim Jong Il", "John Kirby", "Joe Biden"])
def test_seed_persons(seed_tables, name):
    assert name in _entity_names(seed_tables, "PERSON")


@pytest.mark.parametrize(
    "name", ["North Korea", "Russia", "Pyongyang", "Ukraine", "South Korea", "Vietnam", "United States", "China", "Asia"]
)
def test_seed_places(seed_tables, name):
    e = seed_tables["entities"]
    assert name in set(e.loc[e["type"].isin(["GPE", "LOC"]), "name_en"])


@pytest.mark.parametrize("name", ["United Nations", "UN Security Council", "US National Security Council", "TASS"])
def test_seed_organisations(seed_tables, name):
    assert name in _entity_names(seed_tables, "ORG")


def test_kim_jong_un_spellings_merge_into_one_entity(seed_tables):
    m = seed_tables["mentions"]
    kim = m[m["name_en"] == "Kim Jong Un"]
    assert kim["entity_id"].nunique() == 1
    texts = " | ".join(kim["text"])
    for spelling in ("كيم يونغ أون", "كيم جونغ أون", "يونج"):
        assert spelling in texts
    kim_il = m[m["name_en"] == "Kim Jong Il"]
    assert set(kim_il["entity_id"]).isdisjoint(set(kim["entity_id"]))


def test_pyongyang_misspelling_is_pyongyang(seed_tables):
    m = seed_tables["mentions"]
    assert "بيونع يانغ" in set(m.loc[m["name_en"] == "Pyongyang", "text"])


@pytest.mark.parametrize("value, unit", [(11000, "container"), (152, "mm"), (2, "day"), (8, "expert")])
def test_seed_quantities(seed_tables, value, unit):
    q = seed_tables["quantities"]
    assert ((q["value"] == value) & (q["unit"] == unit)).any(), q[["value", "unit", "text"]].to_string()


def test_seed_years_are_not_quantities(seed_tables):
    q = seed_tables["quantities"]
    assert not q["value"].isin([1961, 2000, 2001, 2006, 2022, 2024]).any()


@pytest.mark.parametrize(
    "date", ["2024-06-18", "2024-06-17", "2024-05", "2024-04-30", "2023-09", "2022", "2006", "2001", "2000", "1961"]
)
def test_seed_timeline(seed_tables, date):
    assert date in set(seed_tables["timeline"]["date"])


def test_durations_are_not_timeline_points(seed_tables):
    t = seed_tables["timeline"]
    assert not t["text"].str.contains("يومين").any()


def _claims(tables, speaker_part=None, content_part=None):
    c = tables["claims"]
    mask = c["content"].notna()
    if speaker_part:
        mask &= c["speaker"].str.contains(speaker_part, regex=False)
    if content_part:
        mask &= c["content"].str.contains(content_part, regex=False)
    return c[mask]


def test_claim_south_korean_intelligence(seed_tables):
    assert len(_claims(seed_tables, "استخباراتية", "11 ألف حاوية")) >= 1


def test_claim_kim_unbreakable_relationship(seed_tables):
    found = _claims(seed_tables, "كيم", "علاقة لا تنفصم بين رفاق السلاح")
    assert len(found) >= 1


def test_claim_kirby_concerned(seed_tables):
    found = _claims(seed_tables, "كيربي", "قلقة")
    assert len(found) >= 1
    assert found.iloc[0]["speaker_entity_id"] is not None
    assert found.iloc[0]["stance"] == "assert"


def test_claim_tass_new_agreements(seed_tables):
    assert len(_claims(seed_tables, "تاس", "توقيع")) >= 1


def test_claim_hedged_experts(seed_tables):
    found = _claims(seed_tables, "الخبراء", "استجابت")
    assert len(found) >= 1 and found["hedged"].all()


def test_claim_denial_by_the_two_countries(seed_tables):
    c = seed_tables["claims"]
    denied = c[c["stance"] == "deny"]
    assert denied["text"].str.contains("نفت الدولتان").any() or denied["speaker"].str.contains("الدولتان").any()


def test_every_row_satisfies_the_offset_invariant(seed_tables):
    text = seed_tables["documents"].set_index("doc_id")["text"]
    for name in ("passages", "mentions", "quantities", "timeline", "claims"):
        for row in seed_tables[name].itertuples():
            assert text[row.doc_id][row.start : row.end] == row.text, (name, row)


def test_document_metadata(seed_tables):
    (doc,) = seed_tables["documents"].itertuples()
    assert doc.published == "2024-06-18"
    assert doc.source == "الإيطالية نيوز"
    assert doc.title.startswith("«بوتين» في زيارة تاريخية")
    assert SEED.read_text(encoding="utf-8").endswith(doc.text)
