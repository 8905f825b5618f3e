"""The ``marsad`` command: build tables from articles, serve the dashboard."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
SEEDS_DIR = REPO_ROOT / "seeds"
DEFAULT_DATA = REPO_ROOT / "data" / "seeds"


def cmd_build(args: argparse.Namespace) -> int:
    from .build import build

    try:
        summary = build(
            args.inputs,
            args.out,
            workers=args.workers,
            progress=False if args.no_progress else None,
            incremental=not args.full,
            scheduler=args.scheduler,
            partition_rows=args.partition_rows,
        )
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(summary.report())
    if summary.documents_read == 0:
        print("error: no document could be read from the inputs", file=sys.stderr)
        return 1
    return 0


def build_demo_tables(data: Path) -> None:
    """(Re)build the demo tables from seeds/ and the dashboard's uploads; unchanged documents are reused."""
    from .build import build, uploads_dir

    inputs = [SEEDS_DIR] + ([uploads_dir(data)] if uploads_dir(data).is_dir() else [])
    print(f"Building the demo tables from {', '.join(map(str, inputs))} into {data} ...", file=sys.stderr)
    summary = build(inputs, data, progress=False)
    print(summary.report(), file=sys.stderr)


def cmd_serve(args: argparse.Namespace) -> int:
    data = Path(args.data).resolve() if args.data else DEFAULT_DATA
    if args.data is None:
        build_demo_tables(data)
    elif not (data / "documents.parquet").exists():
        print(f"error: no tables in {data}; run `marsad build INPUT --out {data}` first", file=sys.stderr)
        return 1
    env = {**os.environ, "MARSAD_DATA": str(data)}
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(REPO_ROOT / "dashboard" / "app.py"),
        "--server.port", str(args.port), "--server.address", args.address,
    ]
    print(f"Marsad dashboard: http://{args.address}:{args.port}  (data: {data})", file=sys.stderr)
    # Streamlit reads .streamlit/config.toml from the working directory.
    return subprocess.call(cmd, cwd=REPO_ROOT, env=env)


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="marsad", description="Arabic news -> evidence-linked fact tables.")
    sub = parser.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="read articles and write the tables")
    b.add_argument("inputs", nargs="+", help="files or folders (.txt .md .html .json .jsonl .jsonl.gz .csv)")
    b.add_argument("--out", required=True, help="folder for the Parquet tables")
    b.add_argument("--workers", type=int, default=None, help="worker processes (default: all cores)")
    b.add_argument("--full", action="store_true", help="re-process every document, even unchanged ones")
    b.add_argument("--no-progress", action="store_true", help="no progress bar")
    b.add_argument("--scheduler", default=None, help="Dask scheduler address (tcp://HOST:8786): process on a cluster")
    b.add_argument("--partition-rows", type=int, default=None, help="write each table as a folder of parts of N rows")
    b.set_defaults(func=cmd_build)

    s = sub.add_parser("serve", help="open the dashboard")
    s.add_argument("--data", default=None, help="tables folder (default: the demo built from seeds/)")
    s.add_argument("--port", type=int, default=8501)
    s.add_argument("--address", default="127.0.0.1")
    s.set_defaults(func=cmd_serve)

    from .evaluate import add_eval_parser
    from .ner_train import add_train_ner_parser
    from .word_clusters import add_train_clusters_parser

    add_eval_parser(sub)
    add_train_ner_parser(sub)
    add_train_clusters_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
