"""Why a word is not (part of) a name: tables of named checks the rules consult.

Each table pairs a reason, as an analyst would say it, with a small named check on a normalised
word; a word fails a table when any of its checks holds. Adding a reason is adding a row.
"""

from __future__ import annotations

from collections.abc import Callable

from ..lang.ar.letters import ARTICLE, BA, DEFINITE_PREFIXES, LAM, WAW
from . import lexicon
from .lexicon import GIVEN_NAMES, NAME_CONNECTORS, NAME_OPENERS
from .morphology import (
    ARABIC_WORD,
    DOUBLE_LAM,
    FUTURE_VERB_STARTS,
    NISBA,
    NISBA_ENDINGS,
    OBJECT_SUFFIXES,
    POSSESSIVE_SUFFIXES,
    PREP_NOUN_STARTS,
    PROCLITIC_LETTERS,
    TEH_MARBUTA_FOLDED,
    VERB_SHAPE,
    VERBAL_INITIALS,
)

Check = Callable[[str], bool]
Table = tuple[tuple[str, Check], ...]


def given_name(w: str) -> bool:
    return w in GIVEN_NAMES.words()


def stopword(w: str) -> bool:
    return w in lexicon.stopwords()


def time_word(w: str) -> bool:
    return w in lexicon.time_words()


def month(w: str) -> bool:
    return w in lexicon.month_words()


def title_word(w: str) -> bool:
    return w in lexicon.titles().first


def too_short_or_not_arabic(w: str) -> bool:
    return len(w) < 2 or not ARABIC_WORD.fullmatch(w)


def conjunction_and_word(w: str) -> bool:
    return w[0] == WAW and len(w) < 7 and not given_name(w)


def proclitic_and_stopword(w: str) -> bool:
    return w[0] in PROCLITIC_LETTERS and stopword(w[1:])


def definite(w: str) -> bool:
    return w.startswith(DEFINITE_PREFIXES)


def inner_connector(w: str) -> bool:
    return w in NAME_CONNECTORS.words() and w not in NAME_OPENERS.words()


def verb_prefix_or_verbal_noun(w: str) -> bool:
    return (w[0] in VERBAL_INITIALS or w.endswith(TEH_MARBUTA_FOLDED)) and not given_name(w)


def long_word_after_lam(w: str) -> bool:
    return w.startswith(LAM) and len(w) >= 5


def ba_and_noun(w: str) -> bool:
    return w.startswith(PREP_NOUN_STARTS) and not given_name(w)


def future_verb(w: str) -> bool:
    return w.startswith(FUTURE_VERB_STARTS) and len(w) >= 5 and not given_name(w)


def definite_adjective_or_verbal_noun(w: str) -> bool:
    return w.startswith(ARTICLE) and w.endswith((*NISBA_ENDINGS[1:], TEH_MARBUTA_FOLDED)) and not given_name(w)


def long_word_after_ba(w: str) -> bool:
    return w[0] == BA and len(w) >= 7


def lam_phrase(w: str) -> bool:
    return w.startswith(DOUBLE_LAM) or long_word_after_lam(w)


def verb_or_conjunct(w: str) -> bool:
    return (bool(VERB_SHAPE.match(w)) or (w[0] == WAW and w.endswith(TEH_MARBUTA_FOLDED))) and not given_name(w)


def possessive_noun(w: str) -> bool:
    return w.endswith(POSSESSIVE_SUFFIXES) and len(w) >= 4 and not given_name(w)


def ends_in_teh_marbuta(w: str) -> bool:
    return w.endswith(TEH_MARBUTA_FOLDED) and not given_name(w)


def proclitic_initial(w: str) -> bool:
    return w[0] in PROCLITIC_LETTERS


def empty_or_stopword(w: str) -> bool:
    return not w or stopword(w)


def clitic_and_pronoun(w: str) -> bool:
    return w[0] in (WAW, BA, LAM) and w.endswith(OBJECT_SUFFIXES) and not given_name(w)


def preposition_and_definite(w: str) -> bool:
    return w.startswith(DOUBLE_LAM) or (w[0] in BA + LAM and w[1:].startswith(ARTICLE))


