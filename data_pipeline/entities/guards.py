"""Why a word is not (part of) a name: tables of named checks the rules consult.

Each table maps a reason, as an analyst would say it, to a small check on a normalised word; a
word fails a table when any check holds. Adding a reason is adding a row.
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


def _given(w: str) -> bool:
    return w in GIVEN_NAMES.words()


def _stop(w: str) -> bool:
    return w in lexicon.stopwords()


# A token of a name found by a pattern (after a title, in a facility's name).
NOT_A_NAME_TOKEN: tuple[tuple[str, Check], ...] = (
    ("shorter than two letters, or not Arabic letters", lambda w: len(w) < 2 or not ARABIC_WORD.fullmatch(w)),
    ("a conjunction و and a word (وتنمية، وربما; وليد is a listed name)",
     lambda w: w[0] == WAW and len(w) < 7 and not _given(w)),
    ("a stopword", _stop),
    ("a proclitic and a stopword (وقال، بأن)", lambda w: w[0] in PROCLITIC_LETTERS and _stop(w[1:])),
)

# The first word after a title, when the name is not quoted.
NOT_A_FIRST_NAME: tuple[tuple[str, Check], ...] = (
    ("a definite noun", lambda w: w.startswith(DEFINITE_PREFIXES)),
    ("a name connector that opens no name (بن)", lambda w: w in NAME_CONNECTORS.words() and w not in NAME_OPENERS.words()),
    ("a conjunction, preposition or verb (وتنمية، لطب، يزور، تعديل) or a verbal noun in ـة (إحالة), "
     "unless a listed given name (وليد، يوسف، تامر، حمزة)",
     lambda w: (w[0] in VERBAL_INITIALS or w.endswith(TEH_MARBUTA_FOLDED)) and not _given(w)),
    ("the preposition ل and a long word (لدراسات)", lambda w: w.startswith(LAM) and len(w) >= 5),
    ("the preposition ب and a noun (المكلف بملف)", lambda w: w.startswith(PREP_NOUN_STARTS) and not _given(w)),
    ("a future verb (الرئيس سيسافر)", lambda w: w.startswith(FUTURE_VERB_STARTS) and len(w) >= 5 and not _given(w)),
)


# A further word of a name after a title; ``core``: the name words before it (connectors aside).
NOT_A_SURNAME: tuple[tuple[str, Callable[[str, int], bool]], ...] = (
    ("a definite adjective or verbal noun (البحرينية، الموافقة)",
     lambda w, core: w.startswith(ARTICLE) and w.endswith((*NISBA_ENDINGS[1:], TEH_MARBUTA_FOLDED)) and not _given(w)),
    ("a prepositional phrase with ب (باستقالته)", lambda w, core: w[0] == BA and len(w) >= 7),
    ("a date word (سواراج الشهر الماضي)", lambda w, core: w in lexicon.time_words()),
    ("a prepositional phrase with ل (لبلدنا، للكتاب)",
     lambda w, core: w.startswith(DOUBLE_LAM) or (w.startswith(LAM) and len(w) >= 5)),
    ("a verb, a verbal noun or a conjunct (أحلام يشعر، تميم تعزيز، باكلي وزملاؤه)",
     lambda w, core: (bool(VERB_SHAPE.match(w)) or (w[0] == WAW and w.endswith(TEH_MARBUTA_FOLDED))) and not _given(w)),
    ("a noun with a pronoun suffix (فقدت دورها)",
     lambda w, core: w.endswith(POSSESSIVE_SUFFIXES) and len(w) >= 4 and not _given(w)),
    ("a third word in ـه (مصرعه)", lambda w, core: core >= 2 and w.endswith(TEH_MARBUTA_FOLDED) and not _given(w)),
    ("a third word with a proclitic (بعيدا، لصحيفة)", lambda w, core: core >= 2 and w[0] in PROCLITIC_LETTERS),
)

# The first or last word of a span the tagger found (the name's edges).
NOT_A_NAME_EDGE: tuple[tuple[str, Check], ...] = (
    ("empty or a stopword (قال، في)", lambda w: not w or _stop(w)),
)
NOT_A_NAME_END: tuple[tuple[str, Check], ...] = (
    *NOT_A_NAME_EDGE,
    ("a date word (ماي أمس)", lambda w: w in lexicon.time_words()),
    ("a conjunct or a preposition with a pronoun suffix (باكلي وزملاؤه، ليو بتصريحه)",
     lambda w: w[0] in (WAW, BA, LAM) and w.endswith(OBJECT_SUFFIXES) and not _given(w)),
    ("a preposition and a definite noun (للصحفيين، بالرصاص)",
     lambda w: w.startswith(DOUBLE_LAM) or (w[0] in BA + LAM and w[1:].startswith(ARTICLE))),
)
NOT_A_NAME_START: tuple[tuple[str, Check], ...] = (
    *NOT_A_NAME_EDGE,
    ("a title (الرئيس)", lambda w: w in lexicon.titles().first),
)

# The last word of a name the tagger found, standing alone for the person elsewhere.
NOT_A_LONE_SURNAME: tuple[tuple[str, Check], ...] = (
    ("shorter than three letters", lambda w: len(w) < 3),
    ("a stopword", _stop),
    ("a given name (محمد)", _given),
    ("a month (أيار)", lambda w: w in lexicon.month_words()),
    ("a definite noun that is no nisba (الشعب، الجنود; النعيمي is one)",
     lambda w: w.startswith(ARTICLE) and not w.endswith(NISBA)),
    ("a proclitic and a definite noun", lambda w: w[0] in PROCLITIC_LETTERS and w[1:].startswith(ARTICLE)),
)


def fails(table: tuple[tuple[str, Check], ...], word: str) -> bool:
    """Some check of ``table`` holds for ``word``."""
    return any(check(word) for _, check in table)


def is_name_token(w: str) -> bool:
    return not fails(NOT_A_NAME_TOKEN, w)


def is_lone_surname(w: str) -> bool:
    """Whether the last word of a model-found name may stand alone for the person elsewhere."""
    return not fails(NOT_A_LONE_SURNAME, w)


def ends_name_run(w: str, core: int) -> bool:
    """A further word after a title's name words is no surname."""
    return any(check(w, core) for _, check in NOT_A_SURNAME)
