"""Every claim rule run over one text: the candidates that ``resolve`` then chooses between.

The cues come first: attribution phrases, then reporting verbs outside them (the verb of
``وفق ما أعلن`` belongs to its phrase). A verb looks for its complement only up to the next cue.
Two small rules complete the verb and attribution rules (``verbs.py``, ``attributions.py``):

- ``claims.rumour_noun``: a rumour noun opening its own content (``إشاعات تفيد بـ``), always hedged;
- ``claims.quoted_paragraph``: a paragraph that is one long quotation (its speaker is the last one).
"""

from __future__ import annotations

import bisect
import re

from ..lang.ar.letters import WAW
from ..lang.ar.normalize import TOKEN_RE
from .attributions import attribution_frame
from .candidate import Frame
from .lexicon import WORD, ClaimLexicon
from .quotes import QUOTE_MIN_TOKENS, match_quote
from .speaker import SPEAKER_MAX_TOKENS
from .text import CLAUSE_MARK_RE, SPACES_RE, ClaimText
from .verbs import opens_its_clause, verb_frame

# تحدث ends an earlier verb's speaker only with its topic (تحدث عن): مسؤول، تحدث شريطة عدم ...، إنه
_TOPIC_AFTER_RE = re.compile(f"\\s+(?:{WORD}+\\s+){{0,3}}?عن(?!{WORD})")  # (up to 3 words) عن
# A paragraph that is one quotation (و"...". alone on its line) continues the last speaker.
_QUOTE_PARAGRAPH_RE = re.compile(f"(?:^|\n)[ \t]*({WAW}?)[ \t]*([«\"“])")
_PARAGRAPH_END_RE = re.compile("[ \t.]*(?:\n|$)")


def find_candidates(tx: ClaimText, lex: ClaimLexicon) -> list[Frame]:
    """Every rule's candidates, in this order: attributions, verbs, quoted paragraphs, rumour nouns
    (each in text order)."""
    t = tx.t
    frames = [f for m in lex.attr_re.finditer(t) if (f := attribution_frame(tx, lex, m))]
    covered = [f.cue for f in frames]
    verb_matches = [m for m in lex.verb_re.finditer(t) if not any(a <= m.start(2) < b for a, b in covered)
                    and (_row(lex, m).get("opens") != "1" or opens_its_clause(tx, lex, m))]  # بين = between
    cue_starts = sorted([f.cue[0] for f in frames if not f.named_source] + [
        m.start() for m in verb_matches
        if _row(lex, m).get("bare_an") != "no" or _TOPIC_AFTER_RE.match(t, m.end())
    ])
    for m in verb_matches:
        i = bisect.bisect_right(cue_starts, m.start())
        frame = verb_frame(tx, lex, m, cue_starts[i] if i < len(cue_starts) else len(t))
        if frame:
            frames.append(frame)
    frames += quoted_paragraphs(tx)
    frames += [rumour_frame(tx, lex, m) for m in lex.report_re.finditer(t)]
    return frames


def _row(lex: ClaimLexicon, m: re.Match) -> dict[str, str]:
    """The reporting_verbs.tsv row of the verb matched by ``m``."""
    return lex.verbs[SPACES_RE.sub(" ", m.group(2))]


def quoted_paragraphs(tx: ClaimText) -> list[Frame]:
    """Paragraphs that are one quotation of ``QUOTE_MIN_TOKENS`` words or more (و"...". on its own line)."""
    t = tx.t
    out = []
    for m in _QUOTE_PARAGRAPH_RE.finditer(t):
        q = m.start(2)
        close = match_quote(tx, q)
        if close < 0 or not _PARAGRAPH_END_RE.match(t, close + 1):
            continue
        if len(TOKEN_RE.findall(t, q, close)) < QUOTE_MIN_TOKENS:
            continue
        out.append(Frame("quote", "claims.quoted_paragraph", (q, q + 1), m.start(1), inherit=True,
                         content_start=q + 1, quote_end=close))
    return out


def rumour_frame(tx: ClaimText, lex: ClaimLexicon, m: re.Match) -> Frame:
    """``إشاعات تفيد بـ ...``: hedged; denied when its statement holds a denial, whose agent
    (``من قبل الطرفين``) is then the speaker."""
    t = tx.t
    cs = m.start() + len(m.group(1))
    frame = Frame("report", "claims.rumour_noun", (cs, m.end()), cs, hedged=True, content_start=m.end(),
                  match_start=m.start())
    ss, se = tx.sentence(m.start())
    den = lex.sentence_denial_re.search(t, ss, se)
    if den:
        frame.stance = "deny"
        agent = lex.report_agent_re.search(t, den.end(), se)
        if agent:
            c = CLAUSE_MARK_RE.search(t, agent.end(), se)
            toks = tx.tokens(agent.end(), c.start() if c else se)[:SPEAKER_MAX_TOKENS]
            if toks:
                frame.speaker = (toks[0][0], toks[-1][1])
    return frame
