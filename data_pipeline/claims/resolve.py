"""The one resolver: which candidate frames become claims, and where each content ends.

``resolve`` is pure: it never changes the candidates it is given and returns new frames. Its policy,
in order:

1. A trailing attribution (``قال مسؤول إن ...، بحسب رويترز``) joins the last verb claim of its
   statement whose content it follows: the verb's content stops before the phrase, and a verb with
   no subject of its own (``ويتوقع أن ...، بحسب صحيفة الوطن``) takes the source as its speaker. A
   named source inside such a content (``قال إن الوضع تفاقم بحسب الأمم المتحدة``) stays part of it.
2. A verb with no subject of its own inside the content of an earlier claim of its statement
   (``قال إن ... بناء على أدلة تشير إلى``، ``وأضاف المصدر أنه كان يعتقد أن``) is part of that content.
3. A quoted paragraph in which a claim's cue lies is no claim of its own.
4. A rumour noun inside a claim's speaker or cue (from its head to its content) is part of that claim.
5. Frames are ordered by where they start; each content ends at its closing quote, else at the end of
   its statement, a colon or the next claim's head (a nested named source ends nothing); a frame left
   without a word of content is dropped.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from .candidate import Frame
from .content import content_end, has_content, skip_spaces
from .text import ClaimText


def resolve(tx: ClaimText, candidates: Sequence[Frame]) -> list[Frame]:
    """The claims among ``candidates`` (``find_candidates``' order), sorted, with their contents' ends set."""
    frames = [f.copy() for f in candidates]  # the candidates stay as the rules made them
    kept = _drop_embedded(tx, _merge_trailing_sources(tx, [f for f in frames if f.kind in ("attr", "verb")]))
    for q in (f for f in frames if f.kind == "quote"):
        if not any(q.cue[0] <= f.cue[0] <= q.quote_end for f in kept):
            kept.append(q)
    heads = [(f.head, max(f.content_start, f.cue[1])) for f in kept]
    kept += [
        f for f in frames
        if f.kind == "report" and not any(a <= f.match_start < b or a < f.cue[1] <= b for a, b in heads)
    ]
    kept.sort(key=lambda f: (f.head, f.cue[0]))
    return _set_content_ends(tx, kept)


def _merge_trailing_sources(tx: ClaimText, frames: list[Frame]) -> list[Frame]:
    """Policy 1: a trailing attribution joins the verb claim before it (changes ``frames``' verbs)."""
    verbs = [f for f in frames if f.kind == "verb" and f.quote_end < 0]
    out = []
    for f in frames:
        if f.kind == "attr" and f.before is not None:
            ss, _ = tx.sentence(f.cue[0])
            host = [v for v in verbs if ss <= v.cue[0] and v.content_start <= f.cue[0]]
            if host and f.named_source:
                continue
            if host:
                v = host[-1]
                v.content_end = f.cue[0] if v.content_end < 0 else min(v.content_end, f.cue[0])
                if v.speaker is None:
                    v.speaker, v.speaker_prefix, v.inherit = f.speaker, f.speaker_prefix, False
                continue
        out.append(f)
    return out


def _can_hold(g: Frame) -> bool:
    """A claim with a subject of its own (or carried over) whose content may hold a subjectless verb."""
    return g.kind in ("verb", "attr") and g.before is None and not g.embedded \
        and not (g.impersonal and g.speaker is None) and g.content_start >= 0


def _drop_embedded(tx: ClaimText, frames: list[Frame]) -> list[Frame]:
    """Policy 2: drop a subjectless verb inside the content of an earlier claim of its statement.

    Only two hosts can hold it: the first host of its statement whose content runs to the statement
    end (no quotation), and the last quoted host before it (quotations do not overlap), so each frame
    is checked in logarithmic time however many claims its statement holds.
    """
    open_hosts = sorted((g.cue[0], i) for i, g in enumerate(frames) if _can_hold(g) and g.quote_end < 0)
    quoted = sorted((g.cue[0], i) for i, g in enumerate(frames) if _can_hold(g) and g.quote_end >= 0)
    open_cues, quoted_cues = [c for c, _ in open_hosts], [c for c, _ in quoted]
    out = []
    for f in frames:
        if f.kind == "verb" and f.embedded:
            ss, _ = tx.sentence(f.cue[0])
            j = bisect.bisect_left(open_cues, ss)
            if j < len(open_cues) and open_cues[j] < f.cue[0] and frames[open_hosts[j][1]].content_start <= f.cue[0]:
                continue
            k = bisect.bisect_left(quoted_cues, f.cue[0]) - 1
            if k >= 0 and quoted_cues[k] >= ss:
                host = frames[quoted[k][1]]
                if host.content_start <= f.cue[0] < host.quote_end:
                    continue
        out.append(f)
    return out


def _set_content_ends(tx: ClaimText, frames: list[Frame]) -> list[Frame]:
    """Policy 5: where each content ends (changes ``frames``); frames without content are dropped."""
    t = tx.t
    starts = sorted(f.head for f in frames if not f.named_source)  # a nested source ends no content
    out = []
    for f in frames:
        if f.before is not None:
            out.append(f)
            continue
        f.content_start = skip_spaces(t, f.content_start)
        if f.quote_end >= 0:
            f.content_end = f.quote_end
        else:
            i = bisect.bisect_right(starts, f.content_start)
            f.content_end = content_end(tx, f.content_start, f.content_end, starts[i] if i < len(starts) else None)
        if has_content(t, f.content_start, f.content_end):
            out.append(f)
    return out
