"""Train and evaluate the CRF named-entity model shipped as ``data_pipeline/resources/ner_crf.model``.

Reproducible command (single core; about 20 s a fold on ANERcorp alone, 20 s with the shipped
WikiFANE share, 1-4 min with all of WikiFANE)::

    marsad train-ner --anercorp ../shared/corpora/ner/anercorp-train.txt \\
        [--wikifane ../shared/corpora/ner/wikifane-gold.txt --wikifane-keep pers --wikifane-fraction 0.25]
        [--folds 5] [--out PATH]
    python3 -m data_pipeline.ner_train --anercorp ... (same arguments)

Corpora (paths are arguments, nothing is downloaded):
- ANERcorp training portion: ``TOKEN TAG`` a line, tags B-/I- PERS, LOC, ORG, MISC and O,
  no sentence breaks (a "." token ends a sentence).
- WikiFANE Gold (optional): ``TOKEN<TAB>TAG``, CRLF, U+200E marks, blank lines between
  sentences, clitics split off, 50 fine classes. Mapped to ANERcorp's tag set: PER
  subtypes -> PERS (except Group, a nationality or tribe -> O), ORG -> ORG, GPE / LOC / FAC
  -> LOC (ANERcorp's LOC covers all places), VEH / WEA / PRO -> O. Split proclitics
  (و ب ل ك ف) and pronoun suffixes (ه ها هم ...) are re-attached so sentences look like news text.

The shipped model: ANERcorp + a quarter of WikiFANE's person-only sentences (``--wikifane-keep
pers --wikifane-fraction 0.25``: 398 sentences whose entities are all persons, so no place,
organisation or MISC-like name is taught as O), c1 0.05, c2 0.01, 150 L-BFGS iterations; 1.8 MB,
23 s to train. 5-fold CV on ANERcorp, F1 without MISC 71.7 -> 72.0 (PERS 61.9 -> 63.8, LOC
82.8 -> 82.6, ORG 58.5 -> 58.1; MISC, unused, 56.7 -> 54.3). Half the person sentences scored
72.4 (PERS 65.2) but stretched person spans over the next word in news text (عبد الفتاح السيسي
الرياض), all of them cost ORG 1.1 points. All of WikiFANE (``all``) or every sentence with only
PERS/ORG/LOC-mappable names (``mapped``) lower LOC and ORG (Wikipedia text, other LOC/ORG
conventions) and train 3-10 times slower. The features include gazetteer membership
(``gazetteer_*.jsonl``), so retrain when the gazetteers change a lot.

Evaluation: k-fold cross-validation over contiguous blocks of ANERcorp sentences (the corpus
is ordered by article, so blocks keep articles apart); WikiFANE, when given, is only ever
added to the training side. Scores are entity-level exact match (``conll_score``, the
conlleval rules), per type and micro-averaged overall.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import Counter
from pathlib import Path

from .lang.ar.clitics import CONJUNCTIONS, MEEM, NOON, PREPOSITIONS, THIRD_PERSON_SUFFIXES
from .lang.ar.letters import ALEF, KAF, TA, TEH_MARBUTA
from .lang.ar.normalize import normalize
from .ner import (
    SENTENCE_END,
    TOKEN_RE,
    bio_chunks,
    sentence_features,
)

Sentence = tuple[list[str], list[str]]  # normalised tokens, BIO labels

ANERCORP_TYPES = ("PERS", "ORG", "LOC", "MISC")
PROCLITIC_TOKENS = frozenset(CONJUNCTIONS + PREPOSITIONS)  # و ف ب ل ك
# Pronoun suffixes WikiFANE splits off (عاصمة ها): ه ها هم هما هن نا كم
ENCLITIC_TOKENS = frozenset(THIRD_PERSON_SUFFIXES + (NOON + ALEF, KAF + MEEM))

# WikiFANE fine class -> ANERcorp type ("" = not an entity for ANERcorp).
WIKIFANE_TYPES = {
    **dict.fromkeys(
        ("Politician", "Religious_PER", "Artist", "Other_PER", "Scientist", "Businessperson",
         "Athlete", "Engineer", "Lawyer", "Police"),
        "PERS",
    ),
    "Group": "",
    **dict.fromkeys(
        ("Government", "Commercial", "Educational", "Entertainment", "Media", "Medical-Science",
         "Non-Governmental", "Religious_ORG", "Sports"),
        "ORG",
    ),
    **dict.fromkeys(
        ("Nation", "Population-Center", "State-or-Province", "County-or-District", "GPE-Cluster",
         "Continent", "Water-Body", "Celestial", "Land-Region-Natural", "Boundary", "Address",
         "Region-General", "Region-International", "Building-Grounds", "Airport", "Path",
         "Subarea-Facility", "Plant"),
        "LOC",
    ),
}


def default_model_path() -> Path:
    return Path(__file__).resolve().parent / "resources" / "ner_crf.model"


# --------------------------------------------------------------------------- reading


def _split_token(token: str, label: str) -> tuple[list[str], list[str]]:
    """A corpus token as the tagger's tokens (normalised), with labels spread over the pieces."""
    pieces = TOKEN_RE.findall(normalize(token).text)
    prefix, _, typ = label.partition("-")
    words, labels = [], []
    first = True
    for p in pieces:
        words.append(p)
        if prefix in ("B", "I") and typ and p[0].isalnum():
            labels.append((prefix if first else "I") + "-" + typ)
            first = False
        else:
            labels.append("O")
    return words, labels


