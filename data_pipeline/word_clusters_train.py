"""Training of the word classes in ``resources/word_clusters.tsv`` (``marsad train-clusters``).

Tokenises news text exactly as the tagger does (``ner.tokenize`` on the normalised view), trains
word2vec (gensim, skip-gram; ``pip install marsad[train]``) and cuts the vectors into k-means
classes at the granularities of ``word_clusters.LEVELS``. Training code: the extractors never import it.
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from pathlib import Path

from .lang.ar.normalize import normalize
from .word_clusters import CLUSTERS_NAME, LEVELS


def _sentences_from_text(text: str) -> list[list[str]]:
    from .ner import split_sentences, tokenize

    norm = normalize(text).text
    toks = tokenize(norm)
    return [[norm[s:e] for s, e in toks[a:b]] for a, b in split_sentences(norm, toks)]


def read_news(path: str | Path, exclude: set[str]) -> list[list[str]]:
    """Tokenised sentences of every article of a JSONL(.gz) corpus whose id is not in ``exclude``."""
    opener = gzip.open if str(path).endswith(".gz") else open
    sents: list[list[str]] = []
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            obj = json.loads(line)
            if str(obj.get("id")) in exclude:
                continue
            for field in ("title", "text"):
                value = obj.get(field)
                if isinstance(value, str) and value:
                    sents += _sentences_from_text(value)
    return sents


def read_conll_text(path: str | Path) -> list[list[str]]:
    """The tokens of a CoNLL file (labels ignored) as sentences, tokenised like the tagger."""
    from .ner_train import read_anercorp

    return [words for words, _ in read_anercorp(path)]


def kmeans(vectors, k: int, iterations: int = 25, seed: int = 0):
    """Spherical k-means (cosine) with numpy; returns the class index of every row."""
    import numpy as np

    rng = np.random.default_rng(seed)
    x = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
    centres = x[rng.choice(len(x), size=k, replace=False)].copy()
    assign = np.zeros(len(x), dtype=np.int64)
    for _ in range(iterations):
        for lo in range(0, len(x), 20_000):
            assign[lo:lo + 20_000] = np.argmax(x[lo:lo + 20_000] @ centres.T, axis=1)
        sums = np.zeros_like(centres)
        np.add.at(sums, assign, x)
        counts = np.bincount(assign, minlength=k)
        empty = counts == 0
        sums[empty] = x[rng.choice(len(x), size=int(empty.sum()), replace=False)]
        centres = sums / np.maximum(np.linalg.norm(sums, axis=1, keepdims=True), 1e-9)
    return assign


def train(sentences: list[list[str]], out: str | Path, min_count: int, dim: int, epochs: int,
          workers: int, seed: int, window: int = 2, log=print) -> dict:
    from gensim.models import Word2Vec

    t0 = time.perf_counter()
    model = Word2Vec(sentences=sentences, vector_size=dim, window=window, min_count=min_count, sg=1,
                     negative=10, epochs=epochs, workers=workers, seed=seed)
    words = [w for w in model.wv.index_to_key if any(ch.isalpha() for ch in w)]
    vectors = model.wv[words]
    log(f"word2vec: {len(words)} words x {dim} dims in {time.perf_counter() - t0:.0f} s")
    classes = {}
    for k in LEVELS:
        t1 = time.perf_counter()
        classes[k] = kmeans(vectors, k, seed=seed)
        log(f"k-means {k}: {time.perf_counter() - t1:.0f} s")
    out = Path(out)
    with open(out, "w", encoding="utf-8") as fh:
        fh.write("# Word classes: word2vec (skip-gram) on news text + k-means; `marsad train-clusters` writes this file.\n")
        fh.write("word\t" + "\t".join(f"c{k}" for k in LEVELS) + "\n")
        for i, w in enumerate(words):
            fh.write(w + "\t" + "\t".join(str(int(classes[k][i])) for k in LEVELS) + "\n")
    return {"words": len(words), "seconds": time.perf_counter() - t0, "bytes": out.stat().st_size}


def _gold_ids(folders: list[str]) -> set[str]:
    ids = set()
    for folder in folders:
        for p in Path(folder).glob("*.json"):
            ids.add(json.loads(p.read_text(encoding="utf-8")).get("doc_id", p.stem))
    return ids


def run(args: argparse.Namespace) -> int:
    exclude = _gold_ids(args.exclude)
    t0 = time.perf_counter()
    sents = []
    for path in args.news:
        sents += read_news(path, exclude)
    for path in args.conll:
        sents += read_conll_text(path)
    n_tokens = sum(len(s) for s in sents)
    print(f"{len(sents)} sentences, {n_tokens} tokens ({len(exclude)} gold articles left out), "
          f"read in {time.perf_counter() - t0:.0f} s")
    res = train(sents, args.out, args.min_count, args.dim, args.epochs, args.workers, args.seed, args.window)
    print(f"{res['words']} words written to {args.out} ({res['bytes'] / 1e6:.1f} MB) in {res['seconds']:.0f} s")
    return 0


def default_out() -> Path:
    return Path(__file__).resolve().parent / "resources" / CLUSTERS_NAME


def _add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--news", action="append", default=[], required=True, help="news JSONL(.gz) (repeatable)")
    p.add_argument("--conll", action="append", default=[], help="CoNLL file whose tokens join the text (repeatable)")
    p.add_argument("--exclude", action="append", default=["eval/gold", "eval/heldout"],
                   help="folder of gold JSON whose articles are left out (default: eval/gold, eval/heldout)")
    p.add_argument("--out", default=str(default_out()))
    p.add_argument("--min-count", type=int, default=5)
    p.add_argument("--dim", type=int, default=100)
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--window", type=int, default=2, help="context words each side (small: classes of kind, not topic)")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--seed", type=int, default=1)


def add_train_clusters_parser(subparsers) -> argparse.ArgumentParser:
    p = subparsers.add_parser("train-clusters", help="learn word classes from unlabelled news (needs gensim)")
    _add_arguments(p)
    p.set_defaults(func=run)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    _add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
