"""Score the extractors against hand-annotated gold: ``marsad eval``.

Two kinds of gold:

- ``eval/gold/*.json``: one article per file (format and guidelines in
  ``eval/gold/README.md``) with entities, quantities, timeline points and claims,
  every span an offset pair into the file's ``text`` (end exclusive).
- ``--conll PATH``: a standard CoNLL ``TOKEN TAG`` file (BIO tags, whitespace
  separated, e.g. ANERcorp). The tokens are joined with single spaces into
  documents, the entity extractor runs on them and its character spans are
  aligned back to tokens, then scored entity-level (exact token span + type).

Matching rules (one-to-one: each predicted record can match one gold record):

- entities, strict: same ``start``, ``end`` and type. Also reported: *relaxed*
  (spans overlap, same type), *loc-merged* (strict, GPE and LOC both read as LOC,
  as ANERcorp's LOC covers GPE) and strict per type. Predicted types outside
  PERSON/ORG/GPE/LOC (FAC, EVENT, NORP) are not scored: the gold has no such types.
- quantities: same value (relative tolerance 1e-6) and unit, spans overlap; a variant
  predicted for the shared unit the gold names matches it (``unit_variants.tsv``: gold
  written before the split says ``pound``, the pipeline ``egyptian_pound``). Also
  reported: *value_only* (any unit), which separates unit disagreements from misses.
- timeline: same ISO date and precision, spans overlap.
- claims: a predicted claim matches a gold claim when the claim spans overlap and
  the speakers match: both empty, or, after normalisation, they share a name token
  (proclitics and the article stripped, generic words such as باسم ignored).
  Recall is the target; precision is reported too (a predicted claim the gold
  does not list counts as spurious).

P = tp / (tp + fp), R = tp / (tp + fn), F1 = 2PR / (P + R); each is 0.0 when its
denominator is 0 (so an empty prediction against empty gold scores 0, not 1).
"""

from __future__ import annotations

import argparse
import bisect
import json
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .lang.ar.clitics import CONJUNCTIONS, PREPOSITIONS
from .lang.ar.letters import ALEF, ARTICLE, LAM
from .lang.ar.normalize import normalize
from .lang.ar.punctuation import ARABIC_QUESTION_MARK
from .records import Document
from .resources import load_tsv

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = REPO_ROOT / "eval" / "gold"
# The types the gold files annotate (the pipeline finds more: records.ENTITY_TYPES).
EVALUATED_TYPES = ("PERSON", "ORG", "GPE", "LOC")
CLAIM_FRAMES = frozenset(
    ("say", "deny", "warn", "accuse", "demand", "condemn", "criticize", "praise", "describe", "estimate")
)
CLAIM_STANCES = ("assert", "deny")
PRECISIONS = ("year", "month", "day")
VALUE_TOLERANCE = 1e-6
CONLL_DOC_TOKENS = 300  # CoNLL tokens per synthetic document (cut after a full stop)
# CoNLL tag types -> our scored types (ANERcorp: PERS/ORG/LOC/MISC; MISC is not scored).
CONLL_TYPES = {"PERS": "PER", "PER": "PER", "PERSON": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC"}
OUR_TO_CONLL = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}
_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200e\u200f\u200b"), None)
_SPEAKER_TOKEN = re.compile(r"[^\W_]+")
_PROCLITICS = CONJUNCTIONS + PREPOSITIONS  # و ف ب ل ك
_ARTICLE = ARTICLE
# Words that say nothing about who the speaker is (normalised view).
_GENERIC_SPEAKER_WORDS = frozenset(normalize(r["word"]).text for r in load_tsv("eval_speaker_filler.tsv", ("word", "gloss")))


# ---------------------------------------------------------------- scores


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class Report:
    """Scores by name (``entities.strict``, ``quantities`` ...) and examples of errors."""

    scores: dict[str, Score] = field(default_factory=dict)
    errors: dict[str, list[dict]] = field(default_factory=dict)  # name -> [{"kind": missed|spurious, ...}]
    documents: int = 0

    def score(self, name: str) -> Score:
        return self.scores.setdefault(name, Score())

    def as_dict(self) -> dict:
        return {"documents": self.documents, "scores": {k: v.as_dict() for k, v in self.scores.items()}}


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """Half-open spans share at least one character."""
    return a_start < b_end and b_start < a_end


