"""From a document to its timeline points: run the rules, resolve, map back to the original text."""

from __future__ import annotations

import bisect
from datetime import date

from ..lang.ar.normalize import NormText, normalize
from ..lang.ar.sentences import STATEMENT_BREAK
from ..records import Document, TimelinePoint
from .calendar import parse_published
from .candidate import Candidate
from .resolve import resolve
from .rules import MATCHERS

# A dateline date sits near the start of its line.
DATELINE_LINE_PREFIX = 90


def dates(norm: NormText, pub: date | None) -> list[Candidate]:
    """Every rule's candidates on ``norm``, resolved (normalised offsets, text order)."""
    found: list[Candidate] = []
    for match in MATCHERS:
        found.extend(match(norm, pub))
    return resolve(found)


def extract_dates(doc: Document, norm: NormText | None = None) -> list[TimelinePoint]:
    """Every date expression in ``doc.text`` as a TimelinePoint (offsets into ``doc.text``).

    ``norm`` may pass an already computed ``normalize(doc.text)``. Relative expressions
    resolve against ``doc.published`` and are skipped when it is None.
    """
    text = doc.text or ""
    if norm is None or norm.original != text:
        norm = normalize(text)
    cands = dates(norm, parse_published(doc.published))
    if not cands:
        return []
    statements = _Statements(text)
    points = []
    for c in cands:
        start, end = norm.span(c.start, c.end)
        if end <= start:
            continue
        event = statements.around(start, end)
        points.append(
            TimelinePoint(
                doc_id=doc.doc_id,
                date=c.date,
                precision=c.precision,
                text=text[start:end],
                start=start,
                end=end,
                event=event,
                relative=c.relative,
                calendar=c.calendar,
                rule=c.rule,
            )
        )
    return points


class _Statements:
    """The statement around a span of ``text`` (between ``STATEMENT_BREAK``s), stripped.

    Points in one statement share its text: it is cut and stripped once (a table of years with no
    sentence end would copy the whole text for each of them: quadratic time and memory).
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.bounds = [m.start() for m in STATEMENT_BREAK.finditer(text)]
        self.cut: dict[tuple[int, int], str] = {}

    def around(self, start: int, end: int) -> str:
        i = bisect.bisect_left(self.bounds, start)
        ev_start = self.bounds[i - 1] + 1 if i > 0 else 0
        j = bisect.bisect_left(self.bounds, end)
        ev_end = self.bounds[j] if j < len(self.bounds) else len(self.text)
        event = self.cut.get((ev_start, ev_end))
        if event is None:
            event = self.cut[ev_start, ev_end] = self.text[ev_start:ev_end].strip()
        return event


def find_dateline_date(text: str, window: int = 400) -> str | None:
    """The publication date (ISO YYYY-MM-DD) stated in a dateline among the first ``window`` characters.

    A dateline date is an absolute, day-precision date (Gregorian or Hijri) written near the
    start of its line ("الإيطالية نيوز، الثلاثاء 18 يونيو 2024 - ...", "الرياض - 12 ذو الحجة 1445 هـ").
    Returns None when there is none.
    """
    head = (text or "")[: max(0, window)]
    if not head:
        return None
    norm = normalize(head)
    for c in dates(norm, None):
        if c.precision != "day" or c.relative:
            continue
        line_start = norm.text.rfind("\n", 0, c.start) + 1
        if c.start - line_start <= DATELINE_LINE_PREFIX:
            return c.date
    return None
