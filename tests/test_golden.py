"""The seed's tables equal the reviewed golden files (regenerate: python3 -m tests.golden_tables)."""

import json

import pytest

from tests.golden_tables import GOLDEN_DIR, PINNED, golden_rows


@pytest.mark.parametrize("name", sorted(PINNED))
def test_seed_table_matches_golden(seed_tables, name):
    expected = json.loads((GOLDEN_DIR / f"seed_{name}.json").read_text(encoding="utf-8"))
    assert golden_rows(seed_tables, name) == expected
