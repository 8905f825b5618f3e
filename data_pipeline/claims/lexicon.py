"""The words the claim rules read, declared once, and the patterns built from them.

Every list lives in ``data_pipeline/resources/``:

- ``reporting_verbs.tsv``: each written form of a reporting verb, with its stance and what it takes
  after it (``takes``: a preposition, a fact noun, a plain object ...; ``continues`` ...);
- ``attributions.tsv``: attribution phrases (وفقا لـ، بحسب، كما + a reporting verb);
- ``hedges.tsv``: hedge words, the modal قد, and rumour nouns (kind ``report_noun``);
- ``denials.tsv``: denial words, denying the sentence or only the content;
- ``speaker_grammar.tsv`` and ``claims_complements.tsv``: function words by role (``Grammar``, one
  field a role), which delimit the speaker phrase and open the content;
- ``number_words.tsv``: cardinal number words (a count is no source).

Words are matched on the normalised text (``normalize_key``: إ/أ -> ا، ى -> ي، ة -> ه).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from functools import lru_cache

from ..lang.ar.clitics import HA, NOON, PRONOUN_SUFFIXES, THIRD_PERSON_SUFFIXES
from ..lang.ar.letters import BA, FA, LAM, WAW
from ..lang.ar.lexicon import Lexicon
from ..lang.ar.normalize import normalize, normalize_key
from ..lang.ar.patterns import alternation

WORD = r"[^\W_]"  # a letter or digit: (?<!WORD) and (?!WORD) bound a whole word
AN = "ان"  # إن/أن, folded
WAW_FA = WAW + FA  # the conjunctions a cue may carry
PRONOUN = f"(?:{alternation(PRONOUN_SUFFIXES)})"  # ـه ـها ـهم ـهما ـهن ـنا ـني ـي
# An object pronoun at the end of a word (وصفته، استعداده); not ـهن, which ends nouns too (ذهن).
OBJECT_SUFFIX_RE = re.compile(f"(?:{'|'.join(s for s in THIRD_PERSON_SUFFIXES if s != HA + NOON)})$")
COMPLEMENTIZER_RE = re.compile(f"(?<!{WORD}){FA}?{AN}{PRONOUN}?(?!{WORD})")  # (ف)إن(ه)
_FAHASB = "حسب"  # فحسب "only" is no attribution phrase
_IMPERFECT_PREFIX = "[يتن]"  # after قد: a present tense (قد يكون) hedges ...
_TAMMA = "تم"  # ... but قد تم "has been" does not

REPORTING_VERBS = Lexicon("reporting_verbs.tsv", key="form", required=("lemma", "gloss", "stance"))
ATTRIBUTIONS = Lexicon("attributions.tsv", key="phrase")
HEDGE_WORDS = Lexicon("hedges.tsv", key="term", required=("kind", "gloss"), where=("kind", "word"))
REPORT_NOUNS = Lexicon("hedges.tsv", key="term", required=("kind", "gloss"), where=("kind", "report_noun"))
MODALS = Lexicon("hedges.tsv", key="term", required=("kind", "gloss"), where=("kind", "modal"))
DENIALS = Lexicon("denials.tsv", key="term", required=("scope", "gloss"))
CONTENT_DENIALS = Lexicon("denials.tsv", key="term", required=("scope", "gloss"), where=("scope", "content"))
NUMBER_WORDS = Lexicon("number_words.tsv")
_COMPLEMENT_ROLES = frozenset(
    {"topic_prep", "fact_prep", "masdar_prep", "report_intro_verb", "report_intro_word", "report_agent",
     "back_reference"}
)


@dataclass(frozen=True)
class Grammar:
    """Function words by role: ``speaker_grammar.tsv`` (the speaker phrase) and ``claims_complements.tsv``
    (what opens the content). Each file's header says what a role does."""

    negator: frozenset[str]
    lead: frozenset[str]
    subordinator: frozenset[str]
    pronoun_lead: frozenset[str]
    addressee: frozenset[str]
    stop: frozenset[str]
    time: frozenset[str]
    aside: frozenset[str]
    quote_noun: frozenset[str]
    object_head: frozenset[str]
    fact_head: frozenset[str]
    definite_fact_head: frozenset[str]
    measure_head: frozenset[str]
    clause_link: frozenset[str]
    non_source: frozenset[str]
    complement_prep: frozenset[str]
    partitive: frozenset[str]
    document_noun: frozenset[str]
    percent_noun: frozenset[str]
    mention_prep: frozenset[str]
    title_link: frozenset[str]
    not_speaker: frozenset[str]
    adverb: frozenset[str]
    title_adjective: frozenset[str]
    honorific: frozenset[str]
    prayer_object: frozenset[str]
    topic_prep: frozenset[str]
    fact_prep: frozenset[str]
    masdar_prep: frozenset[str]
    report_intro_verb: frozenset[str]
    report_intro_word: frozenset[str]
    report_agent: frozenset[str]
    relative: frozenset[str]
    masculine_relative: frozenset[str]
    resumptive: frozenset[str]
    respect_pronoun: frozenset[str]
    topic_lead: frozenset[str]
    back_reference: frozenset[str]