def match(gold: Sequence, pred: Sequence, same: Callable[[object, object], bool]) -> tuple[list, list, list]:
    """One-to-one greedy matching in gold order; returns (pairs, missed gold, spurious predictions).

    Among the free predictions that ``same`` accepts for a gold record, the one with the
    largest character overlap (then the earliest) is taken.
    """
    used = [False] * len(pred)
    pairs, missed = [], []
    for g in gold:
        best, best_ov = None, -1
        for i, p in enumerate(pred):
            if used[i] or not same(g, p):
                continue
            ov = min(_end(g), _end(p)) - max(_start(g), _start(p))
            if ov > best_ov:
                best, best_ov = i, ov
        if best is None:
            missed.append(g)
        else:
            used[best] = True
            pairs.append((g, pred[best]))
    spurious = [p for i, p in enumerate(pred) if not used[i]]
    return pairs, missed, spurious


def _start(r) -> int:
    return r["start"] if isinstance(r, dict) else r.start


def _end(r) -> int:
    return r["end"] if isinstance(r, dict) else r.end


def _get(r, key):
    return r[key] if isinstance(r, dict) else getattr(r, key)


def score_matches(gold: Sequence, pred: Sequence, same, report: Report | None = None, name: str = "",
                  describe: Callable[[object], dict] | None = None) -> Score:
    pairs, missed, spurious = match(gold, pred, same)
    sc = Score(len(pairs), len(spurious), len(missed))
    if report is not None and name:
        report.score(name).add(sc)
        errs = report.errors.setdefault(name, [])
        describe = describe or (lambda r: {"text": _get(r, "text")})
        errs.extend({"kind": "missed", **describe(g)} for g in missed)
        errs.extend({"kind": "spurious", **describe(p)} for p in spurious)
    return sc


# ---------------------------------------------------------------- matching rules


def _typed(rec, merge_loc: bool) -> str:
    t = _get(rec, "type")
    return "LOC" if merge_loc and t == "GPE" else t


def entity_strict(g, p) -> bool:
    return _start(g) == _start(p) and _end(g) == _end(p) and _get(g, "type") == _get(p, "type")


def entity_relaxed(g, p) -> bool:
    return overlaps(_start(g), _end(g), _start(p), _end(p)) and _get(g, "type") == _get(p, "type")


def entity_loc_merged(g, p) -> bool:
    return _start(g) == _start(p) and _end(g) == _end(p) and _typed(g, True) == _typed(p, True)


def same_value(a: float, b: float) -> bool:
    return abs(float(a) - float(b)) <= VALUE_TOLERANCE * max(1.0, abs(float(a)), abs(float(b)))


def _unit_variants() -> dict[str, str]:
    """Variant -> the shared unit it refines (unit_variants.tsv: egyptian_pound -> pound)."""
    return {r["variant"]: r["unit"] for r in load_tsv("unit_variants.tsv", required=("unit", "variant"))}


def same_unit(gold: str, pred: str) -> bool:
    """The same unit, or a variant of the shared unit the gold names (pound in gold, egyptian_pound predicted)."""
    return gold == pred or _unit_variants().get(pred) == gold


def quantity_match(g, p) -> bool:
    return (overlaps(_start(g), _end(g), _start(p), _end(p)) and same_value(_get(g, "value"), _get(p, "value"))
            and same_unit(_get(g, "unit"), _get(p, "unit")))


def quantity_value_match(g, p) -> bool:
    """Diagnostic: the value and an overlapping span, whatever the unit (shows unit disagreements)."""
    return overlaps(_start(g), _end(g), _start(p), _end(p)) and same_value(_get(g, "value"), _get(p, "value"))


def timeline_match(g, p) -> bool:
    return (overlaps(_start(g), _end(g), _start(p), _end(p)) and _get(g, "date") == _get(p, "date")
            and _get(g, "precision") == _get(p, "precision"))


def speaker_tokens(text: str) -> set[str]:
    """Name-bearing tokens of a speaker phrase, normalised, proclitics and ال stripped."""
    out = set()
    for tok in _SPEAKER_TOKEN.findall(normalize(text or "").text):
        if tok in _GENERIC_SPEAKER_WORDS:
            continue
        forms = {tok}
        if len(tok) > 3 and tok.startswith(_PROCLITICS):
            forms.add(tok[1:])
        if tok.startswith(LAM + LAM) and len(tok) > 3:  # لل = ل + ال
            forms.add(ALEF + tok[1:])  # للامارات -> الامارات
        for f in list(forms):
            if f.startswith(_ARTICLE) and len(f) > 3:
                forms.add(f[2:])
        out.update(f for f in forms if len(f) >= 2)
    return out


