"""One definition of where an Arabic sentence ends, for passages, claims, timeline and the tagger.

A sentence ends at . ! ? ؟ or an ellipsis followed by space (closing quotes and brackets stay with
it), never inside a number such as 3.5. A match starts only where a run of end marks starts (or
one mark after a digit), and the runs are possessive: a line of 20,000 dots with no space after it
is rejected once, not retried from each of its dots (that was quadratic).
"""

from __future__ import annotations

import re

END_MARKS = ".!?؟…"
_MARK = f"[{END_MARKS}]"  # none of them is special inside a class
SENTENCE_END = re.compile(
    rf"(?={_MARK})(?:(?<![{END_MARKS}\d])|(?<=\d{_MARK})){_MARK}++[\"'»”)\]]*+(?=\s)"
    r"|(?=[.!?؟])(?<=\d)[.!?؟]++(?=\s+\D)"
)


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text[start:end]``, end marks included, in order."""
    end = len(text) if end is None else end
    spans = []
    pos = start
    for m in SENTENCE_END.finditer(text, start, end):
        spans.append((pos, m.end()))
        pos = m.end()
    if pos < end:
        spans.append((pos, end))
    return spans


# A second, narrower notion, for the claim extractor: where a reported statement ends. Besides . ! ? ؟
# it ends at ؛ and at a line break (a statement, a source phrase or a quotation never runs over them); a
# dot ends nothing between digits (3.5) or before a letter (سي.إن.إن، العربية.نت); no closing quote or
# bracket is taken with the mark; nor does the dot of a title abbreviation written as its own word (د. for
# doctor, أ. for ustadh, م. for engineer, أ.د.: وأوضح وكيل الوزارة د. عبدالله أبوثنين أن).
# Each match is the one end character.
# م. (engineer) only after a word: after a number it is the Gregorian era (عام 2015 م.) and may end a sentence.
_TITLE_DOT = r"(?<![\s(.]د\.)(?<![\s(][أا]\.)(?<![^\W\d_]\sم\.)"  # ا: أ as normalised
STATEMENT_END = re.compile(r"(?:(?<!\d)\.|\.(?!\d))(?![^\W\d_])" + _TITLE_DOT + r"|[!?؟\n؛]")
# Clause breaks, a finer notion than SENTENCE_END, for the timeline: a date belongs to the clause
# around it. A break is a full stop not followed by a digit, ? ! ؟, a semicolon (; ؛) or a line
# break, with or without a space after it (a headline line or a list item ends a clause too).
CLAUSE_BREAK = re.compile(r"\.(?![0-9])|[؟?!؛;\n]")
# A statement is cut at clause breaks and at a colon not followed by a digit (a dateline, a speaker's
# words after قال:, a list); 10:30 is a time, not a break. The event text of a timeline point is the
# statement around its date.
STATEMENT_BREAK = re.compile(r"\.(?![0-9])|:(?![0-9])|[؟?!؛;\n]")