def _clean_label(label: str, types: tuple[str, ...]) -> str:
    prefix, _, typ = label.partition("-")
    return label if prefix in ("B", "I") and typ in types else "O"


def read_anercorp(path: str | Path) -> list[Sentence]:
    """ANERcorp sentences (a "." or other sentence-final token ends one)."""
    sents: list[Sentence] = []
    words: list[str] = []
    labels: list[str] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) < 2:
                continue
            ws, ls = _split_token(parts[0], _clean_label(parts[-1], ANERCORP_TYPES))
            words += ws
            labels += ls
            if ws and ws[-1] in SENTENCE_END:
                sents.append((words, labels))
                words, labels = [], []
    if words:
        sents.append((words, labels))
    return sents


def _wikifane_label(tag: str) -> str:
    prefix, _, fine = tag.partition("-")
    if prefix not in ("B", "I"):
        return "O"
    coarse = WIKIFANE_TYPES.get(fine, "")
    return f"{prefix}-{coarse}" if coarse else "O"


def _reattach_proclitics(tokens: list[str], labels: list[str]) -> tuple[list[str], list[str]]:
    """Glue split proclitics (و ب ل ك ف) onto the next token and pronoun suffixes onto the previous one."""
    out_t: list[str] = []
    out_l: list[str] = []
    pending = ""
    pending_label = "O"
    for tok, lab in zip(tokens, labels):
        if tok in PROCLITIC_TOKENS:
            if not pending:
                pending_label = lab
            pending += tok
            continue
        if pending and tok[:1].isalpha():
            tok = pending + tok
            if lab == "O" and pending_label != "O":
                lab = pending_label
        elif pending:
            out_t.append(pending)
            out_l.append(pending_label)
        pending = ""
        out_t.append(tok)
        out_l.append(lab)
    if pending:
        out_t.append(pending)
        out_l.append(pending_label)
    glued_t: list[str] = []
    glued_l: list[str] = []
    for tok, lab in zip(out_t, out_l):
        if tok in ENCLITIC_TOKENS and lab == "O" and glued_t and glued_t[-1][-1:].isalpha():
            stem = glued_t[-1]
            if stem.endswith(TEH_MARBUTA):  # teh marbuta is written teh before a suffix (عاصمة + ها = عاصمتها)
                stem = stem[:-1] + TA
            glued_t[-1] = stem + tok
        else:
            glued_t.append(tok)
            glued_l.append(lab)
    return glued_t, glued_l


WIKIFANE_FILTERS = ("all", "mapped", "pers", "pers-gpe")
# Fine classes of countries, cities and regions: the core of ANERcorp's LOC.
WIKIFANE_GPE = frozenset({"Nation", "Population-Center", "State-or-Province", "County-or-District", "GPE-Cluster", "Continent"})


