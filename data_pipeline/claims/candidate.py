"""What a claim rule proposes (``Frame``), and the id of every rule with what it matches (``RULES``).

Offsets in a ``Frame`` index the normalised text (``NormText.text``), ``end`` exclusive; the
claims are reported in ``Document.text`` offsets only when they are emitted (``emit.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..resources import rule_descriptions

# rule id -> what it matched, in English (resources/rules.tsv: "why extracted" in both languages)
RULES: dict[str, str] = rule_descriptions("claims")


@dataclass
class Frame:
    """A candidate claim: its rule, cue, speaker and content, before overlaps are resolved."""

    kind: str  # verb, attr, report, quote: the family of the rule
    rule: str  # a key of RULES
    cue: tuple[int, int]
    head: int  # where the frame starts (cue or preposed speaker)
    speaker: tuple[int, int] | None = None
    speaker_prefix: str = ""  # "ال" restored after a dropped لـ
    content_start: int = -1
    quote_end: int = -1  # index of the closing quote when content is a quote
    before: tuple[int, int] | None = None  # content written before an attribution phrase
    stance: str = "assert"
    hedged: bool = False
    inherit: bool = False
    content_end: int = -1
    impersonal: bool = False  # ويذكر أن / يتوقع أن with no subject: "it is noted / expected", no claim
    gender: str = ""  # of the verb: "f" (قالت، تقول), "m" (قال، يقول) or "" (plural, attribution)
    embedded: bool = False  # no subject of its own (أدلة تشير إلى، إنه يؤكد): inside an earlier claim it is content
    named_source: bool = False  # the source must be a named entity (بحسب الأمم المتحدة inside a clause)
    match_start: int = -1  # a rumour noun's match, its و/ف proclitic included
    frame: str = "say"  # reporting_verbs.tsv column frame (say, deny, accuse, demand, condemn ...)
    target: tuple[int, int] | None = None  # whom or what the claim is about (اتهم الوزير المعارضة: المعارضة)
    via: tuple[int, int] | None = None  # the outlet relaying the speaker (نقلت الوكالة عن مسؤول: الوكالة)

    def copy(self) -> Frame:
        """A shallow copy (its spans are tuples, so nothing is shared that can change)."""
        twin = object.__new__(Frame)
        twin.__dict__.update(self.__dict__)
        return twin
