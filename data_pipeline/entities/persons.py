"""Stage 2 rules that start at a title (``person_titles.tsv``): a person's name after it, or the
names a title is part of (a facility named after a king, a military unit with its ordinal).

Each rule looks at one token and returns candidates (:class:`resolve.Candidate`) or nothing; the
title is the trigger. A title right after an organisation head (مؤسسة الملك فيصل) starts none.
"""

from __future__ import annotations

from ..lang.ar.letters import ARTICLE, DEFINITE_PREFIXES
from ..lang.ar.punctuation import QUOTES
from . import guards, lexicon
from .gazetteer import Gazetteer, load_gazetteer, variants
from .guards import NOT_A_FIRST_NAME, fails, is_name_token
from .lexicon import FACILITY_WORDS, GIVEN_NAMES, NAME_CONNECTORS, ORDINALS
from .morphology import ALEF, NISBA_ENDINGS, PROCLITIC_LETTERS, TEH_MARBUTA_FOLDED
from .resolve import Candidate
from .view import OPEN_QUOTES, DocView, Layer

RULE_FACILITY = "entities.facility_named_after_person"
RULE_UNIT = "entities.unit_with_ordinal"
RULE_QUOTED_NAME = "entities.quoted_name_after_title"
RULE_NAME = "entities.name_after_title"


def not_names() -> frozenset[str]:
    """Words that start a title or an organisation head: never a word of a name."""
    return lexicon.titles().first | lexicon.org_heads().first


def title_at(view: DocView, i: int) -> tuple[int, int] | None:
    """(length, cut) of the longest title starting at token i, unless it follows an organisation
    head it belongs to (مؤسسة الملك فيصل)."""
    info = view.info[i]
    if not info.title:
        return None
    t = longest(view, lexicon.titles().phrases, info.title, lexicon.titles().max_len, i)
    if t and i > 0 and view.info[i - 1].head and view.joined[i - 1]:
        return None
    return t


def longest(view: DocView, table, stems, max_len: int, i: int) -> tuple[int, int] | None:
    """(length, cut) of the longest ``table`` phrase starting at token i, proclitics allowed."""
    words, limit = view.words, min(view.run[i], max_len)
    for stem, cut in stems:
        for length in range(limit, 0, -1):
            if (stem, *words[i + 1 : i + length]) in table:
                return length, cut
    return None


def name_run(view: DocView, layer: Layer, j: int, stop_words: frozenset[str], limit: int = 3) -> int:
    """End of the free, undefined name tokens from j on (at most ``limit`` besides بن/عبد/آل)."""
    words, n, connectors = view.words, len(view.words), NAME_CONNECTORS.words()
    k, core = j, 0
    while k < n and core < limit and layer.owner[k] is None and (k == j or view.joined[k - 1]):
        w = words[k]
        if not is_name_token(w) or w in stop_words or (k > j and w in lexicon.time_words()):
            break
        if w.startswith(ARTICLE) and w not in connectors and (k == j or words[k - 1] not in connectors):
            break  # الاقتصادية: an adjective after the name (عبد العزيز keeps its ال)
        if w not in connectors:
            core += 1
        k += 1
    while k > j and words[k - 1] in connectors:
        k -= 1
    return k


def facility_named_after_person(view: DocView, layer: Layer, gz: Gazetteer, i: int) -> list[Candidate]:
    """مطار الملك عبد العزيز: a facility word, a title and a name are one FAC mention. With no name
    after the title (مطار الملك) the title announces nobody: a veto of the person and unit rules."""
    t = title_at(view, i)
    if not t or i == 0 or not view.joined[i - 1] or not view.words[i].startswith(ARTICLE):
        return []
    fac = next((cut for stem, cut in variants(view.words[i - 1]) if stem in FACILITY_WORDS.words()), None)
    if fac is None:
        return []
    end = name_run(view, layer, i + t[0], not_names())
    if end > i + t[0]:
        return [Candidate(RULE_FACILITY, i, i - 1, end, view.unknown(i - 1, end, "FAC", RULE_FACILITY, fac))]
    return [Candidate(RULE_FACILITY, i, i - 1, i,
                      silences=frozenset({RULE_UNIT, RULE_NAME, RULE_QUOTED_NAME}))]


def unit_with_ordinal(view: DocView, layer: Layer, gz: Gazetteer, i: int) -> list[Candidate]:
    """اللواء الأول حرس حدود: a rank title that is also a unit (لواء = brigade) with an ordinal names
    the unit (ORG), not a person."""
    words, n = view.words, len(view.words)
    t = title_at(view, i)
    if not t or t[0] != 1 or i + 1 >= n or not view.joined[i] or layer.owner[i + 1] is not None:
        return []
    stem = words[i][t[1] :]
    if words[i + 1] not in ORDINALS.words() or not stem.startswith(ARTICLE) or (
            (stem[2:],) not in lexicon.org_heads().phrases):
        return []
    end, stop_words = i + 2, not_names()
    while end < n and end - i < 4 and view.joined[end - 1] and layer.owner[end] is None and (
            _unit_word(words[end], stop_words)):
        end += 1
    return [Candidate(RULE_UNIT, i, i, end, view.unknown(i, end, "ORG", RULE_UNIT, t[1]))]