def _keep_wikifane(fine_classes: set[str], keep: str) -> bool:
    """Whether a WikiFANE sentence whose entities have these fine classes joins the training data.

    ``all``: every sentence. ``mapped``: sentences with at least one entity, all of them of a
    class mapped to PERS/ORG/LOC (no Group/PRO/VEH/WEA name, which ANERcorp would tag MISC or
    not at all, is taught as O). ``pers``: sentences whose entities are all persons.
    ``pers-gpe``: sentences whose entities are all persons, countries, cities or regions.
    """
    if keep == "all":
        return True
    if keep == "pers-gpe":
        return bool(fine_classes) and all(WIKIFANE_TYPES.get(f) == "PERS" or f in WIKIFANE_GPE for f in fine_classes)
    coarse = {WIKIFANE_TYPES.get(f, "") for f in fine_classes}
    if not coarse or "" in coarse:
        return False
    return keep == "mapped" or coarse == {"PERS"}


def read_wikifane(path: str | Path, reattach: bool = True, keep: str = "all") -> list[Sentence]:
    """WikiFANE Gold sentences mapped to ANERcorp's tag set (see the module docstring).

    ``keep`` selects sentences by the fine classes of their entities (``_keep_wikifane``).
    """
    if keep not in WIKIFANE_FILTERS:
        raise ValueError(f"keep must be one of {WIKIFANE_FILTERS}")
    sents: list[Sentence] = []
    raw_t: list[str] = []
    raw_l: list[str] = []
    fine: set[str] = set()

    def flush() -> None:
        if not raw_t:
            return
        if not _keep_wikifane(fine, keep):
            raw_t.clear()
            raw_l.clear()
            fine.clear()
            return
        toks, labs = _reattach_proclitics(raw_t, raw_l) if reattach else (raw_t, raw_l)
        words: list[str] = []
        labels: list[str] = []
        for t, lab in zip(toks, labs):
            ws, ls = _split_token(t, lab)
            words += ws
            labels += ls
        if words:
            sents.append((words, labels))
        raw_t.clear()
        raw_l.clear()
        fine.clear()

    with open(path, encoding="utf-8", newline="") as fh:
        for line in fh:
            line = line.rstrip("\r\n")
            tok, _, tag = line.partition("\t")
            tok = tok.replace("\u200e", "").replace("\ufeff", "").strip()
            if not tok:
                flush()
                continue
            tag = tag.strip()
            if tag[:2] in ("B-", "I-"):
                fine.add(tag[2:])
            raw_t.append(tok)
            raw_l.append(_wikifane_label(tag))
    flush()
    return sents


def thin(sents: list[Sentence], fraction: float) -> list[Sentence]:
    """An evenly spread, deterministic ``fraction`` of ``sents`` (1.0: all of them, in order)."""
    if fraction >= 1.0:
        return list(sents)
    if fraction <= 0.0:
        return []
    return [s for i, s in enumerate(sents) if int((i + 1) * fraction) > int(i * fraction)]


# --------------------------------------------------------------------------- scoring


def conll_score(gold: list[list[str]], pred: list[list[str]]) -> dict[str, dict[str, float]]:
    """Entity-level exact-match precision, recall and F1 (percent), per type and ``overall``.

    Same chunk rules as conlleval: a predicted entity counts only when its first token, last
    token and type all equal a gold entity's. ``overall`` is the micro average over types.
    """
    tp: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    for g_seq, p_seq in zip(gold, pred, strict=True):
        if len(g_seq) != len(p_seq):
            raise ValueError("gold and predicted sequences differ in length")
        g = set(bio_chunks(g_seq))
        p = set(bio_chunks(p_seq))
        for _, _, t in g:
            n_gold[t] += 1
        for _, _, t in p:
            n_pred[t] += 1
        for _, _, t in g & p:
            tp[t] += 1

    def prf(t: int, ng: int, np_: int) -> dict[str, float]:
        prec = 100.0 * t / np_ if np_ else 0.0
        rec = 100.0 * t / ng if ng else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        return {"precision": prec, "recall": rec, "f1": f1, "gold": ng, "predicted": np_, "correct": t}

    out = {t: prf(tp[t], n_gold[t], n_pred[t]) for t in sorted(set(n_gold) | set(n_pred))}
    out["overall"] = prf(sum(tp.values()), sum(n_gold.values()), sum(n_pred.values()))
    return out


