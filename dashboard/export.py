"""Export what the dashboard shows: charts to PNG/SVG/HTML, tables to CSV/JSON/Parquet.

Pure functions returning bytes, for ``st.download_button``. Charts go through
vl-convert, which works offline; the Arabic fonts Debian ships (fonts-noto-core,
fonts-hosny-amiri) are registered with it so Arabic labels are shaped in PNG/SVG.
HTML is self-contained (Vega bundled), so the file opens without a network.

Exports carry article text, which is untrusted:

- HTML: the chart's spec (its data holds names, titles, passages) sits in a
  ``<script type="application/json">`` element with ``<``, ``>``, ``&``, U+2028
  and U+2029 written as ``\\u003c`` ... (``script_json``), so a ``</script>`` in an
  article cannot end the element and run markup. vl-convert's own
  ``vegalite_to_html`` pastes the spec into a script unescaped, so the page is
  built here from its JavaScript bundle. A Content-Security-Policy forbids every
  fetch, and the "open in editor" action (which would post the data to
  vega.github.io) is off.
- CSV: a cell that a spreadsheet would read as a formula (``=``, ``+``, ``-``, ``@``,
  tab or carriage return first) gets a leading apostrophe (OWASP's rule for CSV
  injection). Numbers stay numbers; JSON and Parquet keep every value as it is.
"""

from __future__ import annotations

import io
import json
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import urljoin

import altair as alt
import numpy as np
import pandas as pd
import vl_convert as vlc

from dashboard.filters import passage_links

PNG_SCALE = 2
CSV_LIST_SEPARATOR = "; "
# Folders holding fonts with Arabic glyphs (Debian); others are registered if they exist.
FONT_DIRS = (
    "/usr/share/fonts/truetype/noto",
    "/usr/share/fonts/opentype/fonts-hosny-amiri",
    "/usr/share/fonts/truetype/fonts-hosny-amiri",
    "/usr/share/fonts/truetype/dejavu",
)
# Optional fonts shipped with the app (dashboard/static/fonts), so exports look the same anywhere.
_APP_FONT_DIR = Path(__file__).with_name("static") / "fonts"

MIME_TYPES = {
    "png": "image/png",
    "svg": "image/svg+xml",
    "html": "text/html",
    "csv": "text/csv",
    "json": "application/json",
    "parquet": "application/vnd.apache.parquet",
}
CHART_FORMATS = ("png", "svg", "html")
TABLE_FORMATS = ("csv", "json", "parquet")

# First characters that make a spreadsheet cell a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_GUARD = "'"
CSV_LINE_END = "\r\n"
# Characters that must not appear raw in JSON inside an HTML <script> element: "<" and ">"
# (</script>, <!--), "&", and the line separators U+2028/U+2029 (line ends in older JavaScript).
_SCRIPT_JSON_ESCAPES = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)
# The exported page may run its own inline scripts (Vega compiles expressions with Function)
# and styles, and show data: images; nothing else, and nothing from any network.
HTML_CSP = (
    "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; "
    "img-src data: blob:; font-src data:"
)
# Vega-Embed's menu: saving as SVG/PNG stays; "view source", "view compiled" and "open in the
# Vega editor" (which posts the spec, article text included, to vega.github.io) are off.
EMBED_OPTIONS = {"renderer": "svg", "actions": {"export": True, "source": False, "compiled": False, "editor": False}}


@lru_cache(maxsize=1)
def register_fonts() -> tuple[str, ...]:
    """Register the font folders that exist with vl-convert (once per process); returns them."""
    found = []
    for folder in (*FONT_DIRS, str(_APP_FONT_DIR)):
        if Path(folder).is_dir():
            vlc.register_font_directory(folder)
            found.append(folder)
    return tuple(found)


EXPORT_WIDTH = 800  # pixels, for charts sized to their container on screen


def chart_spec(chart: alt.TopLevelMixin) -> dict:
    """The chart's Vega-Lite spec with its data inlined (no row limit: export what is shown).
    A width of "container" (the page's column) becomes ``EXPORT_WIDTH``: a file has no container."""
    with alt.data_transformers.disable_max_rows():
        spec = chart.to_dict()
    if spec.get("width") == "container":
        spec["width"] = EXPORT_WIDTH
    for sub in spec.get("layer", ()):
        if sub.get("width") == "container":
            sub["width"] = EXPORT_WIDTH
    return spec


def script_json(value) -> str:
    """``value`` as JSON that is safe inside an HTML ``<script>`` element: ``<``, ``>``, ``&``,
    U+2028 and U+2029 become ``\\u003c``-style escapes (the same string to a JSON parser).
    Non-finite floats become null (JSON has no NaN)."""
    try:
        text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"), default=_json_default)
    except ValueError:
        text = json.dumps(_finite(value), ensure_ascii=False, allow_nan=False, separators=(",", ":"),
                          default=_json_default)
    return text.translate(_SCRIPT_JSON_ESCAPES)


