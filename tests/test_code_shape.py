"""The extractors stay small enough to change: no function of the pipeline over 80 lines or graded D or
worse by radon's cyclomatic complexity, no ``\\u06xx`` escape in extractor code (Arabic is written as
Arabic, or by the names in ``lang/ar``), and no Arabic word list in code (lists live in resources/)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from radon.complexity import cc_rank, cc_visit

PIPELINE = Path(__file__).resolve().parents[1] / "data_pipeline"
SOURCES = sorted(PIPELINE.rglob("*.py"))
MAX_LINES = 80
# The Unicode layer itself names code-point ranges (diacritics, presentation forms) it folds away.
ESCAPES_ALLOWED = {PIPELINE / "lang" / "ar" / "normalize.py"}
ARABIC_WORD = re.compile(r"^[\u0621-\u064a][\u0621-\u064a ]*$")
MAX_WORDS_IN_A_LITERAL = 3


def _name(path: Path) -> str:
    return str(path.relative_to(PIPELINE.parent))


def test_no_function_is_longer_than_80_lines():
    long = []
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_LINES:
                    long.append(f"{_name(path)}:{node.lineno} {node.name} ({lines} lines)")
    assert not long, long


def test_no_function_is_graded_d_or_worse():
    complex_ = []
    for path in SOURCES:
        for block in cc_visit(path.read_text(encoding="utf-8")):
            if cc_rank(block.complexity) in "DEF":
                complex_.append(f"{_name(path)}:{block.lineno} {block.fullname} {cc_rank(block.complexity)}"
                                f"({block.complexity})")
    assert not complex_, complex_


@pytest.mark.parametrize("path", [p for p in SOURCES if p not in ESCAPES_ALLOWED], ids=_name)
def test_no_arabic_escape_and_no_arabic_word_list_in_code(path):
    text = path.read_text(encoding="utf-8")
    escapes = [n for n, line in enumerate(text.splitlines(), 1) if re.search(r"\\u06[0-9a-fA-F]{2}", line)]
    assert not escapes, f"{_name(path)}: \\u06xx escapes on lines {escapes[:10]}"
    lists = []
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)) or isinstance(node, ast.Dict):
            items = node.keys if isinstance(node, ast.Dict) else node.elts
            words = [e.value for e in items if isinstance(e, ast.Constant) and isinstance(e.value, str)
                     and ARABIC_WORD.match(e.value) and len(e.value) > 2]
            if len(words) > MAX_WORDS_IN_A_LITERAL:
                lists.append(f"line {node.lineno}: {words[:5]}")
    assert not lists, f"{_name(path)}: Arabic word lists belong in resources/: {lists}"