def shorter_than_three(w: str) -> bool:
    return len(w) < 3


def definite_not_nisba(w: str) -> bool:
    return w.startswith(ARTICLE) and not w.endswith(NISBA)


def proclitic_and_definite(w: str) -> bool:
    return w[0] in PROCLITIC_LETTERS and w[1:].startswith(ARTICLE)


# A token of a name found by a pattern (after a title, in a facility's name).
NOT_A_NAME_TOKEN: Table = (
    ("shorter than two letters, or not Arabic letters", too_short_or_not_arabic),
    ("a conjunction و and a word (وتنمية، وربما; وليد is a listed name)", conjunction_and_word),
    ("a stopword", stopword),
    ("a proclitic and a stopword (وقال، بأن)", proclitic_and_stopword),
)

# The first word after a title, when the name is not quoted.
NOT_A_FIRST_NAME: Table = (
    ("a definite noun", definite),
    ("a name connector that opens no name (بن)", inner_connector),
    ("a conjunction, preposition or verb (وتنمية، لطب، يزور، تعديل) or a verbal noun in ـة (إحالة), unless a "
     "listed given name (وليد، يوسف، تامر، حمزة)", verb_prefix_or_verbal_noun),
    ("the preposition ل and a long word (لدراسات)", long_word_after_lam),
    ("the preposition ب and a noun (المكلف بملف)", ba_and_noun),
    ("a future verb (الرئيس سيسافر)", future_verb),
)

# The second or third word of a name after a title.
NOT_A_SURNAME: Table = (
    ("a definite adjective or verbal noun (البحرينية، الموافقة)", definite_adjective_or_verbal_noun),
    ("a prepositional phrase with ب (باستقالته)", long_word_after_ba),
    ("a date word (سواراج الشهر الماضي)", time_word),
    ("a prepositional phrase with ل (لبلدنا، للكتاب)", lam_phrase),
    ("a verb, a verbal noun or a conjunct (أحلام يشعر، تميم تعزيز، باكلي وزملاؤه)", verb_or_conjunct),
    ("a noun with a pronoun suffix (فقدت دورها)", possessive_noun),
)
# ... and the third word of one, after two name words.
NOT_A_THIRD_NAME: Table = (
    ("a word in ـه (مصرعه)", ends_in_teh_marbuta),
    ("a word with a proclitic (بعيدا، لصحيفة)", proclitic_initial),
)

# The last or first word of a span the tagger found (the name's edges).
NOT_A_NAME_END: Table = (
    ("empty or a stopword (قال، في)", empty_or_stopword),
    ("a date word (ماي أمس)", time_word),
    ("a conjunct or a preposition with a pronoun suffix (باكلي وزملاؤه، ليو بتصريحه)", clitic_and_pronoun),
    ("a preposition and a definite noun (للصحفيين، بالرصاص)", preposition_and_definite),
)
NOT_A_NAME_START: Table = (
    ("empty or a stopword (قال، في)", empty_or_stopword),
    ("a title (الرئيس)", title_word),
)

# The last word of a name the tagger found, standing alone for the person elsewhere.
NOT_A_LONE_SURNAME: Table = (
    ("shorter than three letters", shorter_than_three),
    ("a stopword", stopword),
    ("a given name (محمد)", given_name),
    ("a month (أيار)", month),
    ("a definite noun that is no nisba (الشعب، الجنود; النعيمي is one)", definite_not_nisba),
    ("a proclitic and a definite noun", proclitic_and_definite),
)


def fails(table: Table, word: str) -> bool:
    """Some check of ``table`` holds for ``word``."""
    return any(check(word) for _, check in table)


def is_name_token(w: str) -> bool:
    return not fails(NOT_A_NAME_TOKEN, w)


def is_lone_surname(w: str) -> bool:
    """Whether the last word of a model-found name may stand alone for the person elsewhere."""
    return not fails(NOT_A_LONE_SURNAME, w)


def ends_name_run(w: str, core: int) -> bool:
    """A word after ``core`` name words (connectors aside) of a name after a title is no surname."""
    return fails(NOT_A_SURNAME, w) or (core >= 2 and fails(NOT_A_THIRD_NAME, w))
