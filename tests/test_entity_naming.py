"""English names of organisations no gazetteer has: descriptive words translated
(``org_name_english.tsv``), proper names transliterated (``entities/naming.py``)."""

from __future__ import annotations

import pytest

from data_pipeline.entities.naming import english_name, translate_org_name


@pytest.mark.parametrize(
    "arabic, english",
    [
        ("وزارة الداخلية", "Ministry of Interior"),
        ("وزارة الخارجية", "Ministry of Foreign Affairs"),
        ("حزب العمال", "Labour Party"),
        ("مجلس الأمن القومي", "National Security Council"),
        ("حزب العدالة والتنمية", "Justice and Development Party"),
        ("لجنة الشؤون الخارجية", "Foreign Affairs Committee"),
        ("لجنة حقوق الإنسان", "Human Rights Committee"),
        ("وزارة الدفاع الروسية", "Ministry of Defense (Russia)"),
        ("جامعة القاهرة", "Cairo University"),
        ("الهيئة العامة للاستثمار", "General Authority for Investment"),
        ("وزارة الشؤون الاجتماعية والعمل", "Ministry of Social Affairs and Labour"),
    ],
)
def test_descriptive_organisation_names_are_translated(arabic, english):
    assert english_name("ORG", arabic) == english


def test_proper_names_inside_an_organisation_name_are_transliterated():
    name = english_name("ORG", "شركة زرزور")
    assert name.endswith(" Company") and name != "Company" and "Sharika" not in name


def test_names_without_a_listed_head_and_persons_are_transliterated():
    assert translate_org_name("زرزور للتجارة") is None
    assert english_name("PERSON", "حزب زرزور") != "Zarzur Party"
