"""The docs: the README gives a newcomer what they need in under 150 lines and links the rest,
which lives in docs/; the data dictionary there documents every table and column (generated from
data_pipeline/schemas.py)."""

import re
from pathlib import Path

from data_pipeline.schemas import TABLES
from scripts.gen_readme_dictionary import DICTIONARY, README, render


def test_data_dictionary_is_current():
    text = DICTIONARY.read_text(encoding="utf-8")
    assert render(text) == text, "run: python3 scripts/gen_readme_dictionary.py"


def test_every_column_has_a_description():
    for table in TABLES.values():
        for column in table.columns:
            assert len(column.description) > 8, (table.name, column.name)


def test_readme_gives_the_two_commands():
    text = README.read_text(encoding="utf-8")
    assert "bash scripts/run.sh" in text and "bash scripts/test.sh" in text
    assert (Path(README).parent / ".ci" / "run").read_text().strip().endswith("bash scripts/test.sh")


def test_readme_is_short_and_every_document_it_links_exists():
    text = README.read_text(encoding="utf-8")
    assert len(text.splitlines()) < 150
    links = re.findall(r"\]\((docs/[^)#]+)\)", text)
    assert {"docs/dashboard.md", "docs/building.md", "docs/data-dictionary.md", "docs/extractors.md",
            "docs/accuracy.md", "docs/testing.md", "docs/performance.md"} <= set(links)
    for link in links:
        assert (Path(README).parent / link).exists(), link
    on_disk = {f"docs/{p.name}" for p in (Path(README).parent / "docs").glob("*.md")}
    assert on_disk <= set(links), on_disk - set(links)


def test_every_extraction_rule_is_described_in_the_extractors_document():
    from data_pipeline.resources import load_tsv

    text = (Path(README).parent / "docs" / "extractors.md").read_text(encoding="utf-8")
    rules = [r["rule"] for r in load_tsv("rules.tsv", required=("rule", "en", "ar"))]
    assert len(rules) == len(set(rules)) >= 70
    missing = [r for r in rules if f"`{r}`" not in text and f"`{r.split('.', 1)[1]}`" not in text]
    assert not missing, missing
