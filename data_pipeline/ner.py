"""Statistical named-entity tagger: a linear-chain CRF (python-crfsuite) shipped as package data.

``predict_spans(doc)`` returns ``(start, end, type, confidence)`` spans; ``start``/``end``
index ``doc.text`` (the original text, end exclusive) and ``type`` is one of ``PERSON``,
``ORG``, ``GPE``, ``LOC``. The entity extractor merges these spans with its gazetteer.

The model is trained by ``marsad train-ner`` (``data_pipeline/ner_train.py``) on ANERcorp's
training portion, whose tags are PERS / ORG / LOC / MISC. MISC is not emitted. ANERcorp's
LOC covers both countries/cities and natural places, so a LOC span is reported as ``LOC``
when it opens with a geographic feature noun (``loc_head`` in ``ner_cues.tsv``: بحر، نهر،
جبل ...) or is a LOC alias in a gazetteer, and as ``GPE`` otherwise.

Tokens are runs of letters/digits or single punctuation marks of the normalised view
(``normalize``), like ANERcorp's whitespace tokens: proclitics stay attached (ولبنان). A
span whose first token carries a proclitic in front of a known name or of the article ال
(ولبنان، بالعراق) starts after the proclitic; ``لل`` + noun (للولايات، للصين) is kept whole,
since no slice of it reads as the name.

Every feature belongs to one word (its own, or a neighbour's within ±2), so tagging sums five
cached per-word score vectors and runs Viterbi and forward-backward with numpy over all
sentences of a document at once (``CompiledCRF``; identical to crfsuite's own tagger). The model
is loaded once per process. The features read ``gazetteer_*.jsonl``: retrain
(``marsad train-ner``) when the gazetteers change a lot.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources as _ir

from .lang.ar.letters import ALEF_WASLA, ARTICLE, HAMZA, YA, YEH_BARREE_WITH_HAMZA
from .lang.ar.normalize import NormText, clitic_variants, normalize, normalize_key
from .lang.ar.sentences import END_MARKS
from .records import Document
from .resources import load_jsonl, load_tsv
from .word_clusters import LEVELS, cluster_ids

MODEL_NAME = "ner_crf.model"
CUES_NAME = "ner_cues.tsv"

# Corpus tag (without B-/I-) -> output type; MISC and anything else is dropped.
OUTPUT_TYPES = {"PERS": "PERSON", "PER": "PERSON", "PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC"}

# A token of the normalised view: a run of letters/digits, or one other non-space character.
TOKEN_RE = re.compile(r"[^\W_]+|[^\w\s]")
# Tokens that end a sentence (ANERcorp has no sentence breaks; "." ends one there).
SENTENCE_END = frozenset(END_MARKS)  # . ! ? ؟ …
MAX_SENTENCE_TOKENS = 150
MAX_CACHED_WORDS = 150_000  # word types whose scores the tagger keeps (~55 MB)
LATIN_RE = re.compile(r"[a-z]")
DIGIT_RE = re.compile(r"[0-9]")
ARABIC_LETTER_RE = re.compile(f"[{HAMZA}-{YA}{ALEF_WASLA}-{YEH_BARREE_WITH_HAMZA}]")


# --------------------------------------------------------------------------- resources


@lru_cache(maxsize=1)
def cue_words() -> dict[str, frozenset[str]]:
    """``ner_cues.tsv`` as kind -> normalised words."""
    out: dict[str, set[str]] = {}
    for row in load_tsv(CUES_NAME, required=("word", "kind", "gloss")):
        out.setdefault(row["kind"], set()).add(normalize_key(row["word"]).replace(" ", ""))
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _cue_kinds() -> dict[str, tuple[str, ...]]:
    kinds: dict[str, list[str]] = {}
    for kind, words in cue_words().items():
        for w in words:
            kinds.setdefault(w, []).append(kind)
    return {w: tuple(sorted(k)) for w, k in kinds.items()}


def _gazetteer_names() -> list[str]:
    try:
        files = _ir.files("data_pipeline.resources").iterdir()
        return sorted(f.name for f in files if f.name.startswith("gazetteer_") and f.name.endswith(".jsonl"))
    except (FileNotFoundError, OSError):
        return []


@lru_cache(maxsize=1)
def _gazetteer_aliases() -> tuple[tuple[str, str, bool], ...]:
    """(entity type, normalised alias, is a short form) of every gazetteer name, read once."""
    out = []
    for name in _gazetteer_names():
        for row in load_jsonl(name):
            etype = str(row.get("type", "")).upper()
            for alias in [row.get("name_ar", "")] + list(row.get("aliases", ())):
                out.append((etype, normalize_key(str(alias)), False))
            out.extend((etype, normalize_key(str(alias)), True) for alias in row.get("short", ()))
    return tuple((etype, key, short) for etype, key, short in out if key)


@lru_cache(maxsize=1)
def gazetteer_tokens() -> dict[str, tuple[str, ...]]:
    """Normalised token -> entity types of the gazetteer aliases it occurs in (gazetteer_*.jsonl)."""
    types: dict[str, set[str]] = {}
    for etype, key, short in _gazetteer_aliases():
        if etype and not short:
            for tok in key.split():
                if len(tok) >= 2:
                    types.setdefault(tok, set()).add(etype)
    return {t: tuple(sorted(v)) for t, v in types.items()}


@lru_cache(maxsize=1)
def gazetteer_one_word_names() -> frozenset[str]:
    """Normalised gazetteer aliases and short forms that are one word (مصر، قطر، ترامب، كيم)."""
    return frozenset(key for _, key, _ in _gazetteer_aliases() if " " not in key)


@lru_cache(maxsize=1)
def gazetteer_loc_aliases() -> frozenset[str]:
    """Normalised full aliases of gazetteer entries typed LOC (continents, regions, seas)."""
    return frozenset(key for etype, key, short in _gazetteer_aliases() if etype == "LOC" and not short)


# --------------------------------------------------------------------------- features


def _shape(w: str) -> str:
    if w.isdigit():
        return "d"
    if not w[0].isalnum():
        return "p"
    has_latin = bool(LATIN_RE.search(w))
    has_arabic = bool(ARABIC_LETTER_RE.search(w))
    has_digit = bool(DIGIT_RE.search(w))
    if has_arabic and not has_latin and not has_digit:
        return "a"
    if has_latin and not has_arabic and not has_digit:
        return "L"
    return "m"


def _length_bucket(n: int) -> str:
    if n <= 3:
        return str(n)
    if n <= 5:
        return "4-5"
    if n <= 8:
        return "6-8"
    return "9+"


def _lexical_tags(w: str) -> tuple[list[str], list[str]]:
    """Gazetteer types and cue kinds of ``w`` or of its clitic-stripped readings."""
    gaz = gazetteer_tokens()
    cues = _cue_kinds()
    gz: set[str] = set()
    cue: set[str] = set()
    for stem, n in clitic_variants(w):
        gz.update(gaz.get(stem, ()))
        if n <= 1:  # a cue word takes at most a و/ف in front (والرئيس)
            cue.update(cues.get(stem, ()))
    return sorted(gz), sorted(cue)


def _clusters(w: str) -> tuple[str, ...]:
    """Word classes of ``w`` (``word_clusters.tsv``), or of its first clitic-stripped reading that has them."""
    table = cluster_ids()
    if not table:
        return ()
    found = table.get(w)
    if found is None:
        for stem, _ in clitic_variants(w)[1:]:
            found = table.get(stem)
            if found is not None:
                break
    return found or ()


def _word_features(w: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Features of a normalised token: (own, as left neighbour -1, as -2, as right neighbour +1, as +2)."""
    shape = _shape(w)
    own = ["b", "w=" + w, "sh=" + shape, "ln=" + _length_bucket(len(w))]
    if shape in ("a", "L", "m"):
        for k in (1, 2, 3):
            if len(w) > k:
                own.append(f"p{k}=" + w[:k])
                own.append(f"s{k}=" + w[-k:])
        for stem, n in clitic_variants(w)[1:4]:
            own.append("st=" + stem)
        if w.startswith(ARTICLE) and len(w) > 4:
            own.append("nal=" + w[2:])
    gz, cue = _lexical_tags(w)
    own.extend("gz=" + t for t in gz)
    own.extend("cue=" + c for c in cue)
    classes = _clusters(w)
    own.extend(f"c{k}={c}" for k, c in zip(LEVELS, classes))
    near = [f"c{k}={c}" for k, c in zip(LEVELS[:2], classes)]
    m1 = ["-1w=" + w, "-1sh=" + shape] + ["-1gz=" + t for t in gz] + ["-1cue=" + c for c in cue]
    m1 += ["-1" + f for f in near]
    if len(w) > 2 and shape == "a":
        m1.append("-1s2=" + w[-2:])
    m2 = ["-2w=" + w] + ["-2cue=" + c for c in cue]
    p1 = ["+1w=" + w, "+1sh=" + shape] + ["+1gz=" + t for t in gz] + ["+1cue=" + c for c in cue]
    p1 += ["+1" + f for f in near]
    p2 = ["+2w=" + w]
    return tuple(own), tuple(m1), tuple(m2), tuple(p1), tuple(p2)