def role(name: str) -> Lexicon:
    """The declaration of one role's words."""
    file = "claims_complements.tsv" if name in _COMPLEMENT_ROLES else "speaker_grammar.tsv"
    return Lexicon(file, required=("role", "gloss"), where=("role", name))


@dataclass(frozen=True)
class ClaimLexicon:
    """The compiled patterns of the claim rules (all over the normalised text)."""

    verbs: dict[str, dict[str, str]]  # normalised form -> its reporting_verbs.tsv row (the first one)
    verb_re: re.Pattern  # group 1: a و/ف proclitic, group 2: the verb
    attr_re: re.Pattern  # group 1: a و/ف proclitic
    after_attr_verb_re: re.Pattern  # (ما) + a reporting verb (+ه) right after an attribution phrase
    trailing_attr: frozenset[str]  # phrases that attribute only after the content, before a verb (كما)
    relay_re: re.Pattern  # an attribution phrase naming the source an outlet relays (نقلا عن)
    report_re: re.Pattern  # a rumour noun and what introduces its content; group 1: و/ف
    hedge_re: re.Pattern
    content_denial_re: re.Pattern
    sentence_denial_re: re.Pattern
    intro_re: re.Pattern  # (prep) (ب)أن(ه) or a colon; group 1: ب, group 2: أن(ه)
    topic_prep_re: re.Pattern  # a preposition that may open a verb's topic (عن، من، في)
    report_agent_re: re.Pattern  # who denies a rumour (من قبل، من جانب ...), and the blank after it
    grammar: Grammar
    number_words: frozenset[str]


@lru_cache(maxsize=1)
def claim_lexicon() -> ClaimLexicon:
    grammar = Grammar(**{f.name: role(f.name).words() for f in fields(Grammar)})
    verbs: dict[str, dict[str, str]] = {}
    for row in REPORTING_VERBS.rows():
        verbs.setdefault(normalize_key(row["form"]), row)
    verb_alt = alternation(verbs)
    attr_re, trailing = _attribution_pattern()
    return ClaimLexicon(
        verbs=verbs,
        verb_re=re.compile(f"(?<!{WORD})([{WAW_FA}]?)({verb_alt})(?!{WORD})"),
        attr_re=attr_re,
        after_attr_verb_re=re.compile(f"\\s*(?:ما\\s+)?[{WAW_FA}]?(?:{verb_alt}){PRONOUN}?(?!{WORD})"),
        trailing_attr=trailing,
        relay_re=_relay_pattern(),
        report_re=_report_pattern(grammar),
        hedge_re=_hedge_pattern(),
        content_denial_re=_word_pattern(CONTENT_DENIALS.words()),
        sentence_denial_re=_word_pattern(DENIALS.words()),
        intro_re=_intro_pattern(grammar),
        topic_prep_re=re.compile(f"(?<!{WORD})(?:{alternation(grammar.topic_prep)})(?!{WORD})"),
        report_agent_re=re.compile(f"(?:{alternation(grammar.report_agent)})\\s+"),
        grammar=grammar,
        number_words=NUMBER_WORDS.words(),
    )


