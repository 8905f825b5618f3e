"""The README documents every table and column (generated from data_pipeline/schemas.py)."""

from pathlib import Path

from data_pipeline.schemas import TABLES
from scripts.gen_readme_dictionary import README, render


def test_readme_data_dictionary_is_current():
    text = README.read_text(encoding="utf-8")
    assert render(text) == text, "run: python3 scripts/gen_readme_dictionary.py"


def test_every_column_has_a_description():
    for table in TABLES.values():
        for column in table.columns:
            assert len(column.description) > 8, (table.name, column.name)


def test_readme_gives_the_two_commands():
    text = README.read_text(encoding="utf-8")
    assert "bash scripts/run.sh" in text and "bash scripts/test.sh" in text
    assert (Path(README).parent / ".ci" / "run").read_text().strip().endswith("bash scripts/test.sh")
