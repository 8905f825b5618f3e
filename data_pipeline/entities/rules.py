"""Every rule id an entity mention may carry (``Mention.rule``), with what it matched, as the
dashboard tells an analyst why a mention was extracted."""

from __future__ import annotations

from ..resources import rule_descriptions

# rule id -> what it matched, in English (resources/rules.tsv: "why extracted" in both languages)
RULES: dict[str, str] = rule_descriptions("entities")