# --------------------------------------------------------------------------- training


def train(sents: list[Sentence], out: str | Path, c1: float, c2: float, max_iterations: int) -> float:
    """Train a CRF (L-BFGS, elastic net) on ``sents`` and write it to ``out``; returns seconds taken."""
    import pycrfsuite

    t0 = time.perf_counter()
    trainer = pycrfsuite.Trainer(verbose=False)
    for words, labels in sents:
        trainer.append(sentence_features(words), labels)
    trainer.set_params({
        "c1": c1,
        "c2": c2,
        "max_iterations": max_iterations,
        "feature.possible_transitions": True,
    })
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    return time.perf_counter() - t0


def _tag_all(model: str | Path, sents: list[Sentence]) -> list[list[str]]:
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    return [tagger.tag(sentence_features(words)) for words, _ in sents]


def cross_validate(
    sents: list[Sentence],
    folds: int,
    extra: list[Sentence] | None = None,
    c1: float = 0.05,
    c2: float = 0.01,
    max_iterations: int = 150,
    workdir: str | Path = "/tmp",
    log=print,
) -> dict:
    """k-fold CV over contiguous blocks of ``sents``; ``extra`` sentences join every training side."""
    n = len(sents)
    gold: list[list[str]] = []
    pred: list[list[str]] = []
    seconds = []
    for k in range(folds):
        lo, hi = n * k // folds, n * (k + 1) // folds
        test = sents[lo:hi]
        train_part = sents[:lo] + sents[hi:] + (extra or [])
        model = Path(workdir) / f"ner_cv_fold{k}.model"
        secs = train(train_part, model, c1, c2, max_iterations)
        seconds.append(secs)
        fold_pred = _tag_all(model, test)
        fold_gold = [labels for _, labels in test]
        gold += fold_gold
        pred += fold_pred
        f1 = conll_score(fold_gold, fold_pred)["overall"]["f1"]
        log(f"  fold {k + 1}/{folds}: {len(test)} sentences, train {secs:.0f} s, F1 {f1:.1f}")
        model.unlink(missing_ok=True)
    scores = conll_score(gold, pred)
    no_misc = conll_score(
        [[lab if not lab.endswith("MISC") else "O" for lab in s] for s in gold],
        [[lab if not lab.endswith("MISC") else "O" for lab in s] for s in pred],
    )
    return {"scores": scores, "overall_without_misc": no_misc["overall"], "train_seconds": seconds}


# --------------------------------------------------------------------------- speed


def benchmark(news_path: str | Path, limit: int = 2000) -> dict[str, float]:
    """Tokens per second of ``ner.predict_spans`` on the first ``limit`` articles of a JSONL(.gz) corpus."""
    from .ner import load_tagger, predict_spans, tokenize
    from .records import Document

    opener = gzip.open if str(news_path).endswith(".gz") else open
    docs = []
    with opener(news_path, "rt", encoding="utf-8") as fh:
        for line in fh:
            obj = json.loads(line)
            docs.append(Document(doc_id=str(obj.get("id", len(docs))), title=obj.get("title") or "", text=obj.get("text") or ""))
            if len(docs) >= limit:
                break
    load_tagger()
    n_tokens = sum(len(tokenize(d.text)) for d in docs)
    t0 = time.perf_counter()
    n_spans = sum(len(predict_spans(d)) for d in docs)
    secs = time.perf_counter() - t0
    return {"documents": len(docs), "tokens": n_tokens, "seconds": secs, "tokens_per_second": n_tokens / secs, "spans": n_spans}


# --------------------------------------------------------------------------- command