def _unit_word(w: str, stop_words: frozenset[str]) -> bool:
    return not w.startswith(DEFINITE_PREFIXES) and is_name_token(w) and w not in stop_words


def person_after_title(view: DocView, layer: Layer, gz: Gazetteer, i: int) -> list[Candidate]:
    """الرئيس الروسي فلاديمير بوتين، المتحدث باسم البيت الأبيض «شون سبايسر»: a title, optionally
    nisba adjectives, genitives or a known organisation or place, then a quoted name of 1-3 words or
    2-3 name words -> PERSON."""
    t = title_at(view, i)
    if not t:
        return []
    # after an indefinite title (وزير، رئيس) a genitive follows: وزير الإسكان المصري
    construct = not view.words[i + t[0] - 1].startswith(DEFINITE_PREFIXES)
    j, skipped = _skip_title_complements(view, layer, i + t[0], 2 if construct else 0)
    n = len(view.words)
    if j >= n or layer.owner[j] is not None or not view.joined[j - 1]:
        return []
    gap = view.gap(j).rstrip()
    if gap and gap[-1] in OPEN_QUOTES:
        k, rule = _quoted_name(view, layer, j), RULE_QUOTED_NAME
    else:
        k, rule = _unquoted_name(view, layer, j, construct and skipped == 0), RULE_NAME
    if k is None:
        return []
    return [Candidate(rule, i, j, k, view.unknown(j, k, "PERSON", rule))]


def _skip_title_complements(view: DocView, layer: Layer, j: int, genitives: int) -> tuple[int, int]:
    """Past the nisba adjectives and known organisations/places after a title (الرئيس الروسي،
    المتحدث باسم البيت الأبيض), and up to ``genitives`` definite nouns (وزير الإسكان المصري): (the
    first token of the name, how many tokens were skipped)."""
    words, n, stop = view.words, len(view.words), view.stop
    skipped = 0
    while j < n and skipped < 5:
        owner = layer.owner[j]
        if owner is not None and owner.etype in ("ORG", "GPE", "LOC") and owner.start_tok == j:
            skipped += owner.end_tok - j
            j = owner.end_tok
            continue
        w = words[j]
        kind = stop.get(w)
        nisba = kind == "modifier" or (kind is None and w.endswith(NISBA_ENDINGS))
        if owner is None and w.startswith(ARTICLE) and nisba:
            j, skipped = j + 1, skipped + 1
            continue
        if owner is None and genitives and w.startswith(ARTICLE) and w not in stop and w not in not_names():
            genitives -= 1
            j, skipped = j + 1, skipped + 1
            continue
        break
    return j, skipped


def _name_token(view: DocView, layer: Layer, k: int) -> bool:
    w = view.words[k]
    if layer.owner[k] is not None or not is_name_token(w) or w in not_names():
        return False
    return not (w[0] in PROCLITIC_LETTERS and w[1:] in not_names())  # لصحيفة، لمجموعة


def _quoted_name(view: DocView, layer: Layer, j: int) -> int | None:
    """End of a quoted name of 1-3 tokens from j up to the closing quote."""
    words, n = view.words, len(view.words)
    k = j
    while k < n and k - j < 4 and _name_token(view, layer, k):  # 4: to see a fourth and refuse
        k += 1
        if k < n and (not view.joined[k - 1] or view.quote_before(k)):
            break
    closing = view.after(k)
    if k == j or not closing or closing[0] not in QUOTES or k - j > 3:
        return None
    if words[j].startswith(DEFINITE_PREFIXES) or any(
        w.startswith(ARTICLE) and w.endswith(TEH_MARBUTA_FOLDED) for w in words[j:k]
    ):
        return None  # "زيادة الرواتب": a quoted phrase, not a name
    if k - j == 1 and words[j] in load_gazetteer().short:
        return None  # «كيم»: a short form, left to coreference
    return k


def _unquoted_name(view: DocView, layer: Layer, j: int, bare_construct: bool) -> int | None:
    """End of two or three name words from j (besides بن/عبد/آل), or None. ``bare_construct``: an
    indefinite title with nothing after it (وزير اتحادي بارز needs its genitive first)."""
    words, n, connectors = view.words, len(view.words), NAME_CONNECTORS.words()
    if bare_construct or fails(NOT_A_FIRST_NAME, words[j]):
        return None
    k, core = j, 0
    while k < n and core < 3 and _name_token(view, layer, k):
        w = words[k]
        if k > j and (not view.joined[k - 1] or view.quote_before(k) or guards.ends_name_run(w, core)):
            break
        if w not in connectors:
            core += 1
        k += 1
    while k > j and words[k - 1] in connectors:
        k -= 1  # a name never ends with بن / أبو / عبد
    if core < 2 or k - j < 2:
        return None
    if all(w.endswith(ALEF) and w not in GIVEN_NAMES.words() for w in words[j:k]):
        return None  # قرارا مماثلا: an indefinite accusative noun and its adjective
    return k