# Cached for training (the tagger keeps its own per-word score table instead).
word_features = lru_cache(maxsize=100_000)(_word_features)

_BOS1, _BOS2 = ("-1w=BOS",), ("-2w=BOS",)
_EOS1, _EOS2 = ("+1w=EOS",), ("+2w=EOS",)


def _assemble(table: list, edges: tuple[tuple[str, ...], ...]) -> list[list[str]]:
    bos1, bos2, eos1, eos2 = edges
    n = len(table)
    out = []
    for i in range(n):
        f = list(table[i][0])
        f += table[i - 1][1] if i >= 1 else bos1
        f += table[i - 2][2] if i >= 2 else bos2
        f += table[i + 1][3] if i + 1 < n else eos1
        f += table[i + 2][4] if i + 2 < n else eos2
        out.append(f)
    return out


def sentence_features(words: list[str]) -> list[list[str]]:
    """CRF feature lists for one sentence of normalised tokens (all features: for training)."""
    return _assemble([word_features(w) for w in words], (_BOS1, _BOS2, _EOS1, _EOS2))


# --------------------------------------------------------------------------- tokens and chunks


def tokenize(text: str) -> list[tuple[int, int]]:
    """Token (start, end) offsets into ``text`` (normally a normalised view)."""
    return [m.span() for m in TOKEN_RE.finditer(text)]