def _format_scores(title: str, res: dict) -> str:
    lines = [title, f"  {'type':8} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}"]
    for t, s in res["scores"].items():
        lines.append(f"  {t:8} {s['precision']:6.1f} {s['recall']:6.1f} {s['f1']:6.1f} {s['gold']:6d}")
    o = res["overall_without_misc"]
    lines.append(f"  {'no MISC':8} {o['precision']:6.1f} {o['recall']:6.1f} {o['f1']:6.1f} {o['gold']:6d}")
    lines.append(f"  mean training time per fold: {sum(res['train_seconds']) / len(res['train_seconds']):.0f} s")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """``marsad train-ner``: cross-validate, then train on everything and write the model."""
    log = print
    anercorp = read_anercorp(args.anercorp)
    extra = read_wikifane(args.wikifane, keep=args.wikifane_keep) if args.wikifane else []
    extra = thin(extra, args.wikifane_fraction)
    log(f"ANERcorp: {len(anercorp)} sentences, {sum(len(w) for w, _ in anercorp)} tokens"
        + (f"; WikiFANE: {len(extra)} sentences, {sum(len(w) for w, _ in extra)} tokens" if extra else ""))
    report: dict = {"c1": args.c1, "c2": args.c2, "max_iterations": args.max_iterations, "folds": args.folds}
    if args.folds and args.folds > 1:
        log(f"{args.folds}-fold cross-validation on ANERcorp" + (" (+ WikiFANE in training)" if extra else ""))
        res = cross_validate(anercorp, args.folds, extra, args.c1, args.c2, args.max_iterations)
        log(_format_scores("Entity-level exact match (conlleval rules), micro average:", res))
        log("  published, ANERcorp test split: CAMeLBERT-MSA 82.4, AraBERT v0.1 84.2 F1")
        report["cv"] = res
    if not args.no_final:
        secs = train(anercorp + extra, args.out, args.c1, args.c2, args.max_iterations)
        size = Path(args.out).stat().st_size
        log(f"model written to {args.out}: {size / 1e6:.2f} MB, trained in {secs:.0f} s")
        report["final"] = {"path": str(args.out), "bytes": size, "train_seconds": secs}
    if args.news:
        from . import ner

        if Path(args.out).resolve() != default_model_path():
            log("(speed measured with the shipped model, not --out)")
        ner.reload_model()
        bench = benchmark(args.news, args.news_limit)
        log(f"speed: {bench['tokens']} tokens in {bench['seconds']:.1f} s = {bench['tokens_per_second']:.0f} tokens/s, "
            f"{bench['spans']} spans")
        report["speed"] = bench
    if args.report:
        Path(args.report).write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


def _add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--anercorp", required=True, help="ANERcorp training portion (TOKEN TAG a line)")
    p.add_argument("--wikifane", default=None, help="WikiFANE Gold file (optional, added to training)")
    p.add_argument("--wikifane-keep", default="all", choices=WIKIFANE_FILTERS,
                   help="WikiFANE sentences to add (see _keep_wikifane)")
    p.add_argument("--wikifane-fraction", type=float, default=1.0,
                   help="use this evenly spread share of the selected WikiFANE sentences (down-weights them)")
    p.add_argument("--out", default=str(default_model_path()), help="model file (default: the shipped model)")
    p.add_argument("--folds", type=int, default=5, help="cross-validation folds (0 or 1: skip)")
    p.add_argument("--c1", type=float, default=0.05, help="L1 penalty (prunes features: a smaller model)")
    p.add_argument("--c2", type=float, default=0.01, help="L2 penalty")
    p.add_argument("--max-iterations", type=int, default=150)
    p.add_argument("--no-final", action="store_true", help="only cross-validate, do not write a model")
    p.add_argument("--news", default=None, help="news JSONL(.gz): measure tagging speed with the shipped model")
    p.add_argument("--news-limit", type=int, default=2000, help="articles to time (default 2000)")
    p.add_argument("--report", default=None, help="write the scores as JSON here")


def add_train_ner_parser(subparsers) -> argparse.ArgumentParser:
    """Add the ``train-ner`` subcommand to the ``marsad`` CLI's subparsers."""
    p = subparsers.add_parser("train-ner", help="train the CRF named-entity model and report cross-validated F1")
    _add_arguments(p)
    p.set_defaults(func=run)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m data_pipeline.ner_train", description=__doc__.splitlines()[0])
    _add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
