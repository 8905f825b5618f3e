"""The ``marsad`` command: build tables from articles, serve the dashboard."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
# The seed article and 1,000 real articles of the ANT corpus (seeds/ant-news-2018-sample.jsonl.gz;
# docs/demo-sample.md: source, licence, how they were drawn), so the demo's first screen is a corpus.
SEEDS_DIR = REPO_ROOT / "seeds"
DEFAULT_DATA = REPO_ROOT / "data" / "seeds"


def cmd_build(args: argparse.Namespace) -> int:
    from .build import build
    from .layout import BuildBusy

    def waiting() -> None:
        print(f"marsad: another build or upload is writing into {args.out}; waiting for it to end ...", file=sys.stderr)

    try:
        summary = build(
            args.inputs,
            args.out,
            workers=args.workers,
            progress=False if args.no_progress else None,
            incremental=not args.full,
            scheduler=args.scheduler,
            partition_rows=args.partition_rows,
            with_uploads=not args.without_uploads,
            wait=not args.no_wait,
            on_wait=waiting,
        )
    except (ValueError, BuildBusy) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # read-only folder, full disk ...: the previous tables are untouched
        print(f"error: cannot write the tables to {args.out}: {_os_error(exc)} (the previous tables, if any, are unchanged)",
              file=sys.stderr)
        return 1
    print(summary.report())
    if summary.documents_read == 0:
        print("error: no document could be read from the inputs", file=sys.stderr)
        return 1
    return 0


def _os_error(exc: OSError) -> str:
    """One readable line for an OSError: its reason and the file it names."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    where = exc.filename if exc.filename else None
    return f"{reason} ({where})" if where else reason


def cmd_add(args: argparse.Namespace) -> int:
    from .uploads import main_add

    return main_add(args.out, args.job, args.replace, args.workers)


def demo_inputs() -> list[Path]:
    """What the demo is built from: ``seeds/``, the seed article and the ANT sample."""
    return [SEEDS_DIR]


def build_demo_tables(data: Path) -> None:
    """(Re)build the demo tables from seeds/, the seed article and the ANT sample (and, as every build does, the dashboard's
    uploads beside them); unchanged documents are reused, so only the first run takes long."""
    from .build import build

    inputs = demo_inputs()
    print(f"Building the demo tables from {', '.join(str(p) for p in inputs)} into {data} ...", file=sys.stderr)
    summary = build(inputs, data, progress=False)
    print(summary.report(), file=sys.stderr)


def cmd_serve(args: argparse.Namespace) -> int:
    from dashboard.server import TOKEN_ENV, exposure_error, launch_args

    from .layout import dataset_path

    token = args.token or os.environ.get(TOKEN_ENV) or None
    error = exposure_error(args.address, token)  # before any build or server
    if error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    # Not resolved: DIR is a link to the current build, switched by every rebuild; the dashboard
    # follows it at each rerun and keeps uploads beside it, in DIR-uploads.
    data = dataset_path(args.data) if args.data else DEFAULT_DATA
    if args.data is None:
        build_demo_tables(data)
    elif not (data / "documents.parquet").exists():
        print(f"error: no tables in {data}; run `marsad build ARTICLES --out {data}` first", file=sys.stderr)
        return 1
    env = {**os.environ, "MARSAD_DATA": str(data)}
    env.pop(TOKEN_ENV, None)
    if token:
        env[TOKEN_ENV] = token  # to the launcher through its environment: never on a command line (ps)
    # dashboard.server guards Streamlit (Host names, token, read-only, framing) and then runs it.
    cmd = [sys.executable, "-m", "dashboard.server",
           *launch_args(args.port, args.address, args.allowed_host, args.read_only)]
    print(f"Marsad dashboard: http://{args.address}:{args.port}  (data: {data})", file=sys.stderr)
    # Streamlit reads .streamlit/config.toml from the working directory.
    return _exec(cmd, cwd=REPO_ROOT, env=env)


def _exec(cmd: list[str], cwd: Path, env: dict[str, str]) -> int:
    """Become the server (no child left behind: a SIGTERM to ``marsad serve`` reaches Streamlit)."""
    sys.stdout.flush()
    sys.stderr.flush()
    os.chdir(cwd)
    os.execve(cmd[0], cmd, env)
    return 0  # pragma: no cover - execve does not return


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="marsad", description="Arabic news -> evidence-linked fact tables.")
    sub = parser.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="read articles and write the tables")
    b.add_argument("inputs", nargs="+", help="files or folders (.txt .md .html .json .jsonl .jsonl.gz .csv)")
    b.add_argument("--out", required=True, help="folder for the Parquet tables")
    b.add_argument("--workers", type=int, default=None, help="worker processes (default: all cores)")
    b.add_argument("--full", action="store_true", help="re-process every document, even unchanged ones")
    b.add_argument("--no-progress", action="store_true", help="no progress bar (on a terminal) or progress lines (otherwise)")
    b.add_argument("--scheduler", default=None, help="Dask scheduler address (tcp://HOST:8786): process on a cluster")
    b.add_argument("--partition-rows", type=int, default=None, help="write each table as a folder of parts of N rows")
    b.add_argument("--without-uploads", action="store_true",
                   help="leave out the articles added in the dashboard (OUT-uploads/), which a build reads by default")
    b.add_argument("--no-wait", action="store_true",
                   help="fail at once when another build or upload is writing into OUT (default: wait for it)")
    b.set_defaults(func=cmd_build)

    a = sub.add_parser("add", help="merge staged uploads into existing tables (what the dashboard's upload runs)")
    a.add_argument("--out", required=True, help="the tables folder")
    a.add_argument("--job", required=True, help="job folder OUT-uploads/.staging/<job> holding files/")
    a.add_argument("--replace", action="store_true", help="replace documents whose id already exists")
    a.add_argument("--workers", type=int, default=None, help="worker processes (default: all cores)")
    a.set_defaults(func=cmd_add)

    s = sub.add_parser("serve", help="open the dashboard")
    s.add_argument("--data", default=None, help="tables folder (default: the demo built from seeds/)")
    s.add_argument("--port", type=int, default=8501)
    s.add_argument("--address", default="127.0.0.1",
                   help="address to listen on; any but loopback (127.0.0.1, ::1) needs an access token")
    s.add_argument("--allowed-host", action="append", default=[], metavar="NAME",
                   help="a name browsers may reach the dashboard by, besides 127.0.0.1, localhost and ::1 "
                        "(repeatable); other Host headers are refused")
    s.add_argument("--token", default=None,
                   help="access token every visitor must bring (first visit: ?token=...); default: $MARSAD_TOKEN, "
                        "which other users cannot read in the process list")
    s.add_argument("--read-only", action="store_true", help="no uploads: the add-articles page and route are off")
    s.set_defaults(func=cmd_serve)

    from .evaluate import add_eval_parser
    from .ner_train import add_train_ner_parser
    from .word_clusters_train import add_train_clusters_parser

    add_eval_parser(sub)
    add_train_ner_parser(sub)
    add_train_clusters_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
