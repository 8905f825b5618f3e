"""Timeline extraction: every date an article states, resolved to an ISO Gregorian date.

``extract_dates(doc)`` returns one ``TimelinePoint`` per date expression. Offsets index
``doc.text`` (end exclusive); ``point.text == doc.text[point.start:point.end]``. Matching runs on
the normalised view (``data_pipeline.lang.ar.normalize``) and is mapped back through ``NormText.span``.

How it is built (the shape of spaCy's SpanRuler + filter_spans):
- ``rules.MATCHERS``: one module per kind of date expression, each proposing ``Candidate``s tagged
  with a rule id: ``months`` (a month name with its day, year, qualifier ...), ``numeric``
  (18/06/2024), ``years`` (عام 2000، 1445هـ، lists of years), ``relative`` (اليوم، العام الماضي),
  ``weekdays`` (الأحد، ليل الخميس الجمعة). ``RULES`` says in one sentence what each rule matched.
- ``resolve.resolve``: the one pure function that chooses between overlapping candidates.
- ``lexicon``: the word lists, declared once (``months.tsv``, ``weekdays.tsv``, ``relative_dates.tsv``,
  ``date_cues.tsv``, ``timeline_connectors.tsv``); ``patterns``: the regex pieces they share.

Conventions a caller needs:
- ``date`` is ISO ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` with ``precision`` year/month/day,
  always Gregorian; ``calendar`` says how the date was written; ``rule`` names the rule.
- Relative expressions resolve against ``doc.published`` (ISO date), never the machine clock,
  and are skipped when it is None. ``relative=True`` marks them.
  * اليوم (optionally + weekday) = publication day; أمس = -1 day; أول أمس = -2 ...
  * a bare weekday: see ``weekdays``.
  * a day range before a month (من 8 إلى 19 أيار، يومي 20 و21 مارس) gives its first day too.
  * a month without a year (في سبتمبر، في 30 أبريل) = that month in the publication year if it is
    not later in the calendar than the publication month, else the year before; with الماضي the
    latest one strictly before the publication month, with المقبل the next one strictly after; with
    a future cue in its clause (``future``) the first one on or after publication.
  * الشهر الماضي / العام الماضي ... move by whole months / years.
  * week phrases (الأسبوع الماضي) are recognised but emit no point (no week precision).
- Hijri: a full date is converted with ``hijridate``; month + year gives the Gregorian month
  containing the 1st of that Hijri month (precision month); a year alone (1445هـ) gives the
  Gregorian year containing its 1 Muharram (precision year). Outside hijridate's range
  (1343-1500 AH) a year is approximated arithmetically.
- A bare number is a year only with a cue or in a list of years (see ``years``).
- Durations (يومين، لمدة عامين، منذ ثلاث سنوات) are not points.
- ``event`` is the statement around the date (``lang.ar.sentences.STATEMENT_BREAK``).
"""

from __future__ import annotations

from .extract import extract_dates, find_dateline_date
from .rules import RULES

__all__ = ["RULES", "extract_dates", "find_dateline_date"]
