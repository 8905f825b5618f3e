"""The CRF named-entity tagger (data_pipeline/ner.py) and its training/scoring code (ner_train.py).

No training happens here: the shipped model is loaded, and the scorer is checked on hand-made cases.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from data_pipeline import ner
from data_pipeline.ner import bio_chunks, predict_spans, split_sentences, tokenize
from data_pipeline.ner_train import (
    _reattach_proclitics,
    add_train_ner_parser,
    default_model_path,
    run,
    _split_token,
    _keep_wikifane,
    _wikifane_label,
    conll_score,
    read_anercorp,
    read_wikifane,
    thin,
)
from data_pipeline.lang.ar.normalize import normalize
from data_pipeline.records import Document, Mention, check_offsets

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "ner"
TYPES = {"PERSON", "ORG", "GPE", "LOC"}


def doc(text: str) -> Document:
    return Document(doc_id="t", title="", text=text)


def spans_text(text: str) -> list[tuple[str, str]]:
    return [(text[s:e], t) for s, e, t, _ in predict_spans(doc(text))]


# --------------------------------------------------------------------------- chunks and scorer


@pytest.mark.parametrize(
    "labels, chunks",
    [
        (["O", "B-PERS", "I-PERS", "O"], [(1, 3, "PERS")]),
        (["B-LOC", "B-LOC"], [(0, 1, "LOC"), (1, 2, "LOC")]),
        (["O", "I-ORG", "I-ORG"], [(1, 3, "ORG")]),  # conlleval: I- after O opens a chunk
        (["B-PERS", "I-ORG"], [(0, 1, "PERS"), (1, 2, "ORG")]),  # type change closes the chunk
        (["B-ORG", "I-ORG", "I-ORG"], [(0, 3, "ORG")]),
        (["O", "O"], []),
        ([], []),
        (["B-LOC"], [(0, 1, "LOC")]),
        (["Oxyz", "B-"], []),  # malformed tags read as O
    ],
)
def test_bio_chunks_follow_conlleval(labels, chunks):
    assert bio_chunks(labels) == chunks


def test_conll_score_perfect_prediction():
    gold = [["B-PERS", "I-PERS", "O", "B-LOC"]]
    s = conll_score(gold, gold)
    assert s["overall"]["f1"] == pytest.approx(100.0)
    assert s["PERS"]["gold"] == 1 and s["LOC"]["correct"] == 1


def test_conll_score_counts_boundary_and_type_errors_as_misses():
    gold = [["B-PERS", "I-PERS", "O", "B-LOC", "O", "B-ORG", "I-ORG"]]
    pred = [["B-PERS", "O", "O", "B-ORG", "O", "B-ORG", "I-ORG"]]
    s = conll_score(gold, pred)
    # gold 3 entities, predicted 3, only the ORG is exact
    assert s["overall"]["correct"] == 1
    assert s["overall"]["precision"] == pytest.approx(100 / 3)
    assert s["overall"]["recall"] == pytest.approx(100 / 3)
    assert s["overall"]["f1"] == pytest.approx(100 / 3)
    assert s["PERS"]["f1"] == 0.0
    # ORG: 1 gold, 2 predicted (the LOC mistyped as ORG), 1 correct
    assert (s["ORG"]["precision"], s["ORG"]["recall"]) == (pytest.approx(50.0), pytest.approx(100.0))
    assert s["ORG"]["f1"] == pytest.approx(200 / 3)
    assert s["LOC"]["recall"] == 0.0 and s["LOC"]["predicted"] == 0


def test_conll_score_micro_averages_over_sentences():
    gold = [["B-PERS", "O"], ["B-LOC", "I-LOC"], ["O", "O"]]
    pred = [["B-PERS", "O"], ["B-LOC", "O"], ["B-ORG", "O"]]
    s = conll_score(gold, pred)
    assert (s["overall"]["gold"], s["overall"]["predicted"], s["overall"]["correct"]) == (2, 3, 1)
    assert s["overall"]["precision"] == pytest.approx(100 / 3)
    assert s["overall"]["recall"] == pytest.approx(50.0)
    assert s["overall"]["f1"] == pytest.approx(40.0)


def test_conll_score_i_after_o_is_an_entity():
    s = conll_score([["O", "B-ORG", "I-ORG"]], [["O", "I-ORG", "I-ORG"]])
    assert s["overall"]["f1"] == pytest.approx(100.0)


def test_conll_score_rejects_length_mismatch():
    with pytest.raises(ValueError):
        conll_score([["O", "O"]], [["O"]])


# --------------------------------------------------------------------------- corpus reading


@pytest.mark.parametrize(
    "token, label, words, labels",
    [
        ("ألمانيا", "B-LOC", ["المانيا"], ["B-LOC"]),
        ("أ)", "O", ["ا", ")"], ["O", "O"]),
        ("(الأمم", "B-ORG", ["(", "الامم"], ["O", "B-ORG"]),
        ("كوريا-الشمالية", "B-LOC", ["كوريا", "-", "الشماليه"], ["B-LOC", "O", "I-LOC"]),
    ],
)
def test_split_token_spreads_labels_over_pieces(token, label, words, labels):
    assert _split_token(token, label) == (words, labels)


@pytest.mark.parametrize(
    "tag, label",
    [
        ("B-Politician", "B-PERS"),
        ("I-Athlete", "I-PERS"),
        ("B-Group", "O"),
        ("B-Government", "B-ORG"),
        ("I-Nation", "I-LOC"),
        ("B-Water-Body", "B-LOC"),
        ("B-Airport", "B-LOC"),
        ("B-Air", "O"),
        ("B-Software", "O"),
        ("B-Shooting", "O"),
        ("O", "O"),
        ("", "O"),
    ],
)
def test_wikifane_fine_classes_map_to_anercorp_types(tag, label):
    assert _wikifane_label(tag) == label


def test_reattach_split_clitics_like_news_text():
    toks = ["و", "ب", "المدينة", "عاصمة", "ها", "و", "لبنان"]
    labs = ["O", "O", "O", "O", "O", "O", "B-LOC"]
    assert _reattach_proclitics(toks, labs) == (
        ["وبالمدينة", "عاصمتها", "ولبنان"],
        ["O", "O", "B-LOC"],
    )


def test_read_small_corpora(tmp_path):
    aner = tmp_path / "aner.txt"
    aner.write_text("قال O\nجو B-PERS\nبايدن I-PERS\n. O\nفي O\nواشنطن B-LOC\n", encoding="utf-8")
    assert read_anercorp(aner) == [
        (["قال", "جو", "بايدن", "."], ["O", "B-PERS", "I-PERS", "O"]),
        (["في", "واشنطن"], ["O", "B-LOC"]),
    ]
    wiki = tmp_path / "wiki.txt"
    wiki.write_bytes("\u200eو\tO\r\n\u200eباريس\tB-Population-Center\r\n\t\r\n\u200eزار\tO\r\n".encode())
    assert read_wikifane(wiki) == [(["وباريس"], ["B-LOC"]), (["زار"], ["O"])]


@pytest.mark.parametrize(
    "fine, keep, kept",
    [
        ({"Politician", "Nation"}, "all", True),
        ({"Group", "Nation"}, "all", True),
        (set(), "all", True),
        ({"Politician", "Nation", "Government"}, "mapped", True),
        ({"Politician", "Group"}, "mapped", False),  # a nationality would be taught as O
        ({"Nation", "Software"}, "mapped", False),  # a product name (ANERcorp MISC) would be O
        ({"Air"}, "mapped", False),
        (set(), "mapped", False),
        ({"Politician", "Athlete"}, "pers", True),
        ({"Politician", "Nation"}, "pers", False),
        ({"Group"}, "pers", False),
        (set(), "pers", False),
    ],
)
def test_wikifane_sentence_filter(fine, keep, kept):
    assert _keep_wikifane(fine, keep) is kept


def test_read_wikifane_keeps_only_selected_sentences(tmp_path):
    wiki = tmp_path / "wiki.txt"
    rows = [
        "\u200eزار\tO", "\u200eأوباما\tB-Politician", "\u200eباريس\tB-Population-Center", "\t",
        "\u200eقال\tO", "\u200eالعرب\tB-Group", "\u200eفي\tO", "\u200eمصر\tB-Nation", "\t",
        "\u200eقال\tO", "\u200eبايدن\tB-Politician", "\t",
        "\u200eنام\tO", "\t",
    ]
    wiki.write_bytes("\r\n".join(rows).encode())
    assert len(read_wikifane(wiki)) == 4
    assert read_wikifane(wiki, keep="mapped") == [
        (["زار", "اوباما", "باريس"], ["O", "B-PERS", "B-LOC"]),
        (["قال", "بايدن"], ["O", "B-PERS"]),
    ]
    assert read_wikifane(wiki, keep="pers") == [(["قال", "بايدن"], ["O", "B-PERS"])]
    with pytest.raises(ValueError):
        read_wikifane(wiki, keep="some")


@pytest.mark.parametrize("n, fraction, expected", [(10, 1.0, 10), (10, 0.5, 5), (1594, 0.5, 797), (10, 0.3, 3), (7, 0.0, 0), (0, 0.5, 0)])
def test_thin_keeps_an_even_deterministic_share(n, fraction, expected):
    items = [([str(i)], ["O"]) for i in range(n)]
    out = thin(items, fraction)
    assert len(out) == expected
    assert out == thin(items, fraction)
    assert all(a in items for a in out)


@pytest.mark.skipif(not (CORPORA / "anercorp-train.txt").exists(), reason="corpora folder absent")
def test_anercorp_reads_whole_training_portion():
    sents = read_anercorp(CORPORA / "anercorp-train.txt")
    labels = [lab for _, labs in sents for lab in labs]
    assert len(sents) > 4000
    assert sum(lab.startswith("B-") for lab in labels) == 3777 + 2722 + 1576 + 888


def test_train_ner_subcommand_arguments():
    parser = argparse.ArgumentParser(prog="marsad")
    add_train_ner_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["train-ner", "--anercorp", "a.txt", "--c1", "0.2", "--max-iterations", "80"])
    assert args.func is run
    assert (args.anercorp, args.wikifane, args.folds, args.c1, args.max_iterations) == ("a.txt", None, 5, 0.2, 80)
    assert Path(args.out) == default_model_path() == Path(ner.__file__).parent / "resources" / "ner_crf.model"


# --------------------------------------------------------------------------- tokens and sentences


def test_tokenize_and_split_sentences():
    text = "قال الرئيس. ثم غادر!\nوصل الوفد"
    toks = tokenize(text)
    words = [text[s:e] for s, e in toks]
    assert words == ["قال", "الرئيس", ".", "ثم", "غادر", "!", "وصل", "الوفد"]
    assert split_sentences(text, toks) == [(0, 3), (3, 6), (6, 8)]


# --------------------------------------------------------------------------- the shipped model


def test_shipped_model_loads_once():
    assert ner.model_path().is_file()
    assert ner.load_tagger() is not None
    assert ner.load_tagger() is ner.load_tagger()
    assert ner.model_path().read_bytes()[:4] == b"lCRF"


NEWS_SENTENCES = [
    "قال الرئيس الأمريكي جو بايدن في واشنطن إن المحادثات مستمرة",
    "وأعلنت وزارة الخارجية السعودية في الرياض عن زيارة مرتقبة للأمين العام للأمم المتحدة",
    "ويلتقي المستشارة الألمانية أنغيلا ميركل مع رئيس الوزراء الكندي جاستن ترودو في برلين",
    "ارتفع سعر خام برنت إلى 75 دولارا للبرميل، بحسب بيانات بورصة لندن.",
    "وذكرت وكالة الأنباء الرسمية (واس) أن الملك سلمان بن عبد العزيز استقبل وفدا من الكويت",
]


@pytest.mark.parametrize("text", NEWS_SENTENCES)
def test_compiled_tagger_equals_crfsuite(text):
    words = [normalize(text).text[s:e] for s, e in tokenize(normalize(text).text)]
    tagger = ner.load_tagger()
    labels, probs = ner.compiled_model().tag([words])[0]
    expected = tagger.tag(ner.sentence_features(words))
    assert labels == expected
    assert probs == pytest.approx([tagger.marginal(lab, i) for i, lab in enumerate(expected)], abs=1e-5)


def test_compiled_tagger_batches_sentences_of_different_lengths():
    sents = [[normalize(t).text[s:e] for s, e in tokenize(normalize(t).text)] for t in NEWS_SENTENCES]
    batch = ner.compiled_model().tag(sents)
    for (labels, probs), words in zip(batch, sents, strict=True):
        alone_labels, alone_probs = ner.compiled_model().tag([words])[0]
        assert labels == alone_labels and len(labels) == len(words)
        assert probs == pytest.approx(alone_probs, abs=1e-9)


def test_score_cache_reset_between_documents_keeps_results(monkeypatch):
    monkeypatch.setattr(ner, "MAX_CACHED_WORDS", 25)
    small = ner.CompiledCRF(ner.load_tagger())
    for text in NEWS_SENTENCES * 2:
        words = [normalize(text).text[s:e] for s, e in tokenize(normalize(text).text)]
        labels, probs = small.tag([words])[0]
        expected_labels, expected_probs = ner.compiled_model().tag([words])[0]
        assert labels == expected_labels
        assert probs == pytest.approx(expected_probs, abs=1e-9)
    assert len(small.rows) <= 25 + 30


def test_demo_sentence_person_and_place():
    text = "قال الرئيس الأمريكي جو بايدن في واشنطن"
    found = spans_text(text)
    assert ("جو بايدن", "PERSON") in found
    assert any(t == "واشنطن" and typ in ("GPE", "LOC") for t, typ in found)


@pytest.mark.parametrize(
    "text, entity, types",
    [
        ("وقال الرئيس الفرنسي إيمانويل ماكرون إن بلاده ستدعم الاتفاق", "إيمانويل ماكرون", {"PERSON"}),
        ("التقى وزير الخارجية سيرغي لافروف نظيره الأمريكي في موسكو", "موسكو", {"GPE"}),
        ("وصل الوفد إلى القاهرة صباح اليوم", "القاهرة", {"GPE"}),
        ("أعلنت منظمة الصحة العالمية عن حالات جديدة", "منظمة الصحة العالمية", {"ORG"}),
        ("وقالت الأمم المتحدة في بيان إن المساعدات وصلت", "الأمم المتحدة", {"ORG"}),
        ("وأكد الشيخ محمد بن زايد دعم الإمارات للمبادرة", "الإمارات", {"GPE"}),
        ("ووصلت السفينة إلى البحر الأحمر أمس", "البحر الأحمر", {"LOC"}),
        ("وزار الرئيس المصري عبد الفتاح السيسي الرياض", "عبد الفتاح السيسي", {"PERSON"}),
        ("قال المتحدث باسم الحكومة العراقية إن بغداد ترفض القرار", "بغداد", {"GPE"}),
        ("وأعلنت وزارة الدفاع الروسية مقتل عشرة مسلحين في سوريا", "سوريا", {"GPE"}),
    ],
)
def test_model_finds_entities_in_news_sentences(text, entity, types):
    found = spans_text(text)
    assert any(t == entity and typ in types for t, typ in found), found


@pytest.mark.parametrize(
    "text, entity",
    [
        ("وصل المبعوث إلى دمشق ولبنان أمس", "لبنان"),
        ("وعاد الوفد بالأمس من العراق وبالعراق قوات أجنبية", "العراق"),
    ],
)
def test_span_starts_after_a_proclitic(text, entity):
    found = [t for t, _ in spans_text(text)]
    assert entity in found, found
    assert all(not t.startswith(("و", "ب")) or t in ("بغداد", "بيروت") for t in found)


def test_offsets_point_into_original_text_with_diacritics():
    text = "قَالَ الرَّئِيسُ الأمريكيّ جو بايدن في واشنطن"
    spans = predict_spans(doc(text))
    assert spans
    norm_text = normalize(text).text
    for s, e, typ, conf in spans:
        assert 0 <= s < e <= len(text)
        assert typ in TYPES and 0.0 <= conf <= 1.0
        assert normalize(text[s:e]).text in norm_text


def test_empty_and_punctuation_only_text():
    assert predict_spans(doc("")) == []
    assert predict_spans(doc("... !! ؟؟ 123")) == []


ARABIC_ALPHABET = "ابتثجحخدذرسشصضطظعغفقكلمنهويىةأإآءئؤ ًٌٍَُِّْـ،.؟!\n 0123456789٠١٢٣ abcXYZ()«»"


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(max_size=300), st.text(alphabet=ARABIC_ALPHABET, max_size=300)))
def test_random_text_spans_respect_offsets_and_are_deterministic(text):
    d = doc(text)
    spans = predict_spans(d)
    assert spans == predict_spans(d)
    mentions = []
    for s, e, typ, conf in spans:
        assert 0 <= s < e <= len(text)
        assert typ in TYPES and 0.0 <= conf <= 1.0
        mentions.append(
            Mention(doc_id="t", entity_id="x", type=typ, text=text[s:e], start=s, end=e, name_ar="", name_en="")
        )
    check_offsets(d, mentions)
