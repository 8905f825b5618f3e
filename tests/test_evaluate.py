"""The evaluation harness: exact P/R/F1 on hand-made cases, the gold files themselves, the CLI."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from data_pipeline import evaluate as ev
from data_pipeline.records import Claim, Mention, Quantity, TimelinePoint

GOLD_DIR = Path(__file__).resolve().parents[1] / "eval" / "gold"
GOLDS = ev.load_gold(GOLD_DIR)
# The held-out sets are only validated here (their offsets and fields), never scored or listed.
HELD_OUT = ev.load_gold(GOLD_DIR.parent / "heldout") + ev.load_gold(GOLD_DIR.parent / "heldout-snn")


def ment(start, end, typ, text="x"):
    return Mention("d", "e", typ, text, start, end, text, text)


def qty(start, end, value, unit):
    return Quantity("d", value, unit, "", "x", start, end)


def point(start, end, date, precision):
    return TimelinePoint("d", date, precision, "x", start, end)


def claim(start, end, speaker):
    return Claim("d", "c", speaker, None, "قال", "", start, end)


# ---------------------------------------------------------------- scorer


def test_score_exact_values():
    sc = ev.Score(tp=3, fp=1, fn=2)
    assert sc.precision == pytest.approx(0.75)
    assert sc.recall == pytest.approx(0.6)
    assert sc.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)


def test_score_empty_is_zero_not_one():
    assert (ev.Score().precision, ev.Score().recall, ev.Score().f1) == (0.0, 0.0, 0.0)


def test_entities_strict_relaxed_and_loc_merged():
    gold = [{"start": 0, "end": 10, "type": "PERSON"}, {"start": 20, "end": 25, "type": "GPE"},
            {"start": 30, "end": 40, "type": "ORG"}, {"start": 50, "end": 55, "type": "LOC"}]
    pred = [ment(0, 10, "PERSON"), ment(20, 25, "LOC"), ment(28, 40, "ORG"), ment(60, 65, "GPE")]
    strict = ev.score_matches(gold, pred, ev.entity_strict)
    assert (strict.tp, strict.fp, strict.fn) == (1, 3, 3)
    assert strict.precision == 0.25 and strict.recall == 0.25 and strict.f1 == 0.25
    relaxed = ev.score_matches(gold, pred, ev.entity_relaxed)
    assert (relaxed.tp, relaxed.fp, relaxed.fn) == (2, 2, 2)
    merged = ev.score_matches(gold, pred, ev.entity_loc_merged)
    assert (merged.tp, merged.fp, merged.fn) == (2, 2, 2)


def test_matching_is_one_to_one():
    gold = [{"start": 0, "end": 10, "type": "ORG"}, {"start": 5, "end": 12, "type": "ORG"}]
    pred = [ment(0, 12, "ORG")]
    sc = ev.score_matches(gold, pred, ev.entity_relaxed)
    assert (sc.tp, sc.fp, sc.fn) == (1, 0, 1)


def test_relaxed_prefers_largest_overlap():
    gold = [{"start": 0, "end": 10, "type": "ORG"}]
    pred = [ment(8, 20, "ORG"), ment(1, 10, "ORG")]
    pairs, missed, spurious = ev.match(gold, pred, ev.entity_relaxed)
    assert pairs[0][1].start == 1 and spurious[0].start == 8 and not missed


def test_quantities_need_value_unit_and_overlap():
    gold = [{"start": 0, "end": 6, "value": 16.0, "unit": "percent"},
            {"start": 10, "end": 20, "value": 50000.0, "unit": "dollar"},
            {"start": 30, "end": 35, "value": 3.0, "unit": "month"}]
    pred = [qty(0, 3, 16.0, "percent"), qty(10, 20, 50.0, "dollar"), qty(40, 45, 3.0, "month"),
            qty(30, 35, 3.0, "year")]
    sc = ev.score_matches(gold, pred, ev.quantity_match)
    assert (sc.tp, sc.fp, sc.fn) == (1, 3, 2)
    assert sc.precision == 0.25 and sc.recall == pytest.approx(1 / 3)


def test_quantities_value_only_ignores_the_unit():
    gold = [{"start": 0, "end": 10, "value": 500.0, "unit": "item"},
            {"start": 20, "end": 25, "value": 3.0, "unit": "month"}]
    pred = [qty(0, 10, 500.0, "person"), qty(20, 25, 4.0, "month")]
    assert (lambda sc: (sc.tp, sc.fp, sc.fn))(ev.score_matches(gold, pred, ev.quantity_match)) == (0, 2, 2)
    sc = ev.score_matches(gold, pred, ev.quantity_value_match)
    assert (sc.tp, sc.fp, sc.fn) == (1, 1, 1)  # the unit differs, the value and span agree; 3 != 4


def test_value_tolerance_is_relative():
    assert ev.same_value(590e9, 590e9 + 1)
    assert not ev.same_value(2.5, 2.0)


def test_timeline_needs_date_and_precision():
    gold = [{"start": 0, "end": 5, "date": "2018-03-30", "precision": "day"},
            {"start": 10, "end": 20, "date": "2017-10", "precision": "month"}]
    pred = [point(0, 5, "2018-03-31", "day"), point(12, 20, "2017-10", "month"), point(50, 55, "2018", "year")]
    sc = ev.score_matches(gold, pred, ev.timeline_match)
    assert (sc.tp, sc.fp, sc.fn) == (1, 2, 1)
    assert sc.f1 == pytest.approx(0.4)


@pytest.mark.parametrize("gold_speaker, pred_speaker, same", [
    ("الرقيب تيم زينس، المتحدث باسم إدارة شرطة مانهاتن بيتش", "تيم زينس", True),
    ("سناب", "تنفيذيو \"سناب\"", True),
    ("إيفن سبيغل، الرئيس التنفيذي لسناب", "سناب", True),
    ("وزارة الصحة العراقية", "الوزارة", True),
    ("دنهام", "إليزابيث دنهام", True),
    ("فيسبوك", "دنهام", False),
    ("", "", True),
    ("", "المتحدث", False),
    ("الإمارات", "للإمارات", True),
    ("المتحدث باسم الشرطة", "باسم", False),
])
def test_speaker_overlap(gold_speaker, pred_speaker, same):
    assert ev.same_speaker(gold_speaker, pred_speaker) is same


def test_claims_need_span_and_speaker():
    gold = [{"start": 0, "end": 50, "speaker_text": "بنيامين نتنياهو"},
            {"start": 60, "end": 100, "speaker_text": "فيسبوك"},
            {"start": 120, "end": 150, "speaker_text": "سول"}]
    pred = [claim(5, 40, "نتنياهو"), claim(60, 100, "دنهام"), claim(200, 220, "سول")]
    sc = ev.score_matches(gold, pred, ev.claim_match)
    assert (sc.tp, sc.fp, sc.fn) == (1, 2, 2)
    span_only = ev.score_matches(gold, pred, ev.claim_span_match)
    assert (span_only.tp, span_only.fp, span_only.fn) == (2, 1, 1)


def test_evaluate_gold_with_fake_pipeline_exact_scores():
    text = "قال ترامب إن 15 عضوا وصلوا يوم الجمعة إلى واشنطن."
    gold = {"doc_id": "t", "text": text, "published": "2018-03-31",
            "entities": [{"start": 4, "end": 9, "text": "ترامب", "type": "PERSON"},
                         {"start": 42, "end": 48, "text": "واشنطن", "type": "GPE"}],
            "quantities": [{"start": 13, "end": 20, "text": "15 عضوا", "value": 15.0, "unit": "member"}],
            "timeline": [{"start": 27, "end": 37, "text": "يوم الجمعة", "date": "2018-03-30", "precision": "day"}],
            "claims": [{"start": 0, "end": 49, "text": text[:49], "speaker_text": "ترامب", "stance": "assert",
                        "hedged": False}]}
    assert ev.validate_gold(gold) == []
    facts = SimpleNamespace(
        mentions=[ment(4, 9, "PERSON"), ment(42, 48, "LOC"), ment(27, 37, "EVENT")],
        quantities=[qty(13, 15, 15.0, "member")],
        timeline=[point(31, 37, "2018-03-31", "day")],
        claims=[claim(0, 49, "ترامب")])
    report = ev.evaluate_gold([gold], process=lambda doc: facts)
    s = report.scores
    assert (s["entities.strict"].tp, s["entities.strict"].fp, s["entities.strict"].fn) == (1, 1, 1)
    assert s["entities.loc_merged"].f1 == 1.0
    assert s["quantities"].f1 == 1.0
    assert (s["timeline"].tp, s["timeline"].fp, s["timeline"].fn) == (0, 1, 1)
    assert s["claims"].recall == 1.0
    assert report.as_dict()["documents"] == 1


# ---------------------------------------------------------------- CoNLL


@pytest.mark.parametrize("tags, chunks", [
    (["B-PERS", "I-PERS", "O", "B-LOC"], {(0, 2, "PER"), (3, 4, "LOC")}),
    (["I-ORG", "I-ORG", "B-ORG"], {(0, 2, "ORG"), (2, 3, "ORG")}),
    (["B-LOC", "I-PERS", "O"], {(0, 1, "LOC"), (1, 2, "PER")}),
    (["B-MISC", "I-MISC", "B-GPE"], {(2, 3, "LOC")}),
    (["O", "O"], set()),
])
def test_bio_chunks(tags, chunks):
    assert ev.bio_chunks(tags) == chunks


def test_align_mentions_to_whitespace_tokens():
    toks = ["أعلن", "دونالد", "ترامب", "في", "بواشنطن", "."]
    spans, pos = [], 0
    for t in toks:
        spans.append((pos, pos + len(t)))
        pos += len(t) + 1
    text = " ".join(toks)
    w = text.index("واشنطن")
    mentions = [ment(5, 16, "PERSON"), ment(w, w + 6, "GPE")]
    assert ev.align_mentions(mentions, spans) == ["O", "B-PER", "I-PER", "O", "B-LOC", "O"]


def test_conll_file_end_to_end(tmp_path):
    path = tmp_path / "mini.txt"
    path.write_text("\ufeffقال O\nدونالد B-PERS\nترامب I-PERS\nفي O\nواشنطن B-LOC\n. O\n\n"
                    "زار O\nالوفد O\nباريس B-LOC\n. O\n", encoding="utf-8")
    sents = ev.read_conll(path)
    assert [len(s) for s in sents] == [6, 4] and sents[0][0].text == "قال"

    def fake_extract(doc):
        out = []
        for name, typ in (("دونالد ترامب", "PERSON"), ("باريس", "GPE"), ("الوفد", "ORG")):
            i = doc.text.find(name)
            if i >= 0:
                out.append(ment(i, i + len(name), typ, name))
        return out

    report = ev.evaluate_conll(path, extract=fake_extract, max_tokens=100)
    sc = report.scores["entities.conll"]
    assert (sc.tp, sc.fp, sc.fn) == (2, 1, 1)
    assert report.scores["entities.conll.PER"].f1 == 1.0


# ---------------------------------------------------------------- the gold files


def test_gold_set_is_big_and_varied():
    assert len(GOLDS) >= 20
    assert {g["source"] for g in GOLDS} >= {"alarabia", "BBC", "france24", "skynews"}
    assert len({g["category"] for g in GOLDS}) >= 5
    for key in ("entities", "quantities", "timeline", "claims"):
        assert sum(len(g[key]) for g in GOLDS) >= 20, key


def test_the_saudinewsnet_held_out_set_is_blind_revision_2_gold_from_many_outlets():
    snn = [g for g in HELD_OUT if g["doc_id"].startswith("SNN-")]
    assert len(snn) >= 25 and len({g["source"] for g in snn}) >= 12
    claims = [c for g in snn for c in g["claims"]]
    assert len(claims) >= 100
    assert all(c.get("frame") in ev.CLAIM_FRAMES and c["speaker_text"].strip() for c in claims)  # revision 2


@pytest.mark.parametrize("gold", GOLDS + HELD_OUT, ids=[g["doc_id"] for g in GOLDS + HELD_OUT])
def test_gold_file_offsets_and_fields(gold):
    assert ev.validate_gold(gold) == []
    assert Path(gold["_path"]).stem == gold["doc_id"]
    text = gold["text"]
    for key in ("entities", "quantities", "timeline", "claims"):
        for r in gold[key]:
            assert text[r["start"]:r["end"]] == r["text"]


def test_validate_gold_reports_bad_offsets():
    bad = {"doc_id": "b", "text": "قال ترامب", "entities": [{"start": 0, "end": 3, "text": "ترامب", "type": "PER"}],
           "quantities": [], "timeline": [{"start": 4, "end": 9, "text": "ترامب", "date": "2018-01",
                                           "precision": "day"}], "claims": []}
    problems = ev.validate_gold(bad)
    assert any("!= slice" in p for p in problems)
    assert any("entity type" in p for p in problems)
    assert any("precision" in p for p in problems)


# ---------------------------------------------------------------- CLI


def test_add_eval_parser_defaults_and_flags():
    parser = argparse.ArgumentParser(prog="marsad")
    sub = parser.add_subparsers(dest="command", required=True)
    ev.add_eval_parser(sub)
    args = parser.parse_args(["eval"])
    assert Path(args.gold) == GOLD_DIR and args.conll is None and args.json is False
    assert args.func is ev.cmd_eval
    args = parser.parse_args(["eval", "--gold", "g", "--conll", "c.txt", "--json"])
    assert (args.gold, args.conll, args.json) == ("g", "c.txt", True)


def test_cli_json_output_on_gold(capsys):
    assert ev.main(["--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["documents"] == len(GOLDS)
    for name in ("entities.strict", "entities.relaxed", "entities.loc_merged", "quantities", "timeline", "claims"):
        assert set(out["scores"][name]) >= {"precision", "recall", "f1", "tp", "fp", "fn"}


def test_cli_missing_gold_is_an_error(tmp_path, capsys):
    assert ev.main(["--gold", str(tmp_path)]) == 1
    assert "no gold files" in capsys.readouterr().err


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 50), st.integers(1, 10), st.sampled_from(ev.EVALUATED_TYPES)), max_size=8),
       st.lists(st.tuples(st.integers(0, 50), st.integers(1, 10), st.sampled_from(ev.EVALUATED_TYPES)), max_size=8))
def test_scores_are_consistent_for_random_spans(gold_t, pred_t):
    gold = [{"start": s, "end": s + n, "type": t} for s, n, t in gold_t]
    pred = [ment(s, s + n, t) for s, n, t in pred_t]
    for rule in (ev.entity_strict, ev.entity_relaxed, ev.entity_loc_merged):
        sc = ev.score_matches(gold, pred, rule)
        assert sc.tp + sc.fn == len(gold) and sc.tp + sc.fp == len(pred)
        assert 0.0 <= sc.f1 <= 1.0
        assert ev.score_matches(gold, pred, rule).as_dict() == sc.as_dict()  # deterministic
    assert ev.score_matches(gold, pred, ev.entity_strict).tp <= ev.score_matches(gold, pred, ev.entity_relaxed).tp


def test_claim_roles_score_frame_target_and_via_as_diagnostics():
    from types import SimpleNamespace

    gold = {"start": 0, "end": 40, "speaker_text": "وزارة الخارجية", "frame": "accuse", "target_text": "إيران",
            "via_text": "وكالة الأنباء", "stance": "assert"}
    pred = SimpleNamespace(start=5, end=45, speaker="الخارجية", frame="accuse", target="طهران وإيران", via="الوكالة")
    assert ev.claim_frame_match(gold, pred) and ev.claim_target_match(gold, pred)
    assert not ev.claim_via_match(gold, SimpleNamespace(start=5, end=45, speaker="الخارجية", via="رويترز"))
    assert not ev.claim_via_match(gold, SimpleNamespace(start=50, end=60, speaker="الخارجية", via="وكالة الأنباء"))
    assert ev.claim_role({"stance": "deny"}, "frame") == "deny" and ev.claim_role({}, "frame") == "say"
    assert ev.claim_role(SimpleNamespace(), "frame") == "say" and ev.claim_role(SimpleNamespace(), "via") == ""
    assert not ev.claim_frame_match(gold, SimpleNamespace(start=5, end=45, speaker="الخارجية", frame="say"))
