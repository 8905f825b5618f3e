"""Stage 2 rules that name organisations no gazetteer has, from their heads (``org_patterns.tsv``,
``entity_quoted_org_heads.tsv``, ``entity_org_purpose_heads.tsv``, ``entity_ministry_short.tsv``).

Each rule looks at one token and returns candidates (:class:`resolve.Candidate`) or nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..lang.ar.clitics import YA
from ..lang.ar.letters import ARTICLE, LAM, WAW
from ..lang.ar.normalize import normalize_key
from ..lang.ar.punctuation import QUOTES
from . import lexicon, naming
from .gazetteer import Entity, Gazetteer, is_place_adjective, is_two_word_place_adjective, variants
from .lexicon import (
    DESCRIPTIVE_HEADS,
    FORCE_HEADS,
    GENERIC_BODY_WORDS,
    OBJECT_PREPOSITIONS,
    ORG_ADJECTIVES,
    PLACE_NAMED_ORG_HEADS,
)
from .morphology import (
    ARABIC_WORD,
    CONJUNCT_ARTICLE,
    DOUBLE_LAM,
    HAS_DIGIT,
    NISBA_ENDINGS,
    NISBA_FEMININE,
    OBJECT_SUFFIXES,
    ORG_CHAIN_PREFIXES,
    PROCLITIC_LETTERS,
    SINGULAR_NISBA,
)
from .persons import longest, name_run
from .resolve import Candidate
from .view import OPEN_QUOTES, DocView, Layer, Match

RULE_WITH_PURPOSE = "entities.org_with_purpose"
RULE_MINISTRY = "entities.ministry_short_name"
RULE_QUOTED = "entities.quoted_org"
RULE_AFTER_HEAD = "entities.org_after_head"
RULE_WITH_PLACE = "entities.org_named_with_place"
RULE_DESCRIPTION = "entities.description_of_known_org"
_NOT_IN_CHAIN = ("function", "time", "verb", "word")  # stopword kinds that end an organisation's name


def org_with_purpose(view: DocView, layer: Layer, gz: Gazetteer, i: int) -> list[Candidate]:
    """المركز الأمريكي لرصد الزلازل، الوكالة الإندونيسية لإدارة الكوارث: a definite head, its nisba
    adjectives and a purpose phrase name an organisation (without the purpose phrase, الوكالة
    الأمريكية is only a description)."""
    words, n = view.words, len(view.words)
    if i + 2 >= n or ARTICLE not in words[i][:4]:
        return []  # (the head is ال + a noun, perhaps after a proclitic: a cheap test first)
    cut = next((c for stem, c in variants(words[i]) if stem in lexicon.definite_org_heads()), None)
    if cut is None:
        return []
    k = i + 1
    while k < n and k - i <= 2 and layer.owner[k] is None and view.joined[k - 1]:
        w = words[k]
        nisba = w.startswith(ARTICLE) and w.endswith(SINGULAR_NISBA) and view.stop.get(w) in (None, "modifier")
        if not (nisba or w in ORG_ADJECTIVES.words()):
            break
        k += 1
    if k == i + 1:
        return []
    end = org_complement(view, layer, k)
    if end == k:
        return []
    return [Candidate(RULE_WITH_PURPOSE, i, i, end, view.unknown(i, end, "ORG", RULE_WITH_PURPOSE, cut))]


def ministry_short_name(view: DocView, layer: Layer, gz: Gazetteer, i: int) -> list[Candidate]:
    """وقالت الخارجية الروسية، الرئاسة الكورية الجنوبية: a short ministry name (entity_ministry_short.tsv)
    and a country's nisba adjective (perhaps with a compass adjective) name the ministry. Not after a
    definite noun (السياسة الخارجية الأمريكية is a policy)."""
    words, n = view.words, len(view.words)
    cut = view.info[i].ministry
    if cut is None or i + 1 >= n or not view.joined[i] or layer.owner[i + 1] is not None:
        return []
    if i > 0 and view.joined[i - 1] and words[i - 1].startswith(ARTICLE):
        return []
    nxt = words[i + 1]
    compass = (i + 2 < n and view.joined[i + 1] and layer.owner[i + 2] is None
               and words[i + 2] in ORG_ADJECTIVES.words())
    if not (nxt.startswith(ARTICLE) and nxt.endswith(NISBA_FEMININE)):
        return []
    adjective = nxt[2:-1]
    if not (is_place_adjective(adjective, gz)
            or (compass and is_two_word_place_adjective(adjective, words[i + 2], gz))):
        return []
    end = i + 3 if compass else i + 2
    return [Candidate(RULE_MINISTRY, i, i, end, view.unknown(i, end, "ORG", RULE_MINISTRY, cut))]


def quoted_org(view: DocView, layer: Layer, gz: Gazetteer, i: int) -> list[Candidate]:
    """صحيفة «الشرق الأوسط»: an organisation head, then a quoted name of 1-4 tokens -> ORG (the
    quoted name only). A known place of exactly those words is replaced (the newspaper, not the
    region); any other known name there wins (وكالة «رويترز»)."""
    if i + 1 >= len(view.words) or i + 1 not in view.quoted or not view.joined[i]:
        return []
    gap = view.gap(i + 1).rstrip()
    if not gap or gap[-1] not in OPEN_QUOTES or not _quoted_org_head(view, i):
        return []
    j, k = i + 1, _closing_quote(view, i + 1)
    if k is None:
        return []
    replaces: tuple[Match, ...] = ()
    first = layer.owner[j]
    if first is not None:
        if len({id(layer.owner[t]) for t in range(j, k)}) != 1 or (first.start_tok, first.end_tok) != (j, k) or (
                first.etype not in ("GPE", "LOC")):
            return []
        replaces = (first,)
    elif not layer.free(j, k):
        return []
    return [Candidate(RULE_QUOTED, i, j, k, view.unknown(j, k, "ORG", RULE_QUOTED),
                      replaces=replaces)]


def _closing_quote(view: DocView, j: int) -> int | None:
    """End of the quoted name that opens at token j (1-4 tokens up to a closing mark), or None when
    the quote holds no name (a phrase or a sentence)."""
    words, n = view.words, len(view.words)
    k = j
    while k < n and k - j < 5:
        k += 1
        if k >= n or not view.joined[k - 1] or view.quote_before(k):
            break
    closing = view.after(k)
    if not closing or closing[0] not in QUOTES or k - j > 4:
        return None
    if any(view.stop.get(w) in ("function", "verb") for w in words[j:k]) or any(
            not ARABIC_WORD.fullmatch(w) and not w.isalpha() for w in words[j:k]):
        return None  # a quoted phrase or sentence, not a name
    return k


def _quoted_org_head(view: DocView, i: int) -> bool:
    """Token i (or tokens i-1 and i) is a head that announces a quoted organisation name."""
    heads, words = lexicon.quoted_org_heads(), view.words
    if any(stem in heads for stem, _ in variants(words[i])):
        return True
    return i > 0 and view.joined[i - 1] and any(f"{stem} {words[i]}" in heads for stem, _ in variants(words[i - 1]))


def org_after_head(view: DocView, layer: Layer, gz: Gazetteer, i: int) -> list[Candidate]:
    """وزارة الدفاع الروسية، هيئة أبوظبي للسياحة، جامعة الملك سعود: an organisation head and its
    definite words (1-3, up to 5 after a nisba or with وال), a place inside the name, a person's
    name after a title, a purpose phrase after a nisba -> ORG. Followed right away by a known
    organisation (وكالة الأنباء الروسية "تاس"), the words describe it: they take its identity."""
    info = view.info[i]
    h = longest(view, lexicon.org_heads().phrases, info.head, lexicon.org_heads().max_len, i) if info.head else None
    if not h:
        return []
    hlen, cut = h
    if not layer.free(i, i + hlen):
        return []
    with_place = _org_with_place(view, layer, i, hlen, cut)
    if with_place is not None:
        return [with_place]
    k = _chain_end(view, layer, i, hlen, cut)
    if k is None:
        return []
    words, n = view.words, len(view.words)
    if words[k - 1].startswith(ARTICLE) and words[k - 1].endswith(SINGULAR_NISBA):
        k = org_complement(view, layer, k)  # after a nisba only: هيئة الأركان | للصحافة stays out
    owner = layer.owner[k] if k < n and view.joined[k - 1] else None
    if owner is not None and owner.etype == "ORG" and owner.start_tok == k and describes(view, i, hlen, cut, owner, gz):
        ent = gz.entities[owner.entity_id]
        nstart = view.tok_spans[i][0] + cut
        match = Match(i, k, nstart, view.tok_spans[k - 1][1], ent.id, ent.type, "coreference", ent.name_ar,
                      ent.name_en, RULE_DESCRIPTION)
        return [Candidate(RULE_DESCRIPTION, i, i, k, match)]
    return [Candidate(RULE_AFTER_HEAD, i, i, k, view.unknown(i, k, "ORG", RULE_AFTER_HEAD, cut))]


def _proclitic_on_name(view: DocView, head: str, owner: Match, ent: Entity) -> bool:
    return owner.nstart != view.tok_spans[owner.start_tok][0]


def _other_kind_of_body(view: DocView, head: str, owner: Match, ent: Entity) -> bool:
    bare = head[2:] if head.startswith(ARTICLE) else head
    if bare in DESCRIPTIVE_HEADS.words():
        return False  # شركة الاستشارات السياسية كامبريدج أناليتيكا: a descriptive head fits any organisation
    words = {w[2:] if w.startswith(ARTICLE) else w for a in ent.aliases for w in normalize_key(a).split()}
    english = naming.head_english(head)
    return bare not in words and not (english and english.lower() in ent.name_en.lower())


def _same_head_twice(view: DocView, head: str, owner: Match, ent: Entity) -> bool:
    return view.words[owner.start_tok] == head.split()[0]


# Why the words before a known organisation's name are not a description of it (the words stay
# an organisation of their own).
NOT_A_DESCRIPTION: tuple[tuple[str, Callable[[DocView, str, Match, Entity], bool]], ...] = (
    (("the name carries a proclitic: a genitive or an object (اللجنة التنفيذية لمنظمة التحرير، وزارة "
      "الخارجية لبي بي سي)"), _proclitic_on_name),
    (("the head names another kind of body than the organisation's own names do (وزارة الدفاع before "
      "البيت الأبيض; وكالة before تاس, whose alias is وكالة تاس, fits, and so does a descriptive head such as شركة)"),
     _other_kind_of_body),
    ("the name opens with the same head: two bodies (دعا مجلس الجامعة مجلس الأمن)", _same_head_twice),
)


def describes(view: DocView, i: int, hlen: int, cut: int, owner: Match, gz: Gazetteer) -> bool:
    """The organisation head at token i (``hlen`` words) and its words describe the known organisation
    named right after them (وكالة الأنباء الروسية "تاس"), by :data:`NOT_A_DESCRIPTION`."""
    head = " ".join([view.words[i][cut:], *view.words[i + 1 : i + hlen]])
    ent = gz.entities[owner.entity_id]
    return not any(check(view, head, owner, ent) for _, check in NOT_A_DESCRIPTION)


def _org_with_place(view: DocView, layer: Layer, i: int, hlen: int, cut: int) -> Candidate | None:
    """هيئة أبوظبي للسياحة، جامعة القاهرة، شركة نفط الكويت: a known place (perhaps after one indefinite
    noun) inside an organisation's name; the organisation replaces the place's mention."""
    words, n = view.words, len(view.words)
    k = i + hlen
    place = layer.owner[k] if k < n and view.joined[k - 1] else None
    noun = 0
    if place is None and k + 1 < n and view.joined[k] and layer.owner[k + 1] is not None and _place_noun(view, k):
        place, noun = layer.owner[k + 1], 1
    if place is None or place.etype != "GPE":
        return None
    if (place.start_tok, place.nstart) != (k + noun, view.tok_spans[k + noun][0]):
        return None
    if noun and place.end_tok - place.start_tok > 2:
        return None
    end = org_complement(view, layer, place.end_tok)
    if not (end > place.end_tok or noun or words[i][cut:] in PLACE_NAMED_ORG_HEADS.words()):
        return None
    return Candidate(RULE_WITH_PLACE, i, i, end, view.unknown(i, end, "ORG", RULE_WITH_PLACE, cut),
                     replaces=(place,))


def _place_noun(view: DocView, k: int) -> bool:
    """Token k is an indefinite noun that may stand between a head and a place (نفط in شركة نفط
    الكويت): not مقرها لندن، تقوده السعودية، يرأسها."""
    w = view.words[k]
    return bool(ARABIC_WORD.fullmatch(w)) and not w.startswith(ARTICLE) and w not in view.stop and (
        not w.endswith(SINGULAR_NISBA) and w[0] not in PROCLITIC_LETTERS + YA
        and not view.written(k).endswith(OBJECT_SUFFIXES))


class _Chain:
    """The definite words after an organisation head, read one by one."""

    def __init__(self, view: DocView, i: int, hlen: int, cut: int):
        self.view, self.i, self.hlen = view, i, hlen
        # a definite head (المحكمة، البنك) takes adjectives only: اللجنة التهديدات is a verb's subject and object
        self.definite_head = view.words[i][cut:].startswith((ARTICLE, DOUBLE_LAM))
        self.after_nisba = False

    def may_extend(self, k: int) -> bool:
        """The chain may reach token k (1-3 words, up to 5 after a nisba or with وال)."""
        i, w = self.i, self.view.words[k]
        return k - i < 4 or (k - i < 6 and (self.after_nisba or w.startswith(CONJUNCT_ARTICLE)))

    def takes(self, k: int) -> bool:
        """Token k continues the name (and the chain notes whether it was a nisba)."""
        w = self.view.words[k]
        word = _ChainWord(k, w, w in ORG_ADJECTIVES.words() and (k > self.i + self.hlen or self.definite_head),
                          w.startswith(ARTICLE) and w.endswith(NISBA_ENDINGS))
        if any(check(self, word) for _, check in CHAIN_ENDS):
            return False
        self.after_nisba = self.after_nisba or word.nisba
        return True


@dataclass(frozen=True)
class _ChainWord:
    k: int
    text: str
    adjective: bool  # an adjective that continues an organisation's name (العام، العليا)
    nisba: bool  # ال + a nisba ending


def _indefinite_first(chain: _Chain, word: _ChainWord) -> bool:
    return word.k == chain.i + chain.hlen and not (word.text.startswith(ARTICLE) and chain.view.definite(word.k))


def _time_after_adjective(chain: _Chain, word: _ChainWord) -> bool:
    view, k = chain.view, word.k
    return word.adjective and k + 1 < len(view.words) and view.joined[k] and view.stop.get(view.words[k + 1]) == "time"


def _not_a_name_word(chain: _Chain, word: _ChainWord) -> bool:
    w = word.text
    return not w.startswith(ORG_CHAIN_PREFIXES) or bool(HAS_DIGIT.search(w)) or (
        not word.adjective and chain.view.stop.get(w) in _NOT_IN_CHAIN)


def _time_phrase(chain: _Chain, word: _ChainWord) -> bool:
    w, stop = word.text, chain.view.stop
    return w.startswith(DOUBLE_LAM) and (
        stop.get(ARTICLE + w[2:]) in ("function", "time") or ARTICLE + w[2:] in lexicon.time_words())


def _quoted(chain: _Chain, word: _ChainWord) -> bool:
    return chain.view.quote_before(word.k)


def _conjunct_after_definite_head(chain: _Chain, word: _ChainWord) -> bool:
    return chain.definite_head and not (word.nisba or word.adjective)


def _noun_after_nisba(chain: _Chain, word: _ChainWord) -> bool:
    return chain.after_nisba and not word.nisba and not word.adjective and not word.text.startswith(CONJUNCT_ARTICLE)


# Why a word after an organisation head does not continue its name.
CHAIN_ENDS: tuple[tuple[str, Callable[[_Chain, _ChainWord], bool]], ...] = (
    ("the first word after the head is not definite (مركز للصيد، صحيفة ألمانية; وزارة الصحة is)", _indefinite_first),
    ("an adjective starting a time phrase (العام الماضي, not مكتب المدعي العام)", _time_after_adjective),
    ("no ال/وال/لل word, a number, or a function, time, verb or common word", _not_a_name_word),
    ("a time phrase after the name (هيئة الأركان | للمرة الثانية)", _time_phrase),
    ("a quotation mark before the word", _quoted),
    ("a conjunct after a definite head (البنك العالمي والأرقام)", _conjunct_after_definite_head),
    ("a noun after a nisba: only adjectives or وال follow one (وزارة البترول المصرية | الجزء)", _noun_after_nisba),
)


def _chain_end(view: DocView, layer: Layer, i: int, hlen: int, cut: int) -> int | None:
    """End of the organisation's name after its head, or None when no word continues it or the
    words describe a generic body (قوات الجيش اليمني، جيش الاحتلال)."""
    words, n, titles_first = view.words, len(view.words), lexicon.titles().first
    chain = _Chain(view, i, hlen, cut)
    k = i + hlen
    while k < n and chain.may_extend(k) and layer.owner[k] is None and view.joined[k - 1] and chain.takes(k):
        w = words[k]
        k += 1
        if w in titles_first and k < n and view.joined[k - 1]:
            end = name_run(view, layer, k, titles_first)
            if end > k:  # جامعة الملك سعود: an organisation named after a person
                k = end
                break
    if k == i + hlen:
        return None
    if words[i][cut:] in FORCE_HEADS.words() and all(
            w in GENERIC_BODY_WORDS.words() or (w.startswith(ARTICLE) and w.endswith(SINGULAR_NISBA))
            for w in words[i + hlen : k]):
        return None
    return k


def org_complement(view: DocView, layer: Layer, k: int) -> int:
    """End of the purpose phrase that ends many organisation names, from token k on (k: none):
    المكتب الأوروبي للإحصاء، الوكالة الدولية للطاقة الذرية، المركز الأمريكي لرصد الزلازل، اللجنة
    الدولية للصليب الأحمر. A ل/لل noun (not a function word, time word or another body: لمنظمة،
    للحكومة) and up to two definite words after it; an indefinite ل noun needs its definite
    genitive (لرصد الزلازل)."""
    words, n = view.words, len(view.words)
    if k >= n or layer.owner[k] is not None or not view.joined[k - 1] or view.quote_before(k):
        return k
    w = words[k]
    if not _purpose_word(view, w):
        return k
    definite = w.startswith(DOUBLE_LAM)
    end = k + 1
    while end < n and end - k <= 2 and layer.owner[end] is None and view.joined[end - 1] and (
            _purpose_genitive(view, end)):
        end += 1
    if not definite and end == k + 1:
        return k  # لم، ليبحث، لصالح: an indefinite ل word alone is no name part
    if end < n and view.joined[end - 1] and words[end] in OBJECT_PREPOSITIONS.words():
        return k  # للتوصل إلى، للتأكد من، للاجتماع مع: a purpose clause with its object, not a name
    return end


def _purpose_word(view: DocView, w: str) -> bool:
    """``w`` opens a purpose phrase: ل or لل and a noun that is no function word, time word or body."""
    if not w.startswith(LAM) or len(w) < 4 or HAS_DIGIT.search(w) or w in view.stop:
        return False
    definite = w.startswith(DOUBLE_LAM)
    stem = ARTICLE + w[2:] if definite else w[1:]
    bodies = lexicon.org_bodies()
    return not (stem in view.stop or stem in lexicon.time_words() or stem in bodies
                or (definite and stem[2:] in bodies))


def _purpose_genitive(view: DocView, end: int) -> bool:
    """Token ``end`` continues a purpose phrase: a definite word (ال، وال) that is no second body."""
    nxt = view.words[end]
    if not nxt.startswith(ORG_CHAIN_PREFIXES[:2]) or nxt in view.stop or nxt in lexicon.time_words() or (
            HAS_DIGIT.search(nxt)):
        return False
    if view.quote_before(end) or nxt.lstrip(WAW) in lexicon.org_bodies() or nxt in lexicon.titles().first:
        return False  # للتقاعد | والمؤسسة العامة: a second organisation
    return True
