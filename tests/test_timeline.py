"""Timeline extraction: absolute, Hijri and relative dates, and what must not become a date."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from data_pipeline.records import Document, check_offsets
from data_pipeline.resources import load_tsv
from data_pipeline.timeline import RULES, extract_dates, find_dateline_date
from data_pipeline.timeline.candidate import Candidate
from data_pipeline.timeline.recurring import RECURRING_RULE
from data_pipeline.timeline.resolve import resolve

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_af8d0ac7418768f7.txt"
PUBLISHED = "2024-06-18"  # a Tuesday


def points(text: str, published: str | None = PUBLISHED):
    doc = Document("t", "", text, published=published)
    pts = extract_dates(doc)
    check_offsets(doc, pts)
    return pts


def dates(text: str, published: str | None = PUBLISHED) -> list[str]:
    return [p.date for p in points(text, published)]


# ------------------------------------------------------------------ absolute dates

ABSOLUTE = [
    ("وصل الوفد في 18 يونيو 2024 إلى العاصمة", "2024-06-18", "day", "18 يونيو 2024"),
    ("انطلقت المحادثات في 18 حزيران/يونيو 2024 في جنيف", "2024-06-18", "day", "18 حزيران/يونيو 2024"),
    ("وقعت الاتفاقية يوم الثلاثاء 18-6-2024 في القاهرة", "2024-06-18", "day", "الثلاثاء 18-6-2024"),
    ("صدر القرار بتاريخ 18/06/2024 عن الوزارة", "2024-06-18", "day", "18/06/2024"),
    ("نشر التقرير في 2024-06-18 على موقع الوزارة", "2024-06-18", "day", "2024-06-18"),
    ("أجريت الانتخابات في 12 كانون الأول/ديسمبر 2019 في الجزائر", "2019-12-12", "day", "12 كانون الأول/ديسمبر 2019"),
    ("تأسست الشركة في 5 جانفي 2011 بتونس", "2011-01-05", "day", "5 جانفي 2011"),
    ("أعلنت الحكومة المغربية يوم 20 غشت 2023 عن برنامج", "2023-08-20", "day", "20 غشت 2023"),
    ("صدر الظهير في 3 دجنبر 2017 بالرباط", "2017-12-03", "day", "3 دجنبر 2017"),
    ("بدأ الهجوم في 7 تشرين الأول/أكتوبر 2023 على المستوطنات", "2023-10-07", "day", "7 تشرين الأول/أكتوبر 2023"),
    ("ولد مانديلا في 18 تموز/يوليو 1918 في قرية مفيزو", "1918-07-18", "day", "18 تموز/يوليو 1918"),
    ("وقع الزلزال في الخامس من شباط 2023 جنوب تركيا", "2023-02-05", "day", "الخامس من شباط 2023"),
    ("تنطلق البطولة في الحادي والعشرين من نوفمبر 2022 في قطر", "2022-11-21", "day", "الحادي والعشرين من نوفمبر 2022"),
    ("انتهت المهلة يوم الـ30 من أيلول 2020 دون اتفاق", "2020-09-30", "day", "الـ30 من أيلول 2020"),
    ("عقد الاجتماع في 3 أفريل 2019 بالجزائر العاصمة", "2019-04-03", "day", "3 أفريل 2019"),
    ("دخل القانون حيز التنفيذ في 1 يوليوز 2021 بالمغرب", "2021-07-01", "day", "1 يوليوز 2021"),
    ("سقطت الطائرة في ١٥ مارس ٢٠١٩ قرب أديس أبابا", "2019-03-15", "day", "١٥ مارس ٢٠١٩"),
]


@pytest.mark.parametrize("text,iso,precision,span", ABSOLUTE)
def test_absolute_day_dates_resolve_to_iso(text, iso, precision, span):
    pts = points(text)
    assert [(p.date, p.precision, p.text, p.relative) for p in pts] == [(iso, precision, span, False)]


MONTH_YEAR = [
    ("ارتفع التضخم في مايو 2024 إلى مستوى قياسي", "2024-05", "مايو 2024"),
    ("تدخل التحالف في آذار/مارس 2015 دعما للحكومة", "2015-03", "آذار/مارس 2015"),
    ("منذ أيار/مايو العام 2015 تسيطر القوات على المدينة", "2015-05", "أيار/مايو العام 2015"),
    ("تراجع الذهب إلى أدنى مستوى منذ ديسمبر كانون الأول 2008 عند 793 دولارا", "2008-12", "ديسمبر كانون الأول 2008"),
    ("أعلنت الشركة في شهر يناير من عام 2020 عن خطتها", "2020-01", "شهر يناير من عام 2020"),
    ("أغلق المعبر في جوان 2019 لأسباب أمنية", "2019-06", "جوان 2019"),
    ("في آب 2020 انفجر مرفأ بيروت", "2020-08", "آب 2020"),
]


@pytest.mark.parametrize("text,iso,span", MONTH_YEAR)
def test_month_and_year_give_month_precision(text, iso, span):
    pts = points(text)
    assert [(p.date, p.precision, p.text) for p in pts] == [(iso, "month", span)]


YEARS = [
    ("وهذه هي رحلته الأولى إلى البلاد منذ عام 2000", ["2000"]),
    ("زار الرئيس البلاد سنة 1999 للمرة الأولى", ["1999"]),
    ("فرضت العقوبات لأول مرة في 2006 بعد التجربة النووية", ["2006"]),
    ("اتفاقيات سابقة من 1961 و2000 و2001.", ["1961", "2000", "2001"]),
    ("شهدت البلاد احتجاجات في عامي 2000 و2001 على الأقل", ["2000", "2001"]),
    ("خلال حرب العراق (2003-2011) قتل الآلاف", ["2003", "2011"]),
    ("تراجعت الصادرات بين 2012 و2014 بشكل حاد", ["2012", "2014"]),
    ("يتوقع أن ينتهي البناء بحلول 2030 بحسب الخطة", ["2030"]),
    ("تباطأ النمو مطلع 2024 ثم تعافى", ["2024"]),
    ("فتح العثمانيون مصر عام 1517 بعد معركة الريدانية", ["1517"]),
    ("هاجر الرسول إلى المدينة عام 622م", ["0622"]),
    ("تجاوز عدد الزوار 1000 زائر في 2019", ["2019"]),
    ("ارتفع الإنتاج للعام 2023 بنسبة كبيرة", ["2023"]),
    ("بني المسجد سنة 132 هـ في عهد العباسيين", ["0749"]),
    ("وقعت المعركة في 1187 ميلادية قرب حطين", ["1187"]),
]


@pytest.mark.parametrize("text,expected", YEARS)
def test_cued_years_are_year_points(text, expected):
    pts = points(text)
    assert [p.date for p in pts] == expected
    assert all(p.precision == "year" for p in pts)


# ------------------------------------------------------------------ Hijri

HIJRI = [
    ("الرياض - 12 ذو الحجة 1445 هـ - أعلنت الرئاسة", "2024-06-18", "day"),
    ("يوافق الأول من رمضان 1445 هـ بداية الصيام", "2024-03-11", "day"),
    ("ثبوت رؤية هلال شهر شوال للعام 1439 هجري", "2018-06", "month"),
    ("صدر النظام بالمرسوم الملكي عام 1445هـ", "2023", "year"),
    ("صدر الأمر برقم 5709 وتاريخ 3 / 2 / 1440 هـ", "2018-10-12", "day"),
    ("في 15 ربيع الأول 1440 هجرية افتتح المشروع", "2018-11-23", "day"),
]


@pytest.mark.parametrize("text,iso,precision", HIJRI)
def test_hijri_dates_convert_to_gregorian(text, iso, precision):
    pts = points(text)
    assert [(p.date, p.precision, p.calendar) for p in pts] == [(iso, precision, "hijri")]


def test_hijri_year_only_is_the_gregorian_year_of_its_first_muharram():
    # 1 Muharram 1446 = 2024-07-07, so 1446هـ -> 2024 even though most of 1446 lies in 2025
    assert dates("خطة التنمية لعام 1446هـ") == ["2024"]


# ------------------------------------------------------------------ relative dates (published Tue 2024-06-18)

RELATIVE = [
    ("بدأ الرئيس اليوم الثلاثاء زيارة رسمية", "2024-06-18", "day", "اليوم الثلاثاء"),
    ("قالت الوزارة اليوم إن المفاوضات مستمرة", "2024-06-18", "day", "اليوم"),
    ("قال المتحدث، الإثنين، إن الإدارة قلقة", "2024-06-17", "day", "الإثنين"),
    ("اجتمع الوزراء يوم الأحد في بروكسل", "2024-06-16", "day", "الأحد"),
    ("اندلعت الاشتباكات مساء السبت قرب الحدود", "2024-06-15", "day", "السبت"),
    ("أعلن الجيش الثلاثاء سيطرته على البلدة", "2024-06-18", "day", "الثلاثاء"),
    ("عقد المجلس جلسة الثلاثاء الماضي لمناقشة الميزانية", "2024-06-11", "day", "الثلاثاء الماضي"),
    ("تعقد القمة الخميس المقبل في الرياض", "2024-06-20", "day", "الخميس المقبل"),
    ("أعلنت الشرطة أمس اعتقال المشتبه به", "2024-06-17", "day", "أمس"),
    ("وصل الوفد أمس الاثنين إلى العاصمة", "2024-06-17", "day", "أمس الاثنين"),
    ("انتهت المهلة أول أمس دون رد", "2024-06-16", "day", "أول أمس"),
    ("تصل الشحنة غداً الأربعاء إلى الميناء", "2024-06-19", "day", "غداً الأربعاء"),
    ("ذهب الزعيم إلى روسيا في سبتمبر، وكانت الزيارة بداية", "2023-09", "month", "سبتمبر"),
    ("كان التأثير الأول في مايو هو وقف الضوابط", "2024-05", "month", "مايو"),
    ("انعقدت القمة في يونيو في العاصمة", "2024-06", "month", "يونيو"),
    ("جرت الانتخابات في شهر أيار الماضي وسط إقبال ضعيف", "2024-05", "month", "شهر أيار الماضي"),
    ("ستجرى الانتخابات في أبريل/نيسان المقبل", "2025-04", "month", "أبريل/نيسان المقبل"),
    ("وقع الاتفاق في مارس من العام الماضي", "2023-03", "month", "مارس من العام الماضي"),
    ("في 30 أبريل، انتهت ولاية مجموعة الخبراء", "2024-04-30", "day", "30 أبريل"),
    ("تنطلق الحملة في العاشر من يوليو المقبل", "2024-07-10", "day", "العاشر من يوليو المقبل"),
    ("ارتفعت الأسعار الشهر الماضي بنسبة 3 بالمئة", "2024-05", "month", "الشهر الماضي"),
    ("تراجعت المبيعات العام الماضي بشكل حاد", "2023", "year", "العام الماضي"),
    ("يتوقع البنك نموا أقوى في العام المقبل", "2025", "year", "العام المقبل"),
    ("خصصت الحكومة مليار دولار للعام الحالي", "2024", "year", "للعام الحالي"),
]


@pytest.mark.parametrize("text,iso,precision,span", RELATIVE)
def test_relative_dates_resolve_against_publication(text, iso, precision, span):
    pts = points(text)
    assert [(p.date, p.precision, p.text, p.relative) for p in pts] == [(iso, precision, span, True)]


def test_relative_dates_are_skipped_without_publication_date():
    assert dates("قالت الوزارة اليوم الثلاثاء إن الاجتماع عقد الإثنين وفي مايو", published=None) == []
    assert dates("وصل الوفد في 18 يونيو 2024 منذ عام 2000", published=None) == ["2024-06-18", "2000"]


def test_week_phrases_emit_no_point():
    assert dates("ارتفعت الأسعار الأسبوع الماضي بعد قرار البنك") == []


def test_month_with_same_year_takes_the_year_written_before():
    pts = points("قتل في تموز / يوليو 2016. وفي أبريل/ نيسان من العام نفسه ألقى الجيش القبض عليه")
    assert [p.date for p in pts] == ["2016-07", "2016-04"]


# ------------------------------------------------------------------ weekdays placed ahead, nights, ranges

# published Tue 2024-06-18
FUTURE_WEEKDAYS = [
    ("ومن المقرر أن تخرج احتجاجات أكبر يوم السبت في واشنطن ومدن أخرى", "2024-06-22"),
    ("الانتخابات الرئاسية في روسيا التي ستجرى الأحد ويرجح فوز الرئيس فيها", "2024-06-23"),
    ("ومن المتوقع أن يعقد مجلس الاحتياطي مؤتمرا صحفيا الأربعاء ويصدر بيانا", "2024-06-19"),
    ("وسيتوجه الوزير إلى فيينا الخميس لمحاولة دفع خطته قدما", "2024-06-20"),
    ("ومن المقرر أن يلتقي مساء الثلاثاء قادة المملكة", "2024-06-18"),  # the same day stays the same day
    # a plan put in the past by كان, a weekday after a past reporting frame or a past verb keep the default
    ("وكان من المقرر أن يدخلوا المدينة يوم الأربعاء لكن الزيارة تأجلت", "2024-06-12"),
    ("تعتزم تركيا إنتاج دبابات، وفقا لتصريحات أعلنها الرئيس التركي، الأربعاء.", "2024-06-12"),
    ("وكان ترامب قد ألغى الخميس القمة المرتقبة مع كيم في سنغافورة", "2024-06-13"),
    ("وافقت كوريا الشمالية السبت على عقد محادثات الأسبوع المقبل", "2024-06-15"),
]


@pytest.mark.parametrize("text,iso", FUTURE_WEEKDAYS)
def test_weekday_after_a_future_cue_is_on_or_after_publication(text, iso):
    assert dates(text) == [iso]


NIGHTS = [
    # published Tue 2024-06-18: a night over two days gives both days
    ("قصفت القوات ليل الاثنين الثلاثاء ما لا يقل عن 25 موقعا", ["2024-06-17", "2024-06-18"]),
    ("أسقطت الدفاعات الجوية ليل الثلاثاء-الأربعاء صواريخ اخترقت الأجواء", ["2024-06-18", "2024-06-19"]),
    ("قتل شخصان ليل الجمعة إلى السبت في العاصمة", ["2024-06-14", "2024-06-15"]),
    # announced ahead: the second day is on or after publication
    ("سيبدأ تطبيقها منتصف ليل الاثنين الثلاثاء", ["2024-06-17", "2024-06-18"]),
]


@pytest.mark.parametrize("text,expected", NIGHTS)
def test_night_over_two_weekdays_gives_consecutive_days(text, expected):
    assert dates(text) == expected


DAY_RANGES = [
    ("تقام الدورة في الفترة من 25 إلى 31 آذار/مارس الحالي في تطوان", ["2024-03-25", "2024-03-31"], ["25", "31 آذار/مارس الحالي"]),
    ("يجمع المؤتمر الذي يعقد في الفترة ما بين 8 و10 مايو المستثمرين", ["2024-05-08", "2024-05-10"], ["8", "10 مايو"]),
    ("ستستضيف الكويت الملتقى يومي 20 و21 مارس 2018 بتنظيم مشترك", ["2018-03-20", "2018-03-21"], ["20", "21 مارس 2018"]),
    ("محاولة الانقلاب التي هزت تركيا في ليل 15-16 تموز/يوليو 2016", ["2016-07-15", "2016-07-16"], ["15", "16 تموز/يوليو 2016"]),
    ("يعقد المعرض خلال الفترة 18-22 فبراير الجاري بمشاركة 5 آلاف شركة", ["2024-02-18", "2024-02-22"], ["18", "22 فبراير الجاري"]),
]


@pytest.mark.parametrize("text,expected,spans", DAY_RANGES)
def test_day_range_before_a_month_gives_two_points(text, expected, spans):
    pts = points(text)
    assert [p.date for p in pts] == expected
    assert [p.text for p in pts] == spans


def test_month_after_a_future_cue_resolves_forward_but_not_after_a_retracted_one():
    # a scheduled month written before publication's month is the coming one
    assert dates("تسعى الأطراف إلى إنجاح الانتخابات البرلمانية المقررة في أبريل", "2024-06-18") == ["2025-04"]
    # كان من المقرر after the month belongs to another event: the month stays in the past
    assert dates("وأعلنت مصر في فبراير تأجيل جولة جديدة كان من المقرر انعقادها في الخرطوم", "2024-06-18") == ["2024-02"]
    # a future cue after the month in a new clause does not move a past month
    assert dates("بلغت الاحتياطيات 90 مليار دولار بنهاية مايو، وإنها من المنتظر أن تنخفض", "2024-06-18") == ["2024-05"]


EVENT_YEARS = [
    ("وساهم التدخل الروسي في صيف 2015 بقلب ميزان القوى", ["2015"]),
    ("بتدخل روسيا في انتخابات 2016 الرئاسية", ["2016"]),
    ("واحتلت إسرائيل القدس الشرقية في حرب 1967 وأعلنت ضمها", ["1967"]),
    ("الذي لعب دورا حاسما في ثورة 1979 يعود من جديد", ["1979"]),
    ("يواجه المنتخب فرضية الخروج المبكر من مونديال 2018 في حال خسارته", ["2018"]),
    ("رفض الرئيس الموافقة على ميزانية 2018 بسبب مخالفات", ["2018"]),
    ("تراجعت البطالة إلى 11.3 بالمئة في الربع الأخير من 2017", ["2017"]),
    ("خلال الربع الأول من 2018 مقارنة بالفترة نفسها من 2017", ["2018", "2017"]),
    ("بلغت أرباحها مع نهاية النصف الأول من 2019 حوالي 11.5 مليار دولار", ["2019"]),
    ("وبقي في المنصب إلى غاية 2012 حين استقال", ["2012"]),
    ("استمر الحظر لغاية 2016 ثم رفع", ["2016"]),
]


@pytest.mark.parametrize("text,expected", EVENT_YEARS)
def test_year_after_an_event_season_or_period_noun_is_a_year(text, expected):
    pts = points(text)
    assert [p.date for p in pts] == expected
    assert all(p.precision == "year" for p in pts)


@pytest.mark.parametrize("text", [
    "احتفل المصريون بذكرى حرب أكتوبر في القاهرة",  # a year cue is no month cue: حرب أكتوبر = 1973
    "شارك في ثورة يناير شباب من كل المحافظات",
    "تضم حملته أكثر من 2000 ناشط في الحرب",
])
def test_event_nouns_do_not_make_months_or_counts_dates(text):
    assert dates(text) == []


# ------------------------------------------------------------------ not dates

NOT_DATES = [
    "زيارة تستغرق يومين لكوريا الشمالية",
    "استمرت المعارك ثلاثة أيام متتالية",
    "سجن لمدة عامين بتهمة الفساد",
    "بدأت الأزمة منذ ثلاث سنوات",
    "زودت روسيا بـ 11 ألف حاوية أسلحة",
    "ذخيرة مدفعية عيار 152 ملم",
    "أرسلت الولايات المتحدة 2000 جندي إلى المنطقة",
    "بلغ سعر الجهاز 1500 دولار في السوق",
    "قتل في 2000 غارة جوية على الأقل",
    "صدر قرار مجلس الأمن رقم 2254 بالإجماع",
    "ارتفع المؤشر إلى 2018.5 نقطة",
    "فاز الفريق 2 صفر على منافسه",
    "قالت رئيسة الوزراء تيريزا ماي إن الاتفاق ممكن",
    "يحتفل العالم باليوم العالمي للمرأة",
    "وفي اليوم التالي عاد الوفد إلى بلاده",
    "غدا الوضع أكثر تعقيدا بعد الاشتباكات",
    "يحضر الاحتفال شهر رمضان كل عام",
    "قال رمضان إن الفريق سيعود أقوى",
    "حي أب في مدينة إب اليمنية",
    "تعمل الشركة ضمن رؤية المملكة 2030 الطموحة",
    "فاز العداء في سباق 1500 م بزمن قياسي",
    "يقع المبنى على بعد 800 م من الشاطئ",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_durations_counts_and_homographs_are_not_dates(text):
    assert dates(text) == []


# ------------------------------------------------------------------ events and the demo article


def test_event_is_the_clause_around_the_date():
    text = "بدأت المحادثات أمس. وفي عام 2006 فرضت العقوبات لأول مرة؛ ثم تراجعت"
    pts = points(text)
    assert [(p.date, p.event) for p in pts] == [
        ("2024-06-17", "بدأت المحادثات أمس"),
        ("2006", "وفي عام 2006 فرضت العقوبات لأول مرة"),
    ]
    assert all(p.actors == () and p.doc_id == "t" for p in pts)


def test_demo_article_timeline():
    pts = points(SEED.read_text(encoding="utf-8"))
    got = Counter(p.date for p in pts)
    for iso in ("2024-06-18", "2024-06-17", "2024-05", "2024-04-30", "2022", "2006", "2001", "1961"):
        assert got[iso] >= 1, iso
    assert got["2024-06-18"] >= 2  # dateline and اليوم الثلاثاء
    assert got["2023-09"] == 2  # في سبتمبر, منذ سبتمبر
    assert got["2000"] >= 3
    assert not any("يومين" in p.text for p in pts)
    assert set(got) == {"2024-06-18", "2024-06-17", "2024-05", "2024-04-30", "2023-09",
                        "2022", "2006", "2001", "2000", "1961"}


# ------------------------------------------------------------------ datelines

DATELINES = [
    ("الإيطالية نيوز، الثلاثاء 18 يونيو 2024 - بدأ الرئيس الروسي زيارة", "2024-06-18"),
    ("الرياض - 12 ذو الحجة 1445 هـ - أعلنت الرئاسة العامة", "2024-06-18"),
    ("عنوان الخبر\nالقاهرة في 3/5/2018 (أ ش أ) - قال وزير الخارجية", "2018-05-03"),
    ("بيروت، 7 تشرين الأول/أكتوبر 2023: أعلنت الحكومة", "2023-10-07"),
]


@pytest.mark.parametrize("text,iso", DATELINES)
def test_dateline_date_is_found(text, iso):
    assert find_dateline_date(text) == iso


@pytest.mark.parametrize(
    "text",
    [
        "قال الرئيس اليوم الثلاثاء إن المحادثات مستمرة منذ عام 2000",
        "",
        "تسعى الحكومة منذ سنوات طويلة إلى تخفيف القيود على الاستثمار الأجنبي في البلاد وتحسين مناخ الأعمال "
        "وجذب رؤوس الأموال، وهو ما أكده مسؤولون في مناسبات عدة قبل أن يعلن الوزير أن الهجوم وقع في 12 مارس 2011",
    ],
)
def test_dateline_absent_returns_none(text):
    assert find_dateline_date(text) is None


def test_dateline_outside_window_is_ignored():
    assert find_dateline_date("x" * 500 + "\nالقاهرة 3 مايو 2018 -", window=400) is None


# ------------------------------------------------------------------ rules and the resolver

RULE_CASES = [
    ("وصل الوفد في 18 يونيو 2024 إلى العاصمة", ["timeline.day_month_year"]),
    ("تراجعت الصادرات في مايو 2020 بشدة", ["timeline.month_year"]),
    ("تعقد القمة في 30 أبريل في الرياض", ["timeline.day_month"]),
    ("ارتفعت الأسعار في سبتمبر بنسبة كبيرة", ["timeline.month"]),
    ("وقع الحادث في مارس من العام الماضي", ["timeline.month_relative_year"]),
    ("تأسست الشركة عام 2010 ثم توسعت في مايو من العام نفسه", ["timeline.year", "timeline.month_same_year"]),
    ("يقام المهرجان من 8 إلى 19 أيار في بيروت", ["timeline.day_range_start", "timeline.day_month"]),
    ("وصل الحجاج في 12 ذو الحجة 1445 هـ إلى منى", ["timeline.hijri_day_month_year"]),
    ("بدأ الصيام في رمضان 1445 في المملكة", ["timeline.hijri_month_year"]),
    ("تبدأ الإجازة في 15 ذي القعدة في المدارس", ["timeline.hijri_day_month"]),
    ("صدر القرار بتاريخ 18/06/2024 عن الوزارة", ["timeline.numeric_date"]),
    ("اندلعت الحرب في 2011 في سوريا", ["timeline.year"]),
    ("فاز الفريق بالبطولة 1961 و2000 و2001", ["timeline.year_list"] * 3),
    ("توفي الإمام سنة 1445هـ في المدينة", ["timeline.hijri_year"]),
    ("قال الوزير اليوم إن المفاوضات مستمرة", ["timeline.relative_day"]),
    ("ارتفع التضخم الشهر الماضي إلى مستوى قياسي", ["timeline.relative_month"]),
    ("نما الاقتصاد العام الماضي بنسبة ثلاثة بالمئة", ["timeline.relative_year"]),
    ("التقى الرئيس نظيره الأحد في القاهرة", ["timeline.weekday"]),
    ("شنت الطائرات غارات ليل الخميس الجمعة على المدينة", ["timeline.weekday_night"] * 2),
]


@pytest.mark.parametrize("text,rules", RULE_CASES)
def test_each_point_names_the_rule_that_matched_it(text, rules):
    assert [p.rule for p in points(text)] == rules


def test_every_rule_is_explained_and_every_point_names_one():
    assert all(rule.startswith("timeline.") and sentence.endswith(".") for rule, sentence in RULES.items())
    emitted = {rule for _, rules in RULE_CASES for rule in rules}
    assert emitted | {RECURRING_RULE} == set(RULES)  # each rule has a case above (the recurrence only drops)
    seed = SEED.read_text(encoding="utf-8")
    for text in [seed] + [t for t, _ in RULE_CASES]:
        for published in (PUBLISHED, None):
            assert all(p.rule in RULES for p in points(text, published))


def _cand(start, end, rule, date="2024", **kw):
    return Candidate(start, end, date, "year", rule, **kw)


def test_resolver_keeps_the_longest_and_breaks_ties_by_rule_order():
    long, short, tie = _cand(0, 10, "a"), _cand(2, 6, "b"), _cand(0, 10, "c")
    assert resolve([short, long, tie]) == [long]
    apart = _cand(12, 14, "d")
    assert resolve([apart, short]) == [short, apart]  # text order out


def test_resolver_gives_a_same_year_month_the_year_written_before_it():
    year = _cand(0, 8, "timeline.year", "2010")
    pending = Candidate(20, 30, "", "month", "timeline.month_same_year", same_year=(5, None))
    assert [c.date for c in resolve([year, pending])] == ["2010", "2010-05"]
    assert resolve([pending]) == []  # no year before it


# ------------------------------------------------------------------ data integrity


@pytest.mark.parametrize("name", ["months.tsv", "weekdays.tsv", "relative_dates.tsv", "date_cues.tsv",
                                  "timeline_connectors.tsv"])
def test_every_resource_row_has_a_gloss(name):
    assert all(row["gloss"] for row in load_tsv(name))


def test_months_cover_every_month_of_every_set():
    rows = load_tsv("months.tsv", required=("name", "month", "calendar", "gloss"))
    by_set: dict[str, set[int]] = {}
    for row in rows:
        by_set.setdefault(row["calendar"] if row["calendar"] == "hijri" else "gregorian", set()).add(int(row["month"]))
    assert by_set == {"gregorian": set(range(1, 13)), "hijri": set(range(1, 13))}


@pytest.mark.parametrize("locale", ["ar", "ar_EG", "ar_SA", "ar_IQ", "ar_SY", "ar_LB", "ar_DZ", "ar_MA", "ar_TN"])
def test_months_tsv_contains_cldr_month_names(locale):
    from babel.dates import get_month_names

    ours = {(row["name"], int(row["month"])) for row in load_tsv("months.tsv") if row["calendar"] == "gregorian"}
    for number, name in get_month_names("wide", locale=locale).items():
        assert (name, number) in ours, (locale, name)


# ------------------------------------------------------------------ properties

DATE_PIECES = list("0123456789٠١٢٣٤٥٦٧٨٩ /-.،,:؛\n()ًًٌٍَُِّْـ") + list("يونيوحزيرانمارسعامفيمنذاليومأمسهـةىإأآ") + [
    "يونيو", "حزيران", " عام ", "منذ ", "الإثنين", "اليوم", "ذو الحجة", "هـ", "2024", "1445", "العام نفسه", " و", "غداً",
]
ARABIC_DATEISH = st.lists(st.sampled_from(DATE_PIECES), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(st.text(max_size=200), ARABIC_DATEISH),
       published=st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()), st.text(max_size=12)))
def test_random_text_never_raises_and_spans_hold(text, published):
    doc = Document("p", "", text, published=published)
    first = extract_dates(doc)
    check_offsets(doc, first)
    assert first == extract_dates(doc)
    for p in first:
        assert p.precision in ("year", "month", "day")
        assert len(p.date) == {"year": 4, "month": 7, "day": 10}[p.precision]
    find_dateline_date(text)


@pytest.mark.parametrize("published", ["9999-12-31", "0001-01-01"])
def test_publication_dates_at_the_calendar_ends_do_not_overflow(published):
    from data_pipeline.records import Document
    from data_pipeline.timeline import extract_dates

    doc = Document("edge", "t", "قال غدا وأمس واليوم الثلاثاء في عام 2000", published=published)
    assert [p.date for p in extract_dates(doc)] == ["2000"]  # relative dates are skipped, the year is kept


@pytest.mark.parametrize(
    "text",
    [
        "تعقد اللجنة اجتماعها يوم الاثنين من كل أسبوع في مقر الوزارة.",
        "يفتح السوق الشعبي أبوابه كل يوم الجمعة أمام الزوار.",
        "ويقام المهرجان سنويا في مارس بمشاركة فرق من عشرين دولة.",
        "ويحتفل العالم في 21 مارس من كل عام باليوم العالمي للشعر.",
        "وتصدر المجلة الجمعة أسبوعيا عن دار النشر نفسها.",
    ],
)
def test_recurring_dates_are_not_points(text):
    assert dates(text) == []


def test_a_recurrence_drops_only_the_date_it_qualifies():
    text = "قال الوزير الأحد إن اللجنة تجتمع يوم الاثنين من كل أسبوع."
    assert [(p.text, p.date) for p in points(text)] == [("الأحد", "2024-06-16")]


def test_each_of_two_weekdays_is_not_a_recurrence():
    assert dates("وتجري الانتخابات في كل من الاثنين والثلاثاء المقبلين.")[:1] == ["2024-06-17"]


@pytest.mark.parametrize(
    "text",
    [
        "وتنتج المصفاة 400 ألف برميل باليوم من الخام.",
        "وقال الرئيس في مقابلة مع قناة روسيا اليوم إن المفاوضات مستمرة.",
        "عين اليوم – الرياض: أعلنت الوزارة عن خطة جديدة.",
    ],
)
def test_today_as_per_day_or_in_a_name_is_not_a_date(text):
    assert dates(text) == []


@pytest.mark.parametrize(
    "text,expected",
    [
        ("بلغ متوسط ساعات النوم يوميا العام الماضي سبع ساعات.", ["2023"]),  # daily within a year: a point
        ("وصل عدد المستخدمين النشطين شهريا في ديسمبر الماضي إلى مليارين.", ["2023-12"]),
        ("يفتقد الناس الأمطار في كل عام وفي هذا العام تحديدا.", ["2024"]),  # و starts a new phrase
        ("عمل الفريق كل العام الماضي على المشروع.", ["2023"]),  # the whole of last year
    ],
)
def test_a_recurrence_keeps_the_longer_period_it_happens_within(text, expected):
    assert dates(text) == expected
