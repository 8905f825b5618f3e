"""Draw the demo's real-news sample from the ANT corpus (deterministic: the same corpus gives the same file).

    python3 scripts/make_demo_sample.py [--corpus ../shared/corpora/news/ant-news-2018.jsonl.gz] [--size 1000]

writes ``seeds/ant-news-2018-sample.jsonl.gz`` (the corpus's own fields, one article a line).

How it draws:
- only articles published Feb-Oct 2018, the corpus's crawl window (a few dozen older feed items would
  stretch the timeline back to 2012 for nothing);
- never an article of ``eval/gold`` or ``eval/heldout``: the hand-annotated sets must stay unseen by anything
  a developer looks at while tuning;
- near-duplicates skipped cheaply: a second article with the same normalised title or the same opening of
  its text (outlets re-publish the same wire story);
- stratified by outlet x category (17 cells): each cell gets a share proportional to the square root of its
  size, so Sky News (half the corpus) does not crowd out France 24's culture pages, yet larger cells still
  weigh more; inside a cell the share is spread over the months in proportion to the cell's own months;
- inside a (cell, month) the articles are taken in the order of a SHA-256 of their id: an arbitrary but
  fixed order that does not depend on the corpus's line order or on Python's hash seed.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import math
import re
import sys
from collections import defaultdict
from email.utils import parsedate_to_datetime
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpora" / "news" / "ant-news-2018.jsonl.gz"
OUT = REPO_ROOT / "seeds" / "ant-news-2018-sample.jsonl.gz"
EVAL_DIRS = (REPO_ROOT / "eval" / "gold", REPO_ROOT / "eval" / "heldout")
FIELDS = ("id", "source", "category", "url", "title", "published", "author", "text")
MONTHS = ("2018-02", "2018-03", "2018-04", "2018-05", "2018-06", "2018-07", "2018-08", "2018-09", "2018-10")
TEXT_KEY_CHARS = 200


def eval_ids(dirs=EVAL_DIRS) -> set[str]:
    """The ids of the hand-annotated articles (file names are their ids)."""
    return {p.stem for d in dirs for p in Path(d).glob("*.json")}


def month(published: str) -> str | None:
    try:
        return parsedate_to_datetime(published).strftime("%Y-%m")
    except (TypeError, ValueError):
        return None


def _norm(text: str) -> str:
    # Enough to catch the same headline re-published with other punctuation or spacing.
    return re.sub(r"[\W_]+", " ", text or "").strip().lower()


def _order(article_id: str) -> str:
    return hashlib.sha256(article_id.encode("utf-8")).hexdigest()


def largest_remainder(weights: dict, total: int, caps: dict) -> dict:
    """Split ``total`` over the keys in proportion to ``weights``, no key above its cap (Hamilton's method,
    ties broken by key so the split is deterministic); what a capped key cannot take goes to the others."""
    share = {k: 0 for k in weights}
    left = min(total, sum(caps.values()))
    open_keys = [k for k in sorted(weights) if caps[k] > 0]
    while left > 0 and open_keys:
        w = sum(weights[k] for k in open_keys)
        exact = {k: left * weights[k] / w for k in open_keys}
        add = {k: min(math.floor(exact[k]), caps[k] - share[k]) for k in open_keys}
        rest = left - sum(add.values())
        for k in sorted(open_keys, key=lambda k: (-(exact[k] - math.floor(exact[k])), k)):
            if rest == 0:
                break
            if share[k] + add[k] < caps[k]:
                add[k] += 1
                rest -= 1
        for k in open_keys:
            share[k] += add[k]
        left = min(total, sum(caps.values())) - sum(share.values())
        open_keys = [k for k in open_keys if share[k] < caps[k]]
    return share


def select(articles, size: int, excluded: set[str]) -> list[dict]:
    """The sample, in (outlet, category, month, hash) order."""
    cells: dict[tuple, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for a in articles:
        m = month(a.get("published"))
        if a["id"] in excluded or m not in MONTHS:
            continue
        cells[(a["source"], a["category"])][m].append(a)
    for by_month in cells.values():
        for m in by_month:
            by_month[m].sort(key=lambda a: _order(a["id"]))

    sizes = {c: sum(len(v) for v in by_month.values()) for c, by_month in cells.items()}
    quota = largest_remainder({c: math.sqrt(n) for c, n in sizes.items()}, size, sizes)
    seen_titles: set[str] = set()
    seen_texts: set[str] = set()
    chosen: list[dict] = []
    for cell in sorted(cells):
        by_month = cells[cell]
        counts = {m: len(v) for m, v in by_month.items()}
        per_month = largest_remainder({m: float(n) for m, n in counts.items()}, quota[cell], counts)
        for m in sorted(by_month):
            taken = 0
            for a in by_month[m]:
                if taken == per_month[m]:
                    break
                title, opening = _norm(a.get("title")), _norm(a.get("text"))[:TEXT_KEY_CHARS]
                if title in seen_titles or opening in seen_texts:
                    continue
                seen_titles.add(title)
                seen_texts.add(opening)
                chosen.append(a)
                taken += 1
    return chosen


def read_corpus(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def write_sample(rows: list[dict], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0 and no file name in the gzip header: the same sample gives the same bytes.
    with open(out, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz:
        for a in rows:
            line = json.dumps({k: a.get(k) for k in FIELDS}, ensure_ascii=False)
            gz.write((line + "\n").encode("utf-8"))


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    p.add_argument("--size", type=int, default=1000)
    p.add_argument("--out", type=Path, default=OUT)
    args = p.parse_args(argv)
    rows = select(read_corpus(args.corpus), args.size, eval_ids())
    write_sample(rows, args.out)
    by_source: dict[str, int] = defaultdict(int)
    for a in rows:
        by_source[a["source"]] += 1
    print(f"{len(rows)} articles -> {args.out} ({args.out.stat().st_size:,} bytes); "
          + ", ".join(f"{s} {n}" for s, n in sorted(by_source.items())), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
