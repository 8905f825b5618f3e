"""Pick news articles for a hand-annotated gold set, reproducibly.

    python3 scripts/select_gold.py ../shared/corpora/news/ant-news-2018.jsonl.gz \
        --seed 2026 --exclude eval/gold --out eval/heldout

draws, per outlet, articles of 150-300 words that contain a digit, a reporting verb and a
date word, spread over the outlet's categories (news categories twice as often, since they
carry most actors), skips every ``doc_id`` already in an ``--exclude`` folder, and writes
one skeleton JSON per article (text verbatim, empty annotation lists) for the annotators.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import defaultdict
from pathlib import Path

import gzip

from data_pipeline.readers import make_document

REPORTING = re.compile(r"\b(?:[وف]?(?:قال|قالت|أكد|أكدت|أضاف|أضافت|أعلن|أعلنت|أوضح|أوضحت|ذكر|ذكرت))\b")
DATE_WORD = re.compile(
    r"(?:يناير|فبراير|مارس|أبريل|إبريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر|"
    r"الاثنين|الثلاثاء|الأربعاء|الخميس|الجمعة|السبت|الأحد|أمس|العام الماضي)"
)
NEWS_CATEGORIES = {"middleEast", "internationalNews"}


def _shingles(text: str, k: int = 5) -> set[tuple[str, ...]]:
    words = text.split()
    return {tuple(words[i : i + k]) for i in range(len(words) - k + 1)}


def _near_duplicate(shingles: set, others: list[set], threshold: float = 0.3) -> bool:
    """Whether ``shingles`` share over ``threshold`` of the smaller set with any of ``others``."""
    return any(len(shingles & o) > threshold * max(1, min(len(shingles), len(o))) for o in others)


def eligible(text: str) -> bool:
    words = len(text.split())
    return 150 <= words <= 300 and bool(re.search(r"\d", text)) and bool(REPORTING.search(text)) and bool(DATE_WORD.search(text))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--per-outlet", type=int, default=5)
    ap.add_argument("--exclude", action="append", default=[], help="folder of gold JSON files to skip")
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)

    excluded = {p.stem for folder in args.exclude for p in Path(folder).glob("*.json")}
    # near-duplicates of excluded articles (the same story under another id) are skipped too
    excluded_shingles = [
        _shingles(json.loads(p.read_text(encoding="utf-8"))["text"]) for folder in args.exclude for p in Path(folder).glob("*.json")
    ]
    pools: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    opener = gzip.open if args.corpus.endswith(".gz") else open
    with opener(args.corpus, "rt", encoding="utf-8") as f:
        for n, line in enumerate(f):
            doc = make_document(json.loads(line), f"line-{n}")
            if doc.doc_id in excluded or not eligible(doc.text):
                continue
            if excluded_shingles and _near_duplicate(_shingles(doc.text), excluded_shingles):
                continue
            pools[doc.source or ""][doc.category or ""].append(doc)

    rng = random.Random(args.seed)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for outlet in sorted(pools):
        cats = sorted(pools[outlet])
        weighted = [c for c in cats for _ in range(2 if c in NEWS_CATEGORIES else 1)]
        chosen: list = []
        while len(chosen) < args.per_outlet and any(pools[outlet][c] for c in cats):
            cat = rng.choice(weighted)
            if pools[outlet][cat]:
                doc = pools[outlet][cat].pop(rng.randrange(len(pools[outlet][cat])))
                chosen.append((cat, doc))
        for cat, doc in chosen:
            record = {
                "doc_id": doc.doc_id, "source": doc.source, "category": cat, "published": doc.published,
                "url": doc.url, "title": doc.title, "text": doc.text,
                "entities": [], "quantities": [], "timeline": [], "claims": [],
            }
            path = out / f"{doc.doc_id}.json"
            path.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            print(path, len(doc.text.split()), "words")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
