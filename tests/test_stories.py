"""Near-duplicate articles grouped as one story (data_pipeline/stories.py)."""

from data_pipeline import stories

WIRE = (
    "أعلنت وزارة الصحة في بيان صدر مساء الثلاثاء أن عدد المصابين بالحمى في المحافظات الجنوبية ارتفع إلى "
    "ثلاثمئة وعشرين حالة خلال أسبوعين، وأن فرقا طبية أرسلت إلى القرى المتضررة لتوزيع الأدوية وإجراء الفحوص. "
    "وقال المتحدث باسم الوزارة إن المستشفيات الحكومية استقبلت المرضى مجانا، داعيا السكان إلى غلي مياه الشرب "
    "وتجنب التجمعات حتى تنتهي حملة التطعيم التي تبدأ الأسبوع المقبل وتستمر عشرة أيام في كل المدن."
)
# The same agency story as another outlet ran it: its own first sentence, one word spelt differently,
# diacritics on a word, a closing sentence added.
COPY = (
    "قالت السلطات الصحية إن الحمى تنتشر في الجنوب. " + WIRE.replace("الأدوية", "الادوية").replace("مجانا", "مجاناً")
    + " ولم تعلن أي وفيات حتى الآن."
)
# Another article on the same event, written separately.
OWN = (
    "زار مراسلنا قرى الجنوب التي ضربتها الحمى، حيث يشكو الأهالي من نقص الأدوية ومن بعد المستشفيات عن بيوتهم. "
    "ويقول مزارع في الخمسين من عمره إن ثلاثة من أبنائه أصيبوا في يوم واحد، وإن الطريق إلى أقرب مركز صحي يستغرق "
    "ساعتين بالسيارة. وتنتظر العائلات حملة التطعيم التي وعدت بها الوزارة، فيما يطالب أطباء متطوعون بمزيد من الفرق."
)


def ids(*docs, actors=None):
    """story_ids of (doc_id, published, text) triples, sketched as the build's workers sketch them."""
    actors = actors or {}
    return stories.story_ids([(d, p, stories.sketch(t, actors.get(d, ()))) for d, p, t in docs])


def test_a_syndicated_copy_joins_the_story_of_the_first_copy():
    assert ids(("b", "2024-03-02", COPY), ("a", "2024-03-01", WIRE), ("c", "2024-03-01", OWN)) == {"a": "a", "b": "a", "c": "c"}


def test_the_story_is_named_by_its_earliest_copy_then_by_id():
    got = ids(("z", "2024-03-01", WIRE), ("y", "2024-03-01", COPY), ("x", None, WIRE))
    assert got == {"z": "y", "y": "y", "x": "y"}  # an undated copy joins; it never names a dated story


def test_an_updated_version_joins_and_drift_never_chains_past_the_first_copy():
    second = COPY + " وأضاف المتحدث أن الوزارة ستنشر أرقاما جديدة كل يوم حتى انتهاء الحملة في كل المدن."
    got = ids(("a", "2024-03-01", WIRE), ("b", "2024-03-02", COPY), ("c", "2024-03-03", second))
    assert set(got.values()) == {"a"}
    # the same text a week later is another story: a copy runs within WINDOW_DAYS of the first
    assert ids(("a", "2024-03-01", WIRE), ("b", "2024-03-09", WIRE)) == {"a": "a", "b": "b"}


def test_a_template_with_other_figures_or_other_names_is_another_story():
    weather = ("توقعت الرئاسة العامة للأرصاد في تقريرها عن حالة الطقس لهذا اليوم أن تكون السماء صحوة على معظم مناطق "
               "المملكة، وأن تبلغ درجة الحرارة العظمى في الرياض {0} درجة والصغرى {1} درجة، وفي جدة {2} درجة والصغرى "
               "{3} درجة، مع رياح نشطة تثير الأتربة والغبار على المناطق الشرقية والوسطى خلال ساعات النهار.")
    got = ids(("mon", "2024-07-01", weather.format(45, 31, 38, 29)), ("tue", "2024-07-02", weather.format(47, 33, 36, 28)))
    assert got == {"mon": "mon", "tue": "tue"}
    cable = ("بعث الملك برقية تهنئة إلى الرئيس {0} رئيس {1} بمناسبة ذكرى استقلال بلاده، وأعرب الملك باسمه واسم شعب "
             "وحكومة المملكة عن أصدق التهاني وأطيب التمنيات بالصحة والسعادة لفخامته ولحكومة وشعب {1} الصديق "
             "المزيد من التقدم والازدهار، كما بعث ولي العهد برقية مماثلة.")
    docs = [("bf", "2024-08-05", cable.format("ميشيل كفاندو", "بوركينا فاسو")),
            ("bo", "2024-08-05", cable.format("إيفو موراليس", "بوليفيا"))]
    named = {"bf": ["king", "saudi", "kafando", "burkina_faso"], "bo": ["king", "saudi", "morales", "bolivia"]}
    assert ids(*docs, actors=named) == {"bf": "bf", "bo": "bo"}
    assert set(ids(*docs).values()) == {"bf"}  # without the names, the text alone cannot tell them apart


def test_short_texts_and_empty_input_stand_alone():
    assert stories.story_ids([]) == {}
    got = ids(("a", "2024-03-01", "عاجل: انفجار في الميناء"), ("b", "2024-03-01", "عاجل: انفجار في الميناء"))
    assert got == {"a": "a", "b": "b"}  # one-line briefs are too short to tell copies from coincidences


def test_sketches_fold_spelling_and_read_arabic_indic_digits():
    assert stories.shingles("الادوية " * 30) == stories.shingles("الأدوية " * 30)
    assert stories.shingles("كلمة " * (stories.MIN_WORDS - 1)) == set()
    assert stories.numbers("قتل ١٢ شخصا و12 جريحا و007 في 2024") == ("12", "2024", "7")
    sk = stories.sketch(WIRE, ["b", None, "a", "b"])
    assert len(sk.minhash) == 4 * stories.NUM_PERM and sk.actors == ("a", "b")