def same_speaker(gold_speaker: str, pred_speaker: str) -> bool:
    g, p = (gold_speaker or "").strip(), (pred_speaker or "").strip()
    if not g or not p:
        return not g and not p
    return bool(speaker_tokens(g) & speaker_tokens(p))


def _speaker(r) -> str:
    if isinstance(r, dict):
        return r.get("speaker_text", r.get("speaker", "")) or ""
    return r.speaker or ""


def claim_match(g, p) -> bool:
    return overlaps(_start(g), _end(g), _start(p), _end(p)) and same_speaker(_speaker(g), _speaker(p))


def claim_span_match(g, p) -> bool:
    return overlaps(_start(g), _end(g), _start(p), _end(p))


def claim_role(r, role: str) -> str:
    """A claim's ``frame``, ``target`` or ``via``: gold fields of revision 2 (files of revision 1 have none:
    their frame is ``say``, or ``deny`` for a denial), or the predicted record's attribute."""
    if isinstance(r, dict):
        if role == "frame":
            return r.get("frame") or ("deny" if r.get("stance") == "deny" else "say")
        return r.get(f"{role}_text", "") or ""
    return getattr(r, role, "") or ("say" if role == "frame" else "")


def claim_frame_match(g, p) -> bool:
    return claim_match(g, p) and claim_role(g, "frame") == claim_role(p, "frame")


def claim_target_match(g, p) -> bool:
    return claim_span_match(g, p) and same_speaker(claim_role(g, "target"), claim_role(p, "target"))


def claim_via_match(g, p) -> bool:
    return claim_span_match(g, p) and same_speaker(claim_role(g, "via"), claim_role(p, "via"))


# ---------------------------------------------------------------- gold files


def load_gold(gold_dir: str | Path) -> list[dict]:
    """Every ``*.json`` gold file in ``gold_dir``, sorted by name."""
    paths = sorted(Path(gold_dir).glob("*.json"))
    out = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            g = json.load(f)
        g["_path"] = str(path)
        out.append(g)
    return out


def gold_document(gold: dict) -> Document:
    return Document(doc_id=gold["doc_id"], title=gold.get("title") or "", text=gold["text"],
                    source=gold.get("source"), published=gold.get("published"), url=gold.get("url"),
                    category=gold.get("category"))


GOLD_KEYS = ("doc_id", "entities", "quantities", "timeline", "claims")
SPAN_TABLES = ("entities", "quantities", "timeline", "claims")
PRECISION_FORMATS = {"year": r"\d{4}", "month": r"\d{4}-\d{2}", "day": r"\d{4}-\d{2}-\d{2}"}


def validate_gold(gold: dict) -> list[str]:
    """Problems in one gold file (empty list = valid): offsets, types, dates, units."""
    text = gold.get("text")
    if not isinstance(text, str) or not text:
        return ["no text"]
    return [problem for check in GOLD_CHECKS for problem in check(gold, text)]


def _missing_keys(gold: dict, text: str) -> list[str]:
    return [f"missing {key}" for key in GOLD_KEYS if key not in gold]


def _span_problems(gold: dict, text: str) -> list[str]:
    """Every annotated span lies in the text, equals its slice and has no outer whitespace."""
    problems = []
    for kind, r in ((k, r) for k in SPAN_TABLES for r in gold.get(k, [])):
        s, e = r.get("start"), r.get("end")
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)):
            problems.append(f"{kind}: bad span {s}:{e}")
            continue
        if r.get("text") != text[s:e]:
            problems.append(f"{kind}: text {r.get('text')!r} != slice {text[s:e]!r}")
        if text[s:e] != text[s:e].strip():
            problems.append(f"{kind}: span {text[s:e]!r} has outer whitespace")
    return problems


def _entity_types(gold: dict, text: str) -> list[str]:
    return [f"entity type {r.get('type')!r}" for r in gold.get("entities", []) if r.get("type") not in EVALUATED_TYPES]


def _quantity_values(gold: dict, text: str) -> list[str]:
    return [f"quantity {r.get('text')!r} needs value and unit" for r in gold.get("quantities", [])
            if not isinstance(r.get("value"), (int, float)) or not r.get("unit")]


