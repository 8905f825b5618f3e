"""Why a number is not an amount: a table of named checks, the first that applies names the reason.

A number next to a month is a day or a year, after عام it is a year (and so are the numbers listed
after it: 1961 و2000), after الساعة a time, المئة in بالمئة is the percent sign written out. An amount
with a unit of its own after it ("تسليم يونيو 0.3 بالمئة", "ما مجموعه 6 ملايين") is still one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from ..lang.ar.letters import ALEF, WAW
from ..numbers import NumberSpan
from .candidates import Reading
from .lexicon import CONNECTORS, NAMES_WITH_NUMBERS, VERB_HOMOGRAPHS, cue_words
from .nouns import lookup_unit
from .tokens import Token, cue_before, in_role, last_word, tokens_after

DASHES = frozenset({"-", "\u2013"})
_COMMAS = ("", "،", ",")
_YEAR_DIGITS = re.compile(r"(?:1[89]|20)\d\d(?!\d|[.,]\d)")
_LAST_YEAR = 2100
_IN = "في"  # في المئة: per cent
_OPENERS = " \t\n\u00a0([\"'«"  # what may stand right before المئة the number (not بالمئة)
_AMOUNT_KINDS = ("currency", "percent", "measure")


@dataclass(frozen=True)
class NumberContext:
    """The i-th number of ``nums`` with the tokens around it, and what earlier numbers were read as."""

    t: str
    nums: tuple[NumberSpan, ...]
    i: int
    before: list[Token]
    previous_year: bool = False  # the number before was read as a year (a list may go on: 1961 و2000)
    previous: Reading | None = None  # what the number before was read as
    shadda: frozenset[int] = frozenset()  # normalised positions of letters written with a shadda

    @property
    def n(self) -> NumberSpan:
        return self.nums[self.i]

    @property
    def prev(self) -> str:
        return last_word(self.before)

    @cached_property
    def nxt(self) -> str:
        after = tokens_after(self.t, self.n.end, 1)
        return after[0][0] if after else ""


def is_year_like(n: NumberSpan) -> bool:
    return (
        n.has_digits
        and not n.has_words
        and n.value.is_integer()
        and 1000 <= n.value <= _LAST_YEAR
        and "," not in n.core
    )


def is_amount(t: str, n: NumberSpan, before: list[Token], after_month: bool = False) -> bool:
    """A number that cannot be a year, day or identifier, with a unit after it.

    After a month only a year follows ("يونيو 2018"), so there any other number with a
    unit is an amount ("تسليم يونيو 45 سنتا").
    """
    if cue_before(before, "total", 3):
        return True  # ما مجموعه 20 شخصا: "a total of", not group 20
    if is_year_like(n) or _YEAR_DIGITS.match(n.core):
        return False  # عام 2014 مليار دولار: the year, then an amount with no number of its own
    if not (after_month or n.scale > 1 or not n.value.is_integer() or n.value > _LAST_YEAR):
        return False  # المادة 55، عام 48: still an identifier or a year
    found = lookup_unit(t, n.end)
    return found is not None and found[0].kind in _AMOUNT_KINDS


def connector_between(t: str, a: NumberSpan, b: NumberSpan) -> str | None:
    """The word joining two numbers (و، أو، إلى، حتى, a dash), or None when something else stands there."""
    gap = t[a.end : b.start].strip()
    if gap in DASHES or gap in CONNECTORS.words() or gap == "":
        return gap or WAW  # "و2000" glued: the و is the first char of the gap-less token
    if gap.endswith(WAW) and gap[:-1].strip() in _COMMAS:
        return WAW
    return None


def percent_word(t: str, n: NumberSpan, prev: str) -> bool:
    """المئة in "بالمئة" or "في المئة" (per cent), not the number 100 (الأعوام المئة، المئة قتيل)."""
    if n.has_digits or n.value != 100:
        return False
    return prev == _IN or (n.start > 0 and t[n.start - 1] not in _OPENERS)


def _next_to_month(c: NumberContext) -> bool:
    """18 يونيو (a day), يونيو 2024 (a year)."""
    if c.nxt and in_role(c.nxt, "month"):
        return True
    return bool(c.prev) and in_role(c.prev, "month") and not is_amount(c.t, c.n, c.before, after_month=True)


def _after_year_or_identifier_cue(c: NumberContext) -> bool:
    """عام 2000، رقم 5، المادة 55، الدقيقة 90."""
    cued = cue_before(c.before, "year_before", 2) or cue_before(c.before, "id_before", 2)
    return cued and not is_amount(c.t, c.n, c.before) and (c.n.has_digits or is_year_like(c.n))


def _next_year_of_a_list(c: NumberContext) -> bool:
    """1961 و2000 و2001: years listed after a year."""
    return c.previous_year and is_year_like(c.n) and connector_between(c.t, c.nums[c.i - 1], c.n) is not None


def _time_of_day(c: NumberContext) -> bool:
    """الساعة 10، 10 صباحا."""
    return cue_before(c.before, "time_before", 1) or bool(c.nxt and in_role(c.nxt, "time_after"))


def _year_suffix(c: NumberContext) -> bool:
    """2024 م، 1445 هـ."""
    n = c.n
    return c.nxt in cue_words("year_after") and n.has_digits and n.value.is_integer() and n.value <= _LAST_YEAR


def _percent_sign_in_words(c: NumberContext) -> bool:
    """2 بالمئة، 40 في المئة: the percent sign in words, not a hundred."""
    return c.n.definite and percent_word(c.t, c.n, c.prev)


def _verb_homograph(c: NumberContext) -> bool:
    """ألّف كتابا، الذي ألف، ألف كتبا: the verb "authored", not a thousand (quantity_grammar.tsv).

    A number word that is also a verb is the verb when one of its letters carries a shadda, after a
    particle a verb follows, or before an indefinite accusative object with no preposition or hedge
    before it: a thousand takes a genitive noun (ألف كتاب), a verb an accusative one (ألّف كتاباً).
    """
    n = c.n
    if n.has_digits or n.core not in VERB_HOMOGRAPHS.words():
        return False
    if any(i in c.shadda for i in range(n.start, n.end)):
        return True
    if in_role(c.prev, "verb_before"):
        return True
    number_context = cue_before(c.before, "approx") or in_role(c.prev, "number_before")
    return not number_context and len(c.nxt) > 3 and c.nxt.endswith(ALEF) and c.nxt[-2] != ALEF


def _start_of_a_name(c: NumberContext) -> bool:
    """ألف ليلة وليلة: a title that starts with a number word (``name`` in quantity_grammar.tsv)."""
    return any(c.t.startswith(name, c.n.start) for name in NAMES_WITH_NUMBERS.words())


# (reason, check) in the order they are tried; a number the first check holds for is not an amount.
GUARDS = (
    ("verb_homograph", _verb_homograph),
    ("name", _start_of_a_name),
    ("month_day_or_year", _next_to_month),
    ("year_or_identifier", _after_year_or_identifier_cue),
    ("year_list", _next_year_of_a_list),
    ("time_of_day", _time_of_day),
    ("year_suffix", _year_suffix),
    ("percent_word", _percent_sign_in_words),
)
YEAR_REASONS = frozenset({"year_or_identifier", "year_list"})  # the numbers a following year list continues


def guard(c: NumberContext) -> str:
    """The reason the number is not an amount, or '' when none applies."""
    return next((reason for reason, check in GUARDS if check(c)), "")