def _json_default(value):
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, (pd.Timestamp, np.datetime64)):
        return pd.Timestamp(value).isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _finite(value):
    if isinstance(value, float) and not np.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value


_SCRIPT_END = re.compile(r"</(script)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _vega_bundle() -> str:
    """Vega, Vega-Lite and Vega-Embed as one script (vl-convert's bundle, offline), with any
    ``</script`` written ``<\\/script`` (the same text to JavaScript) so it cannot end its element."""
    return _SCRIPT_END.sub(r"<\\/\1", vlc.javascript_bundle())


def chart_html(spec: dict) -> str:
    """A self-contained HTML page drawing the Vega-Lite ``spec`` offline.

    The spec is data, never code: it is read with ``JSON.parse`` from a
    ``<script type="application/json">`` written by ``script_json``.
    """
    return (
        "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"UTF-8\">\n"
        f'<meta http-equiv="Content-Security-Policy" content="{HTML_CSP}">\n'
        "<title>Marsad chart</title>\n"
        "<style>body{margin:1rem;}#vega-chart{width:100%;}</style>\n"
        f"<script>{_vega_bundle()}</script>\n"
        "</head>\n<body>\n"
        '<div id="vega-chart"></div>\n'
        f'<script type="application/json" id="marsad-spec">{script_json(spec)}</script>\n'
        '<script>vegaEmbed("#vega-chart", JSON.parse(document.getElementById("marsad-spec").textContent), '
        f"{script_json(EMBED_OPTIONS)}).catch(console.error);</script>\n"
        "</body>\n</html>\n"
    )


def chart_bytes(chart: alt.TopLevelMixin, fmt: str) -> bytes:
    """``chart`` as "png" (scale 2), "svg" or self-contained "html" bytes (see ``chart_html``)."""
    fmt = fmt.lower()
    if fmt not in CHART_FORMATS:
        raise ValueError(f"unknown chart format {fmt!r}: use one of {CHART_FORMATS}")
    spec = chart_spec(chart)
    if fmt == "html":
        return chart_html(spec).encode("utf-8")
    register_fonts()
    if fmt == "png":
        return vlc.vegalite_to_png(spec, scale=PNG_SCALE)
    return vlc.vegalite_to_svg(spec).encode("utf-8")


def _join_list(value) -> object:
    if isinstance(value, (list, tuple, np.ndarray)):
        return CSV_LIST_SEPARATOR.join("" if v is None else str(v) for v in value)
    return value


def _is_list_column(series: pd.Series) -> bool:
    if isinstance(series.dtype, pd.ArrowDtype):
        import pyarrow as pa

        return pa.types.is_list(series.dtype.pyarrow_dtype) or pa.types.is_large_list(series.dtype.pyarrow_dtype)
    if series.dtype != object:
        return False
    sample = series.dropna().head(50)
    return any(isinstance(v, (list, tuple, np.ndarray)) for v in sample)


def _flat_lists(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col in out.columns:
        if _is_list_column(out[col]):
            out[col] = out[col].astype(object).map(_join_list)
    return out


def neutralise_formula(value):
    """``value`` with a leading apostrophe when it is a string a spreadsheet would run as a
    formula (it starts with one of ``FORMULA_STARTS``); any other value is returned as is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return FORMULA_GUARD + value
    return value


def _text_columns(df: pd.DataFrame) -> list:
    """Columns that may hold strings (object, string or categorical); numbers, booleans and dates
    cannot start a formula and are left alone."""
    return [
        col for col in df.columns
        if df[col].dtype == object or pd.api.types.is_string_dtype(df[col].dtype)
        or isinstance(df[col].dtype, pd.CategoricalDtype)
    ]


def _neutralised(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` (lists already joined) with every formula-like string cell and header neutralised."""
    out = df.copy()
    for col in _text_columns(out):
        out[col] = out[col].astype(object).map(neutralise_formula)
    return out.rename(columns=lambda c: neutralise_formula(c) if isinstance(c, str) else c)


def _jsonable_lists(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col in out.columns:
        if _is_list_column(out[col]):
            out[col] = out[col].astype(object).map(lambda v: list(v) if isinstance(v, (tuple, np.ndarray)) else v)
    return out


def table_bytes(df: pd.DataFrame, fmt: str) -> bytes:
    """``df`` as "csv" (UTF-8 with BOM so Excel reads Arabic; CRLF rows; list cells joined with "; ";
    cells that would run as formulas start with an apostrophe), "json" (array of records, UTF-8, Arabic
    as characters) or "parquet" (pyarrow); JSON and Parquet keep every value unchanged."""
    fmt = fmt.lower()
    if fmt == "csv":
        # CRLF rows (RFC 4180): the writer then quotes any cell holding a CR as well as a LF, so a
        # "\r=cmd..." cell cannot start a new row whose first cell is a formula.
        return _neutralised(_flat_lists(df)).to_csv(index=False, lineterminator=CSV_LINE_END).encode("utf-8-sig")
    if fmt == "json":
        text = _jsonable_lists(df).to_json(orient="records", force_ascii=False, date_format="iso")
        # to_json escapes "/" as "\/"; re-dump for plain, valid JSON.
        return json.dumps(json.loads(text), ensure_ascii=False).encode("utf-8")
    if fmt == "parquet":
        buf = io.BytesIO()
        df.to_parquet(buf, engine="pyarrow", index=False)
        return buf.getvalue()
    raise ValueError(f"unknown table format {fmt!r}: use one of {TABLE_FORMATS}")


def mime_type(fmt: str) -> str:
    """MIME type for an export format (png, svg, html, csv, json, parquet)."""
    try:
        return MIME_TYPES[fmt.lower()]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}") from None


def file_name(base: str, fmt: str) -> str:
    """A safe download name: ``base`` with path separators and control characters removed, plus
    the extension. Arabic letters are kept."""
    fmt = fmt.lower()
    mime_type(fmt)
    clean = "".join(ch if (ch.isalnum() or ch in "-_.") else "_" for ch in (base or "").strip())
    clean = "_".join(part for part in clean.split("_") if part).strip("._") or "marsad"
    return f"{clean[:100]}.{fmt}"


# Filter fields as they appear in a download name, in this order (the value's own names otherwise).
_NAME_PARTS = (
    ("actors", "actor"), ("types", "type"), ("topics", "topic"), ("outlets", "outlet"), ("docs", "doc"),
    ("date_from", "from"), ("date_to", "to"), ("event_from", "event-from"), ("event_to", "event-to"), ("text", "text"),
)
_DATE_FIELDS = {"date_from", "date_to", "event_from", "event_to"}


def _slug(value: str) -> str:
    """Lower case, words joined by ``_``; letters of any script (Arabic included) are kept."""
    words = "".join(ch if ch.isalnum() else " " for ch in str(value).lower()).split()
    return "_".join(words)


def filtered_name(base: str, filters, actor_names: dict | None = None) -> str:
    """A download name that says what was exported: ``base`` then each active filter as
    ``field-value`` (several values joined by ``-``), e.g. ``claims_actor-donald_trump_topic-politics``.
    Actors are named by ``actor_names`` (id -> name) when given, else by their id. ``file_name``
    trims the result to a safe length."""
    parts = [base]
    for field, label in _NAME_PARTS:
        value = getattr(filters, field, None)
        if not value:
            continue
        values = value if isinstance(value, tuple) else (value,)
        if field == "actors":
            values = tuple((actor_names or {}).get(v) or v for v in values)
        # ISO dates are safe as they are (and 2018-01-01 reads better than 2018_01_01).
        slugs = [s for s in (v if field in _DATE_FIELDS else _slug(v) for v in values) if s]
        if slugs:
            parts.append(f"{label}-{'-'.join(slugs)}")
    if getattr(filters, "actor_mode", "any") == "all":
        parts.append("all-actors")
    return "_".join(parts)


def site_root(page_url: str | None, configured: str | None = None, port: int = 8501, base_path: str = "") -> str:
    """The address links in tables and exports start from, ending in ``/``.

    ``configured`` (set by the analyst, e.g. the public address behind a proxy) wins; then the
    address the browser is on (``page_url``, a page of the app: its folder is the app's root);
    else the local server (``http://localhost:<port>/<base_path>/``), which is what a file exported
    on the analyst's own machine can open."""
    if configured:
        return configured.rstrip("/") + "/"
    if page_url:
        return urljoin(page_url, ".")
    path = "/".join(p for p in (base_path or "").split("/") if p)
    return f"http://localhost:{int(port)}/" + (f"{path}/" if path else "")


def absolute_links(links: pd.Series, root: str) -> pd.Series:
    """Relative app links (``passages?passage=...``) prefixed with ``root``; empty links, and links
    that are absolute already (``http://...``), stay as they are."""
    links = links.astype(object)
    text = links.astype(str)
    keep = links.isna() | (links == "") | text.str.match(r"^[A-Za-z][A-Za-z0-9+.\-]*://")
    return links.where(keep, root + text)


# An exported passage: where it is, what a citation needs, its text, and a link back to it.
CITED_PASSAGE_COLUMNS = ["doc_id", "passage_id", "title", "source", "published", "url", "start", "end", "text",
                         "topics", "link"]


def cited_passages(passages: pd.DataFrame, root: str, lang: str | None = None) -> pd.DataFrame:
    """Passages joined with their document (``query.cite_passages``) as exported: CITED_PASSAGE_COLUMNS,
    ``link`` the passage's page in the app under ``root`` (absolute, so the file works anywhere)."""
    out = passages.assign(link=absolute_links(passage_links(passages["passage_id"], lang), root))
    return out[CITED_PASSAGE_COLUMNS]