def _timeline_dates(gold: dict, text: str) -> list[str]:
    problems = []
    for r in gold.get("timeline", []):
        date, prec = r.get("date", ""), r.get("precision")
        want = PRECISION_FORMATS.get(prec)
        if not want or not re.fullmatch(want, date or ""):
            problems.append(f"timeline {r.get('text')!r}: date {date!r} does not fit precision {prec!r}")
    return problems


def _claim_fields(gold: dict, text: str) -> list[str]:
    problems = []
    for r in gold.get("claims", []):
        if r.get("stance") not in CLAIM_STANCES or not isinstance(r.get("hedged"), bool):
            problems.append(f"claim {r.get('text', '')[:30]!r}: stance/hedged")
        for role in ("speaker", "target", "via"):
            if f"{role}_start" in r:
                ss, se = r[f"{role}_start"], r[f"{role}_end"]
                if text[ss:se] != r.get(f"{role}_text"):
                    problems.append(f"claim {role} {r.get(f'{role}_text')!r} != slice {text[ss:se]!r}")
        if r.get("frame", "say") not in CLAIM_FRAMES:
            problems.append(f"claim {r.get('text', '')[:30]!r}: unknown frame {r.get('frame')!r}")
    return problems


def _entity_overlaps(gold: dict, text: str) -> list[str]:
    ents = sorted(gold.get("entities", []), key=lambda r: r["start"])
    return [f"entities overlap: {a['text']!r} / {b['text']!r}" for a, b in zip(ents, ents[1:]) if a["end"] > b["start"]]


# The checks of a gold file, in the order their problems are listed.
GOLD_CHECKS = (_missing_keys, _span_problems, _entity_types, _quantity_values, _timeline_dates, _claim_fields,
               _entity_overlaps)


# ---------------------------------------------------------------- evaluation on gold JSON


def _describe_entity(r) -> dict:
    return {"text": _get(r, "text"), "type": _get(r, "type"), "start": _start(r)}


def _describe_quantity(r) -> dict:
    return {"text": _get(r, "text"), "value": _get(r, "value"), "unit": _get(r, "unit")}


def _describe_point(r) -> dict:
    return {"text": _get(r, "text"), "date": _get(r, "date"), "precision": _get(r, "precision")}


def _describe_claim(r) -> dict:
    return {"text": _get(r, "text")[:80], "speaker": _speaker(r)}


def evaluate_gold(golds: Iterable[dict], process: Callable[[Document], object] | None = None) -> Report:
    """Run the pipeline on every gold article and score it (see the module docstring)."""
    if process is None:
        from .pipeline import process_document as process
    report = Report()
    for gold in golds:
        doc = gold_document(gold)
        facts = process(doc)
        report.documents += 1
        doc_id = doc.doc_id

        def tag(describe):
            return lambda r: {"doc": doc_id, **describe(r)}

        pred_ents = [m for m in facts.mentions if m.type in EVALUATED_TYPES]
        gold_ents = gold.get("entities", [])
        score_matches(gold_ents, pred_ents, entity_strict, report, "entities.strict", tag(_describe_entity))
        score_matches(gold_ents, pred_ents, entity_relaxed, report, "entities.relaxed", tag(_describe_entity))
        score_matches(gold_ents, pred_ents, entity_loc_merged, report, "entities.loc_merged", tag(_describe_entity))
        for t in EVALUATED_TYPES:
            score_matches([g for g in gold_ents if g["type"] == t], [p for p in pred_ents if p.type == t],
                          entity_strict, report, f"entities.strict.{t}", tag(_describe_entity))
        score_matches(gold.get("quantities", []), facts.quantities, quantity_match, report, "quantities",
                      tag(_describe_quantity))
        score_matches(gold.get("quantities", []), facts.quantities, quantity_value_match, report,
                      "quantities.value_only", tag(_describe_quantity))
        score_matches(gold.get("timeline", []), facts.timeline, timeline_match, report, "timeline",
                      tag(_describe_point))
        score_matches(gold.get("claims", []), facts.claims, claim_match, report, "claims", tag(_describe_claim))
        score_matches(gold.get("claims", []), facts.claims, claim_span_match, report, "claims.span_only",
                      tag(_describe_claim))
        _score_claim_roles(gold.get("claims", []), facts.claims, report, tag(_describe_claim))
    return report