def _word_pattern(words) -> re.Pattern:
    """Any of ``words`` as a whole word, a و/ف proclitic allowed."""
    return re.compile(f"(?<!{WORD})[{WAW_FA}]?(?:{alternation(words)})(?!{WORD})")


def _attribution_pattern() -> tuple[re.Pattern, frozenset[str]]:
    """Attribution phrases, longest first; a phrase ending in لـ takes its noun attached (لمصادر)."""
    parts = []
    trailing = set()
    for row in ATTRIBUTIONS.rows():
        phrase = normalize(row["phrase"]).text.strip()
        if row.get("trailing") == "verb":
            trailing.add(normalize_key(phrase))
        words = phrase.split()
        if words and words[-1] == LAM:
            parts.append(re.escape(" ".join(words[:-1])).replace(r"\ ", r"\s+") + r"\s*" + LAM)
        else:
            parts.append(re.escape(" ".join(words)).replace(r"\ ", r"\s+") + f"(?!{WORD})")
    parts.sort(key=len, reverse=True)
    # و or ف may precede an attribution phrase (فبحسب، فوفقا), but فحسب alone means "only".
    pattern = re.compile(f"(?<!{WORD})(و?|{FA}(?!{_FAHASB}(?!{WORD})))(?:{'|'.join(parts)})")
    return pattern, frozenset(trailing)


def _relay_pattern() -> re.Pattern:
    """The relay phrases of attributions.tsv (relay=1) as whole words."""
    phrases = [normalize(r["phrase"]).text.strip() for r in ATTRIBUTIONS.rows() if r.get("relay") == "1"]
    parts = sorted((re.escape(p).replace(r"\ ", r"\s+") for p in phrases), key=len, reverse=True)
    return re.compile(f"(?<!{WORD})(?:{'|'.join(parts) or '(?!)'})(?!{WORD})")


def _hedge_pattern() -> re.Pattern:
    words = HEDGE_WORDS.words() | REPORT_NOUNS.words()
    parts = [f"(?<!{WORD})[{WAW_FA}]?(?:{alternation(words)})(?!{WORD})"]
    modal = MODALS.words()
    if modal:
        # قد + imperfect (ي ت ن prefix), not قد تم "has been".
        parts.append(f"(?<!{WORD})(?:{alternation(modal)})\\s+(?!{_TAMMA}(?!{WORD})){_IMPERFECT_PREFIX}{WORD}{{2,}}")
    return re.compile("|".join(parts))


def _report_pattern(grammar: Grammar) -> re.Pattern:
    """A rumour noun followed by what opens its content (تفيد بـ، عن، بأن ...)."""
    intro_verb = alternation(grammar.report_intro_verb)
    intro_word = f"(?:{BA}?{AN}{PRONOUN}?|{alternation(grammar.report_intro_word)})(?!{WORD})"  # (ب)أن(ه) عن حول إلى
    return re.compile(
        f"(?<!{WORD})([{WAW_FA}]?)(?:{alternation(REPORT_NOUNS.words())})(?!{WORD})"
        # after an introducing verb ب may be attached (تفيد بالتوصل); right after the noun it may not (المزاعم باطلة)
        f"(?:\\s+(?:{intro_verb})\\s+(?:{intro_word}|{BA}(?={WORD}{{3}}))|\\s+{intro_word})"
    )


def _intro_pattern(grammar: Grammar) -> re.Pattern:
    """(prep) (ب)أن(ه) as a whole token, or a colon; not inside a dotted acronym (سي.إن.إن)."""
    preps = alternation(grammar.complement_prep)
    return re.compile(
        f"(?<!{WORD})(?<!{WORD}\\.)(?:(?:{preps})\\s+)?({BA}?)({AN}{PRONOUN}?)(?!{WORD})(?!\\.{WORD})|:"
    )
