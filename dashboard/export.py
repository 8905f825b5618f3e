"""Export what the dashboard shows: charts to PNG/SVG/HTML, tables to CSV/JSON/Parquet.

Pure functions returning bytes, for ``st.download_button``. Charts go through
vl-convert, which works offline; the Arabic fonts Debian ships (fonts-noto-core,
fonts-hosny-amiri) are registered with it so Arabic labels are shaped in PNG/SVG.
HTML is self-contained (Vega bundled), so the file opens without a network.
"""

from __future__ import annotations

import io
import json
from functools import lru_cache
from pathlib import Path

import altair as alt
import numpy as np
import pandas as pd
import vl_convert as vlc

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


def chart_bytes(chart: alt.TopLevelMixin, fmt: str) -> bytes:
    """``chart`` as "png" (scale 2), "svg" or self-contained "html" bytes."""
    fmt = fmt.lower()
    if fmt not in CHART_FORMATS:
        raise ValueError(f"unknown chart format {fmt!r}: use one of {CHART_FORMATS}")
    spec = chart_spec(chart)
    if fmt == "html":
        return vlc.vegalite_to_html(spec, bundle=True).encode("utf-8")
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


def _jsonable_lists(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col in out.columns:
        if _is_list_column(out[col]):
            out[col] = out[col].astype(object).map(lambda v: list(v) if isinstance(v, (tuple, np.ndarray)) else v)
    return out


def table_bytes(df: pd.DataFrame, fmt: str) -> bytes:
    """``df`` as "csv" (UTF-8 with BOM so Excel reads Arabic; list cells joined with "; "),
    "json" (array of records, UTF-8, Arabic as characters) or "parquet" (pyarrow)."""
    fmt = fmt.lower()
    if fmt == "csv":
        return _flat_lists(df).to_csv(index=False).encode("utf-8-sig")
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