def split_sentences(text: str, tokens: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences as (first token index, end token index): cut after sentence-final marks and at line breaks."""
    sents = []
    begin = 0
    prev_end = 0
    for i, (s, e) in enumerate(tokens):
        if i > begin and ("\n" in text[prev_end:s] or i - begin >= MAX_SENTENCE_TOKENS):
            sents.append((begin, i))
            begin = i
        if text[s:e] in SENTENCE_END:
            sents.append((begin, i + 1))
            begin = i + 1
        prev_end = e
    if begin < len(tokens):
        sents.append((begin, len(tokens)))
    return sents


def bio_chunks(labels: list[str]) -> list[tuple[int, int, str]]:
    """Entity chunks (first token, end token exclusive, type) of a BIO sequence, read like conlleval.

    A chunk starts at ``B-X``, and at ``I-X`` after ``O`` or after a chunk of another type.
    """
    chunks = []
    start, ctype = -1, ""
    for i, lab in enumerate(list(labels) + ["O"]):
        prefix, _, typ = lab.partition("-")
        if prefix not in ("B", "I") or not typ:
            prefix, typ = "O", ""
        if start >= 0 and (prefix != "I" or typ != ctype):
            chunks.append((start, i, ctype))
            start, ctype = -1, ""
        if prefix == "B" or (prefix == "I" and start < 0):
            start, ctype = i, typ
    return chunks


# --------------------------------------------------------------------------- model


def model_path():
    """The shipped model file (an ``importlib.resources`` traversable)."""
    return _ir.files("data_pipeline.resources").joinpath(MODEL_NAME)


@lru_cache(maxsize=1)
def load_tagger():
    """The CRF tagger, loaded once per process; ``None`` when no model is shipped."""
    try:
        import pycrfsuite
    except ImportError:  # the package still works, without statistical NER
        return None
    ref = model_path()
    if not ref.is_file():
        return None
    with _ir.as_file(ref) as path:
        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
    return tagger


@lru_cache(maxsize=1)
def _entity_words() -> frozenset[str]:
    """Words the model learned as (part of) a name, plus gazetteer tokens: used to strip proclitics."""
    words = set(gazetteer_tokens())
    model = compiled_model()
    if model is not None:
        name_labels = [k for k, lab in enumerate(model.labels) if lab != "O" and not lab.endswith("MISC")]
        for attr, vec in model.weights.items():
            if attr.startswith("w=") and (vec[name_labels] > 0).any():
                words.add(attr[2:])
    return frozenset(words)


def _proclitic_length(word: str) -> int:
    """Characters of a proclitic in front of a name (ولبنان -> 1, للولايات -> 1, بالعراق -> 1)."""
    if word in gazetteer_tokens():  # a name that starts with a proclitic letter (واشنطن، فالنسيا)
        return 0
    known, listed = _entity_words(), gazetteer_one_word_names()
    for stem, n in clitic_variants(word)[1:]:
        if not n:
            continue
        if stem in listed or (len(stem) >= 4 and (stem.startswith(ARTICLE) or stem in known)):
            return n  # a short remainder must be a listed name: بالي (Bali) and فينس keep their first letter
    return 0


_AREA_WORDS = frozenset(normalize_key(w) for w in ("منطقة", "المنطقة", "قناة"))


def _place_type(words: list[str], before: list[str] = ()) -> str:
    """GPE or LOC for an ANERcorp LOC chunk (see the module docstring); ``before``: the word before it."""
    heads = cue_words().get("loc_head", frozenset())
    if words[0] in heads or any(stem in heads for stem, _ in clitic_variants(words[0])[1:]):
        return "LOC"
    # before a chunk, only a natural feature counts (منطقة جازان is a province, قناة الجزيرة a channel)
    for w in before:
        if any(stem in heads and stem not in _AREA_WORDS for stem, _ in clitic_variants(w)):
            return "LOC"
    if " ".join(words) in gazetteer_loc_aliases():
        return "LOC"
    return "GPE"


class CompiledCRF:
    """The shipped CRF's weights as arrays, for tagging many short sequences quickly.

    Every feature of this model belongs to one word (its own, or a neighbour's at -2..+2), so a
    token's state scores are the sum of five per-word vectors, cached per word type. Viterbi and
    forward-backward then run over all sentences of a document at once. Results equal
    ``pycrfsuite.Tagger.tag`` / ``marginal`` (checked in tests/test_ner.py).
    """

    def __init__(self, tagger) -> None:
        import numpy as np

        info = tagger.info()
        self.labels: list[str] = list(tagger.labels())
        index = {lab: k for k, lab in enumerate(self.labels)}
        n = len(self.labels)
        self.weights: dict[str, np.ndarray] = {}
        for (attr, label), w in info.state_features.items():
            vec = self.weights.get(attr)
            if vec is None:
                vec = self.weights[attr] = np.zeros(n)
            vec[index[label]] = w
        self.trans = np.zeros((n, n))
        for (src, dst), w in info.transitions.items():
            self.trans[index[src], index[dst]] = w
        self.exp_trans = np.exp(self.trans)
        self.zero = np.zeros(n)
        bos1, bos2, eos1, eos2 = (self._sum(group) for group in (_BOS1, _BOS2, _EOS1, _EOS2))
        self.edges = np.stack([bos1, bos2, eos1, eos2])
        self._np = np
        self._reset_table()

    def _sum(self, feats) -> object:
        vec = self.zero.copy()
        for f in feats:
            w = self.weights.get(f)
            if w is not None:
                vec += w
        return vec

    def _row(self, word: str) -> int:
        """Row of ``word`` in ``self.table``: its own state scores and its scores as neighbour -1, -2, +1, +2."""
        row = self.rows.get(word)
        if row is None:
            row = self.rows[word] = len(self.rows)
            if row >= len(self.table):
                grow = min(len(self.table), MAX_CACHED_WORDS + 1 - len(self.table))
                grow = grow if grow > 0 else len(self.table)  # one document larger than the cache
                self.table = self._np.concatenate([self.table, self._np.zeros((grow, *self.table.shape[1:]))])
            self.table[row] = [self._sum(group) for group in _word_features(word)]
        return row

    def _reset_table(self) -> None:
        np = self._np
        self.table = np.zeros((4096, 5, len(self.labels)))
        # row 0: the sentence edge, seen as neighbour -1/-2 of a first token or +1/+2 of a last one
        self.table[0, 1:] = self.edges
        self.rows = {"": 0}

    def emissions(self, sentences: list[list[str]]) -> list:
        """State scores, (len(sentence), labels) arrays, of each sentence."""
        if len(self.rows) + sum(map(len, sentences)) > MAX_CACHED_WORDS:
            self._reset_table()  # keeps memory bounded; never in the middle of a document
        ids = [0, 0]
        for words in sentences:
            ids += [self._row(w) for w in words]
            ids += [0, 0]
        t = self.table[ids]
        em = t[2:-2, 0] + t[1:-3, 1] + t[:-4, 2] + t[3:-1, 3] + t[4:, 4]
        out = []
        pos = 0
        for words in sentences:
            out.append(em[pos : pos + len(words)])
            pos += len(words) + 2
        return out

    def tag(self, sentences: list[list[str]]) -> list[tuple[list[str], list[float]]]:
        """Best label sequence and each label's marginal probability, for every sentence."""
        np = self._np
        if not sentences:
            return []
        # Longest first: at position t the sentences still running are rows [:live[t]].
        order = sorted(range(len(sentences)), key=lambda k: -len(sentences[k]))
        lengths = [len(sentences[k]) for k in order]
        S, T, L = len(order), lengths[0], len(self.labels)
        live = [sum(1 for n in lengths if n > t) for t in range(T)] + [0]
        em = np.zeros((S, T, L))
        ems = self.emissions(sentences)
        for row, k in enumerate(order):
            em[row, : lengths[row]] = ems[k]
        # Viterbi
        trans = self.trans[None]
        delta = em[:, 0].copy()
        back = np.zeros((S, T, L), dtype=np.int64)
        for t in range(1, T):
            c = live[t]
            cand = delta[:c, :, None] + trans
            back[:c, t] = cand.argmax(1)
            delta[:c] = cand.max(1) + em[:c, t]
        last = delta.argmax(1)
        path = np.zeros((S, T), dtype=np.int64)
        rows = np.arange(S)
        for t in range(T - 1, -1, -1):
            c, c_next = live[t], live[t + 1]
            path[c_next:c, t] = last[c_next:c]  # sentences that end at t
            if c_next:
                path[:c_next, t] = back[rows[:c_next], t + 1, path[:c_next, t + 1]]
        # forward-backward, rescaled at every step
        pe = np.exp(em - em.max(2, keepdims=True))
        alpha = np.empty((S, T, L))
        alpha[:, 0] = pe[:, 0] / pe[:, 0].sum(1, keepdims=True)
        for t in range(1, T):
            c = live[t]
            a = (alpha[:c, t - 1] @ self.exp_trans) * pe[:c, t]
            alpha[:c, t] = a / a.sum(1, keepdims=True)
        beta = np.ones((S, T, L))
        exp_trans_t = self.exp_trans.T
        for t in range(T - 2, -1, -1):
            c = live[t + 1]
            b = (pe[:c, t + 1] * beta[:c, t + 1]) @ exp_trans_t
            beta[:c, t] = b / b.sum(1, keepdims=True)
        out: list[tuple[list[str], list[float]]] = [([], [])] * S
        labels = self.labels
        for row, k in enumerate(order):
            n = lengths[row]
            p_row = path[row, :n]
            m = alpha[row, :n] * beta[row, :n]
            chosen = m[np.arange(n), p_row] / m.sum(1)
            out[k] = ([labels[j] for j in p_row.tolist()], chosen.tolist())
        return out


@lru_cache(maxsize=1)
def compiled_model() -> CompiledCRF | None:
    """The shipped model compiled for fast tagging (once per process)."""
    tagger = load_tagger()
    return CompiledCRF(tagger) if tagger is not None else None


def reload_model() -> None:
    """Forget the loaded model (after ``marsad train-ner`` rewrote it) and the gazetteer-derived caches."""
    for fn in (load_tagger, compiled_model, _entity_words, _gazetteer_aliases, gazetteer_tokens, gazetteer_loc_aliases,
               gazetteer_one_word_names, word_features):
        fn.cache_clear()


def tag_words(words: list[str]) -> tuple[list[str], list[float]]:
    """BIO labels and their marginal probabilities for one sentence of normalised tokens."""
    model = compiled_model()
    if model is None or not words:
        return ["O"] * len(words), [1.0] * len(words)
    return model.tag([words])[0]


def predict_spans(doc: Document, norm: NormText | None = None) -> list[tuple[int, int, str, float]]:
    """Named-entity spans ``(start, end, type, confidence)`` found by the CRF in ``doc.text``.

    ``start``/``end`` index ``doc.text`` (end exclusive); ``type`` is PERSON, ORG, GPE or LOC;
    ``confidence`` is the mean marginal probability of the span's labels (0-1). Pass ``norm``
    (``normalize(doc.text)``) when the caller already has it. Returns ``[]`` when no model is shipped.
    """
    if load_tagger() is None or not doc.text:
        return []
    norm = norm if norm is not None else normalize(doc.text)
    ntext = norm.text
    tokens = tokenize(ntext)
    batch = []
    for a, b in split_sentences(ntext, tokens):
        words = [ntext[s:e] for s, e in tokens[a:b]]
        if any(w[0].isalpha() for w in words):
            batch.append((tokens[a:b], words))
    tagged = compiled_model().tag([words for _, words in batch])
    out: list[tuple[int, int, str, float]] = []
    for (toks, words), (labels, probs) in zip(batch, tagged):
        for i, j, ctype in bio_chunks(labels):
            etype = OUTPUT_TYPES.get(ctype)
            if etype is None:
                continue
            chunk_words = words[i:j]
            if not chunk_words[0][0].isalnum():
                continue
            nstart = toks[i][0] + _proclitic_length(chunk_words[0])
            if nstart >= toks[i][1]:
                nstart = toks[i][0]
            chunk_words = [ntext[nstart : toks[i][1]]] + chunk_words[1:]
            if etype == "LOC":
                # جزيرة لومبوك: a feature noun right before the chunk makes it LOC too
                before = [words[i - 1]] if i > 0 and nstart == toks[i][0] else []
                etype = _place_type(chunk_words, before)
            start, end = norm.span(nstart, toks[j - 1][1])
            if end <= start:
                continue
            conf = round(sum(probs[i:j]) / (j - i), 4)
            out.append((start, end, etype, conf))
    return out
