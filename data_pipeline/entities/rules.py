"""Every rule id an entity mention may carry (``Mention.rule``), with what it matched, as the
dashboard tells an analyst why a mention was extracted."""

from __future__ import annotations

RULES: dict[str, str] = {
    "entities.gazetteer_alias": "A name listed in the gazetteer: an alias of a known entity.",
    "entities.gazetteer_loose_spelling": (
        "A known transliterated name in another spelling (vowel letters, doubled letters and ج/غ ignored: "
        "كيم جونج اون = كيم جونغ أون)."
    ),
    "entities.gazetteer_one_letter_off": "A known place name of two or more words with one letter wrong (بيونع يانغ).",
    "entities.context_choice": (
        "An alias whose entity depends on the article, settled by its spelling or the words around it "
        "(عمّان: Amman or Oman)."
    ),
    "entities.members_of_organisation": (
        "The members of a known organisation (الحوثيون، ميليشيات الحوثي): a group, not the organisation."
    ),
    "entities.other_given_name": (
        "A given name before a known person's surname that none of that person's names has: another person "
        "(ابراهيم نصر الله)."
    ),
    "entities.facility_named_after_person": (
        "A facility word, a title and a name: a place named after a person (مطار الملك عبد العزيز)."
    ),
    "entities.org_with_purpose": (
        "A definite organisation head with its adjectives and a purpose phrase (المركز الأمريكي لرصد الزلازل)."
    ),
    "entities.ministry_short_name": "A short ministry name with a country's adjective (الخارجية الروسية).",
    "entities.quoted_org": "The quoted name after an organisation head (صحيفة «الشرق الأوسط»).",
    "entities.unit_with_ordinal": "A rank that is also a military unit, with its ordinal (اللواء الأول حرس حدود).",
    "entities.quoted_name_after_title": "A quoted name after a title (المتحدث «شون سبايسر»).",
    "entities.name_after_title": "Two or three name words after a title (الرئيس الروسي فلاديمير بوتين).",
    "entities.org_after_head": "An organisation head with the words that complete its name (وزارة الدفاع الروسية).",
    "entities.org_named_with_place": (
        "An organisation head with a known place inside the name (جامعة القاهرة، هيئة أبوظبي للسياحة)."
    ),
    "entities.description_of_known_org": (
        "A description right before a known organisation's name, linked to it (وكالة الأنباء الروسية \"تاس\")."
    ),
    "entities.short_name_in_brackets": (
        "A one-word short name in brackets after an organisation's long name (المكتب الأوروبي للإحصاء (يوروستات))."
    ),
    "entities.shared_surname": (
        "A surname a person found earlier in the article shares with a known person: linked to the earlier one "
        "(نصر الله after ابراهيم نصر الله)."
    ),
    "entities.short_form": (
        "A short form (a surname, a short name) of an entity named in full in the same article, linked to it."
    ),
    "entities.model": "A name the statistical tagger (CRF) found where no list or pattern did, with high confidence.",
    "entities.part_of_fuller_name": (
        "Part of a fuller person name in the same article, found by the tagger and linked to that person."
    ),
    "entities.model_surname": (
        "The surname of a person the tagger found in full, used alone later in the article (وقال الجبوري)."
    ),
}
