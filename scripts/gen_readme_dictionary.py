"""Regenerate the data dictionary in docs/data-dictionary.md from data_pipeline/schemas.py."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from data_pipeline.schemas import data_dictionary_markdown

BEGIN = "<!-- data-dictionary:begin -->"
END = "<!-- data-dictionary:end -->"
README = Path(__file__).resolve().parents[1] / "README.md"
DICTIONARY = Path(__file__).resolve().parents[1] / "docs" / "data-dictionary.md"


def render(readme: str) -> str:
    head, rest = readme.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{BEGIN}\n{data_dictionary_markdown()}{END}{tail}"


if __name__ == "__main__":
    DICTIONARY.write_text(render(DICTIONARY.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"updated {DICTIONARY}")
