"""The date rules, in the order the resolver breaks ties in, and what each one matches."""

from __future__ import annotations

from ..resources import rule_descriptions
from . import months, numeric, recurring, relative, weekdays, years

# Each matcher is ``(NormText, publication date or None) -> list[Candidate]``; where two candidates
# of equal length overlap, the one of the earlier matcher wins (``resolve.resolve``).
MATCHERS = (
    months.month_dates,
    numeric.numeric_dates,
    years.year_dates,
    relative.relative_dates,
    weekdays.weekday_dates,
    recurring.recurring_cues,  # dateless: drops the dates it qualifies (resolve.resolve)
)

# rule id -> what it matched, in English (resources/rules.tsv: "why extracted" in both languages)
RULES: dict[str, str] = rule_descriptions("timeline")
