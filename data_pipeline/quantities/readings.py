"""What each number reads as: a guard (not an amount), or the first of ``READINGS`` that applies.

``read_numbers(t, nums)`` goes through the numbers in order, since a year list and "يوم واحد" look
at what the number before was read as. A number with neither a guard nor a reading is *bare*: it
may still take the unit of the number after it (ranges) or an unknown noun (``number_rules``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..numbers import NumberSpan
from .after_noun import cardinal_after_noun, one_after_noun
from .candidates import Reading
from .guards import YEAR_REASONS, NumberContext, guard, is_year_like
from .lexicon import cue_words
from .nouns import lookup_unit, noun_unit, partitive_noun, partitive_plural, suffix_unit
from .rules import COUNT_OF, CURRENCY, NUMBER_OF_NOUN, NUMBER_OF_PLURAL, NUMBER_THEN_UNIT, PERCENT
from .tokens import Token, bare_noun, tokens_after, tokens_before

_RULE_OF_KIND = {"percent": PERCENT, "currency": CURRENCY}  # other kinds: NUMBER_THEN_UNIT
_OF_KINDS = ("measure", "currency", "percent")  # 50% من الأصوات: the noun after من is what is measured
_COUNT_OF_REACH = 4  # tokens before the number searched for عدد + noun


@dataclass(frozen=True)
class NumberReading:
    """The ``index``-th number, the tokens before it, and what it was read as."""

    index: int
    number: NumberSpan
    before: list[Token]
    guard: str = ""  # why it is not an amount ('' when it may be one)
    reading: Reading | None = None

    @property
    def word_one(self) -> bool:
        """واحد: counts only the noun before it (يوم واحد), never a noun after it."""
        return not self.number.has_digits and self.number.value == 1

    @property
    def bare(self) -> bool:
        """No guard, no reading, not definite, not the word for one: open to a range, a shared unit or
        an unknown noun."""
        return not (self.guard or self.reading or self.number.definite or self.word_one)

    @property
    def unit_after(self) -> Reading | None:
        """The reading, when its unit follows the number (not الخبراء الثمانية)."""
        return self.reading if self.reading is not None and not self.reading.noun_before else None


def _noun_then_cardinal(c: NumberContext) -> Reading | None:
    return cardinal_after_noun(c.t, c.n, c.before) if c.n.definite else None


def _number_then_unit(c: NumberContext) -> Reading | None:
    """11 ألف حاوية، 152 ملم، 50 في المئة (and 50% من الأصوات: what is measured)."""
    n = c.n
    if n.definite and n.value < 3:
        return None  # الاثنين: Monday
    found = lookup_unit(c.t, n.end)
    if found is None:
        return None
    u, s, e = found
    what = (s, e) if u.kind == "count" else None
    if u.kind in _OF_KINDS:
        part = partitive_noun(c.t, e, count_only=False)
        if part:
            what = (part[1], part[2])
    return Reading(_RULE_OF_KIND.get(u.kind, NUMBER_THEN_UNIT), u.unit, n.start, e, what, n.value)


def _number_of_noun(c: NumberContext) -> Reading | None:
    """20 من الجنود، 5 من جنودها (not واحد من: "one of")."""
    n = c.n
    if n.definite or not (n.has_digits or n.value > 1):
        return None
    part = partitive_noun(c.t, n.end, count_only=True)
    if part is None or part[0] is None:
        return None
    return Reading(NUMBER_OF_NOUN, part[0].unit, n.start, part[2], (part[1], part[2]), n.value)


def _count_of(c: NumberContext) -> Reading | None:
    """'ارتفع إلى 38 عدد الفلسطينيين' (after) or 'بلغ عدد القتلى 300' (before): what a bare number counts."""
    n = c.n
    if n.definite or is_year_like(n) or (not n.has_digits and n.value < 3):
        return None
    table = cue_words("count_of")
    after = tokens_after(c.t, n.end, 2)
    if len(after) == 2 and after[0][0] in table:
        u = noun_unit(after[1][0])
        if u is not None:
            return Reading(COUNT_OF, u.unit, n.start, after[1][2], (after[1][1], after[1][2]), n.value)
    words = [w for w, _, _ in c.before]
    for k in range(len(words) - 2, max(-1, len(words) - 1 - _COUNT_OF_REACH), -1):
        if k >= 0 and words[k] in table:
            u = noun_unit(words[k + 1])
            if u is not None:
                return Reading(COUNT_OF, u.unit, n.start, n.end, (c.before[k + 1][1], c.before[k + 1][2]), n.value)
    return None


def _number_of_plural(c: NumberContext) -> Reading | None:
    """38 من رفات، 100 من الرعايا: a plural missing from units.tsv, counted as items.

    A nisba plural (13 من الديموقراطيين، عشرة من قياديي الحزب) counts people.
    """
    n = c.n
    if n.definite or not n.value.is_integer() or not (n.has_digits or n.value >= 3) or is_year_like(n):
        return None
    part = partitive_plural(c.t, n.end)
    if not part:
        return None
    unit = suffix_unit(bare_noun(c.t[part[0] : part[1]]), min_suffix=3)  # يين، يون: not قضايا
    return Reading(NUMBER_OF_PLURAL, unit, n.start, part[1], part, n.value)


def _noun_then_one(c: NumberContext) -> Reading | None:
    """يوم واحد; not after a noun the number before already counts (90 عاما واحد من أشهر)."""
    if c.n.definite or c.n.has_digits or c.n.value != 1:
        return None
    reading = one_after_noun(c.t, c.n, c.before)
    previous = c.previous
    if reading is None or (previous is not None and not previous.noun_before and previous.end > reading.start):
        return None
    return reading


# What a number counts or measures, tried in this order: the first that applies is its reading.
READINGS = (_noun_then_cardinal, _number_then_unit, _number_of_noun, _count_of, _number_of_plural, _noun_then_one)


def read_numbers(t: str, nums: list[NumberSpan], shadda: frozenset[int] = frozenset()) -> list[NumberReading]:
    """Each number's guard or reading, in order (see the module docstring).

    ``shadda``: the positions of ``t`` whose letter carries a shadda in the original (ألّف: a verb).
    """
    nums_t = tuple(nums)
    out: list[NumberReading] = []
    for i, n in enumerate(nums_t):
        last = out[-1] if out else None
        c = NumberContext(
            t,
            nums_t,
            i,
            tokens_before(t, n.start, 4),
            previous_year=last is not None and last.guard in YEAR_REASONS,
            previous=last.reading if last else None,
            shadda=shadda,
        )
        reason = guard(c)
        reading = None if reason else next((r for r in (f(c) for f in READINGS) if r is not None), None)
        out.append(NumberReading(i, n, c.before, reason, reading))
    return out
