"""One prefix-tree regex builder for word lists (verbs, months, titles, units).

Python's engine tries the alternatives of ``a|b|c`` one by one at every position; factoring the
words as a trie (``ال(?:يوم|غد)``) makes a scan with a long list several times faster. A space
in a word matches any run of whitespace, and at every node the longer word is tried first, so
the longest listed word wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

SPACE = r"\s+"


def alternation(words: Iterable[str]) -> str:
    """A non-capturing regex matching any of ``words``, longest first; ``(?!)`` for no words."""
    trie: dict = {}
    for word in {w for w in words if w}:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _emit(trie) or "(?!)"


def _emit(node: dict) -> str:
    branches = [(SPACE if ch == " " else re.escape(ch)) + _emit(sub) for ch, sub in sorted(node.items()) if ch]
    if not branches:
        return ""
    if "" in node:  # a word ends here: the longer words are an optional, greedy continuation
        return "(?:" + "|".join(branches) + ")?"
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