def _score_claim_roles(gold_claims: list[dict], pred_claims: list, report: Report, describe) -> None:
    """Diagnostics of revision 2: the frame (with span and speaker), and the target and the relaying
    outlet (``via``) among the claims that have one on either side (with an overlapping span)."""
    score_matches(gold_claims, pred_claims, claim_frame_match, report, "claims.frame", describe)
    for role in ("target", "via"):
        score_matches([g for g in gold_claims if claim_role(g, role)], [p for p in pred_claims if claim_role(p, role)],
                      claim_target_match if role == "target" else claim_via_match, report, f"claims.{role}", describe)


# ---------------------------------------------------------------- CoNLL


@dataclass(frozen=True)
class ConllToken:
    text: str
    tag: str  # as in the file: O, B-PERS, I-LOC ...


def read_conll(path: str | Path) -> list[list[ConllToken]]:
    """Sentences of ``TOKEN TAG`` lines (whitespace separated; the tag is the last field).

    Blank lines and ``-DOCSTART-`` end a sentence; a file without blank lines is cut
    after sentence-final punctuation so documents stay a manageable size.
    """
    sentences: list[list[ConllToken]] = []
    cur: list[ConllToken] = []
    with open(path, encoding="utf-8-sig") as f:
        for line in f:
            parts = line.translate(_INVISIBLE).split()
            if not parts or parts[0] == "-DOCSTART-":
                if cur:
                    sentences.append(cur)
                    cur = []
                continue
            if len(parts) < 2:
                continue
            cur.append(ConllToken(" ".join(parts[:-1]), parts[-1]))
            if parts[0] in {".", "!", "?", ARABIC_QUESTION_MARK}:
                sentences.append(cur)
                cur = []
    if cur:
        sentences.append(cur)
    return sentences


def bio_chunks(tags: Sequence[str], type_map: dict[str, str] | None = CONLL_TYPES) -> set[tuple[int, int, str]]:
    """Entity chunks ``(first token, last token + 1, type)`` from BIO/IOB tags, conlleval style.

    An ``I-X`` after ``O`` or after another type starts a new chunk. With ``type_map``,
    types are mapped and unmapped types (MISC ...) dropped.
    """
    chunks = set()
    start, cur = None, None
    for i, tag in enumerate(list(tags) + ["O"]):
        prefix, _, typ = tag.partition("-") if tag != "O" else ("O", "", "")
        if prefix not in {"B", "I", "E", "S"}:
            prefix, typ = "O", ""
        if cur is not None and (prefix in {"O", "B", "S"} or typ != cur):
            chunks.add((start, i, cur))
            cur = None
        if prefix in {"B", "S"} or (prefix in {"I", "E"} and cur is None):
            start, cur = i, typ
    if type_map is not None:
        chunks = {(s, e, type_map[t]) for s, e, t in chunks if t in type_map}
    return chunks


def conll_documents(sentences: list[list[ConllToken]], max_tokens: int = CONLL_DOC_TOKENS):
    """Group sentences into documents: ``(Document, tokens, token spans)``; tokens joined by spaces."""
    groups, cur = [], []
    for sent in sentences:
        cur.extend(sent)
        if len(cur) >= max_tokens:
            groups.append(cur)
            cur = []
    if cur:
        groups.append(cur)
    for n, toks in enumerate(groups):
        spans, pos = [], 0
        for t in toks:
            spans.append((pos, pos + len(t.text)))
            pos += len(t.text) + 1
        text = " ".join(t.text for t in toks)
        yield Document(doc_id=f"conll-{n}", title="", text=text), toks, spans


def align_mentions(mentions, spans: Sequence[tuple[int, int]]) -> list[str]:
    """BIO tags (PER/ORG/LOC) for tokens from character-span mentions: a token a mention
    overlaps takes its type; the first such token of each mention gets ``B-``."""
    tags = ["O"] * len(spans)
    starts = [s for s, _ in spans]
    for m in sorted(mentions, key=lambda m: m.start):
        typ = OUR_TO_CONLL.get(m.type)
        if typ is None:
            continue
        i = max(0, bisect.bisect_right(starts, m.start) - 1)
        first = True
        while i < len(spans) and spans[i][0] < m.end:
            if overlaps(spans[i][0], spans[i][1], m.start, m.end) and tags[i] == "O":
                tags[i] = ("B-" if first else "I-") + typ
                first = False
            i += 1
    return tags


def evaluate_conll(path: str | Path, extract=None, max_tokens: int = CONLL_DOC_TOKENS,
                   limit_tokens: int | None = None) -> Report:
    """Entity-level exact-match P/R/F1 (PER, ORG, LOC; GPE counted as LOC) on a CoNLL file."""
    if extract is None:
        from .entities import extract_mentions as extract
    report = Report()
    sentences = read_conll(path)
    seen = 0
    for doc, toks, spans in conll_documents(sentences, max_tokens):
        if limit_tokens is not None and seen >= limit_tokens:
            break
        seen += len(toks)
        report.documents += 1
        gold = bio_chunks([t.tag for t in toks])
        pred = bio_chunks(align_mentions(extract(doc), spans), type_map=None)
        _score_chunks(report, "entities.conll", gold, pred, toks)
        for t in ("PER", "ORG", "LOC"):
            _score_chunks(report, f"entities.conll.{t}", {c for c in gold if c[2] == t},
                          {c for c in pred if c[2] == t}, toks)
        relaxed = Score()
        pairs, missed, spurious = match(
            sorted(({"start": s, "end": e, "type": t} for s, e, t in gold), key=lambda r: r["start"]),
            [{"start": s, "end": e, "type": t} for s, e, t in sorted(pred)], entity_relaxed)
        relaxed.tp, relaxed.fn, relaxed.fp = len(pairs), len(missed), len(spurious)
        report.score("entities.conll.relaxed").add(relaxed)
    return report


def _score_chunks(report: Report, name: str, gold: set, pred: set, toks) -> None:
    report.score(name).add(Score(len(gold & pred), len(pred - gold), len(gold - pred)))
    errs = report.errors.setdefault(name, [])
    for kind, items in (("missed", gold - pred), ("spurious", pred - gold)):
        errs.extend({"kind": kind, "text": " ".join(t.text for t in toks[s:e]), "type": typ}
                    for s, e, typ in sorted(items))


# ---------------------------------------------------------------- output and CLI


def format_report(report: Report, errors: int = 0) -> str:
    lines = [f"documents: {report.documents}", f"{'score':<28}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}"]
    for name, sc in report.scores.items():
        lines.append(f"{name:<28}{sc.precision:7.3f}{sc.recall:7.3f}{sc.f1:7.3f}{sc.tp:6d}{sc.fp:6d}{sc.fn:6d}")
    if errors:
        for name, errs in report.errors.items():
            if not errs or name.count(".") > 1 and not name.startswith("entities.conll."):
                continue
            for kind in ("missed", "spurious"):
                some = [e for e in errs if e["kind"] == kind][:errors]
                if some:
                    lines.append(f"-- {name} {kind} (first {len(some)}):")
                    lines.extend("   " + json.dumps({k: v for k, v in e.items() if k != "kind"}, ensure_ascii=False)
                                 for e in some)
    return "\n".join(lines)


def cmd_eval(args: argparse.Namespace) -> int:
    if args.conll:
        report = evaluate_conll(args.conll, limit_tokens=args.limit_tokens)
    else:
        golds = load_gold(args.gold)
        if not golds:
            print(f"error: no gold files (*.json) in {args.gold}", file=sys.stderr)
            return 1
        bad = {g["_path"]: p for g in golds if (p := validate_gold(g))}
        if bad:
            for path, problems in bad.items():
                print(f"error: {path}: {'; '.join(problems[:5])}", file=sys.stderr)
            return 1
        report = evaluate_gold(golds)
    if args.json:
        out = report.as_dict()
        if args.errors:
            out["errors"] = {k: v[: args.errors * 2] for k, v in report.errors.items() if v}
        print(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        print(format_report(report, args.errors))
    return 0


def _add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--gold", default=str(DEFAULT_GOLD), help="folder of gold *.json files (default: eval/gold)")
    p.add_argument("--conll", default=None, metavar="PATH",
                   help="score entities on a CoNLL 'TOKEN TAG' file instead of the JSON gold")
    p.add_argument("--json", action="store_true", help="print machine-readable scores")
    p.add_argument("--errors", type=int, default=0, metavar="N", help="also show N missed and N spurious examples per score")
    p.add_argument("--limit-tokens", type=int, default=None, metavar="N", help="CoNLL: stop after about N tokens")
    p.set_defaults(func=cmd_eval)


def add_eval_parser(subparsers) -> argparse.ArgumentParser:
    """Add the ``eval`` subcommand to a ``marsad`` subparsers object."""
    p = subparsers.add_parser("eval", help="score the extractors against gold annotations (P/R/F1 per type)")
    _add_arguments(p)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m data_pipeline.evaluate", description=__doc__.splitlines()[0])
    _add_arguments(parser)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
