"""Read articles from files and folders into ``Document`` records.

Supported inputs (folders are walked recursively, files sorted by path):
- ``.txt`` / ``.md``: the first non-empty line is the title, the rest is the text.
- ``.html`` / ``.htm``: the article text is extracted (``<article>`` when present, else
  ``<body>``), scripts, styles and navigation dropped; title, date, outlet and URL
  from ``<title>``/``og:*``/``article:published_time``/canonical link.
- ``.json`` (one object, a list, or ``{"articles": [...]}``), ``.jsonl``,
  ``.jsonl.gz``, ``.json.gz`` and ``.csv``: fields ``id``, ``title``, ``text`` and optional
  ``published``, ``source``, ``url``, ``category``, ``author``.

Encodings: UTF-8 with or without BOM, UTF-16 (with BOM, or BOM-less with NUL
bytes), Windows-1256; anything else that decodes to Arabic is accepted through
charset-normalizer. A file that is mostly UTF-8 with some Windows-1256 lines (two
sources pasted together) or a few broken bytes (a download cut mid-character) is
decoded line by line. A file or a record that cannot be read is reported as
``Skipped(path, reason)`` and the rest goes on.

Limits: a file over ``MAX_FILE_BYTES`` is not read; a single document whose text is
over ``MAX_DOCUMENT_CHARS`` characters is skipped ("document too long"), since no
article is that long and the extractors would take minutes on it (a 50 MB JSONL of
ordinary articles is fine). Lone UTF-16 surrogates (``"\\ud83d"`` escapes in JSON
cut from the middle of an emoji) become U+FFFD, one for one, so offsets stay put and
the text can be written as UTF-8.
"""

from __future__ import annotations

import codecs
import csv
import email.utils
import gzip
import hashlib
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from .records import Document

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
CSV_SUFFIXES = {".csv"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | CSV_SUFFIXES
MAX_FILE_BYTES = 200 * 1024 * 1024
# About 50 times the longest of the 20,233 articles of the news corpus (21,119 characters);
# all stages take about 7 s per million characters on one core.
MAX_DOCUMENT_CHARS = 1_000_000
FIELDS = ("id", "title", "text", "published", "source", "url", "category", "author")
_ARABIC = re.compile("[\u0600-\u06ff]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str


class UnreadableInput(ValueError):
    """Raised with a human-readable reason when a file cannot be read."""


# ---------------------------------------------------------------- discovery


def _suffix(path: Path) -> str:
    """The format suffix, looking through .gz (``a.jsonl.gz`` -> ``.jsonl``)."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        return suffixes[-2] if len(suffixes) >= 2 else ".gz"
    return suffixes[-1] if suffixes else ""


def discover(inputs: Iterable[str | Path]) -> Iterator[Path | Skipped]:
    """Files to read under ``inputs`` (folders walked recursively, hidden files skipped)."""
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if any(part.startswith(".") for part in child.relative_to(path).parts):
                    continue
                if _suffix(child) in SUPPORTED:
                    yield child
                else:
                    yield Skipped(str(child), f"unsupported file type {''.join(child.suffixes) or '(none)'}")
        elif path.is_file():
            if _suffix(path) in SUPPORTED:
                yield path
            else:
                yield Skipped(str(path), f"unsupported file type {''.join(path.suffixes) or '(none)'}")
        else:
            yield Skipped(str(path), "no such file or folder")


# ---------------------------------------------------------------- decoding


def decode_bytes(data: bytes) -> str:
    """Decode article bytes in the encodings users are likely to have; raise UnreadableInput."""
    if not data.strip():
        raise UnreadableInput("empty file")
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    head = data[:8192]
    # BOM-less UTF-16: the high byte of every code unit is 0x00 (Latin) or 0x06 (Arabic).
    high_le = sum(1 for b in head[1::2] if b in (0, 6)) / max(len(head[1::2]), 1)
    high_be = sum(1 for b in head[0::2] if b in (0, 6)) / max(len(head[0::2]), 1)
    if max(high_le, high_be) > 0.7:
        for enc in (("utf-16-le", "utf-16-be") if high_le >= high_be else ("utf-16-be", "utf-16-le")):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _looks_like_text(text):
                return text
    sample = data[:8192]
    controls = sum(1 for b in sample if b < 32 and b not in b"\t\n\r\f\v\x1b")
    if controls / len(sample) > 0.02:
        raise UnreadableInput("binary file (control bytes, not text)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _decode_mostly_utf8(data)
    if text is not None:
        if not _looks_like_text(text):
            raise UnreadableInput("binary file (control characters, not text)")
        return text
    try:
        text = data.decode("cp1256")
        if _ARABIC.search(text) and _looks_like_text(text):
            return text
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is not None:
        text = data.decode(best.encoding, errors="replace")
        if _looks_like_text(text):
            return text
    raise UnreadableInput("unknown encoding (not UTF-8, UTF-16 or Windows-1256)")


def _decode_mostly_utf8(data: bytes) -> str | None:
    """Decode line by line when most non-ASCII bytes sit in UTF-8 lines, else None.

    A line is UTF-8 when it decodes as such with a few broken bytes at most (a download
    cut mid-character, a surrogate written raw), else Windows-1256 (a line pasted from
    an older source, where nearly every Arabic byte is invalid UTF-8).
    """
    lines = data.split(b"\n")
    utf8_bytes = legacy_bytes = 0
    decoded: list[str | None] = []
    for line in lines:
        if line.isascii():
            decoded.append(line.decode("ascii"))
            continue
        non_ascii = sum(1 for b in line if b > 127)
        text = line.decode("utf-8", errors="replace")
        if text.count("\ufffd") <= max(3, len(text) // 10):
            decoded.append(text)
            utf8_bytes += non_ascii
        else:
            decoded.append(None)
            legacy_bytes += non_ascii
    if utf8_bytes <= legacy_bytes:
        return None
    return "\n".join(
        text if text is not None else line.decode("cp1256", errors="replace") for line, text in zip(lines, decoded)
    )


def _looks_like_text(text: str) -> bool:
    sample = text[:20_000]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    broken = sample.count("\ufffd")  # a couple is a cut last character, not a binary file
    return (controls + max(0, broken - 2)) / len(sample) < 0.02


# ---------------------------------------------------------------- metadata


def parse_published(value) -> str | None:
    """An ISO YYYY-MM-DD date from common metadata forms (ISO, RFC 2822, dd/mm/yyyy), else None."""
    if value is None:
        return None
    if isinstance(value, (datetime, date)):
        return value.strftime("%Y-%m-%d")
    text = str(value).strip()
    if not text:
        return None
    m = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if m:
        return _iso(int(m[1]), int(m[2]), int(m[3]))
    try:
        parsed = email.utils.parsedate_to_datetime(text)
        return parsed.strftime("%Y-%m-%d")
    except (TypeError, ValueError, IndexError):
        pass
    m = re.match(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})$", text)
    if m:
        return _iso(int(m[3]), int(m[2]), int(m[1]))
    m = re.match(r"(\d{4})/(\d{1,2})/(\d{1,2})", text)
    if m:
        return _iso(int(m[1]), int(m[2]), int(m[3]))
    return None


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


# A title suffix naming the outlet: "... - الإيطالية نيوز", "... | BBC عربي".
_TITLE_SUFFIX = re.compile(r"^(?P<title>.+?)\s+[-–—|]\s+(?P<source>[^-–—|]{2,40})$")
# A dateline that opens the text: "الإيطالية نيوز، الثلاثاء 18 يونيو 2024 - ..."
_DATELINE_HEAD = re.compile(r"^\s*(?P<source>[^\n،,:\-–—]{2,40}?)\s*[،,]\s*")


def split_title_source(title: str) -> tuple[str, str | None]:
    """Split an outlet suffix off a title when it looks like one (at most four words)."""
    m = _TITLE_SUFFIX.match(title.strip())
    if m and len(m["source"].split()) <= 4 and len(m["title"].split()) >= 3:
        return m["title"].strip(), m["source"].strip()
    return title.strip(), None


def dateline(text: str) -> tuple[str | None, str | None]:
    """(outlet, ISO date) from the article's opening dateline, when it has one."""
    try:
        from .timeline import find_dateline_date
    except ImportError:  # pragma: no cover - timeline is part of the package
        return None, None
    head = text.lstrip()[:400]
    published = find_dateline_date(head)
    source = None
    m = _DATELINE_HEAD.match(head)
    if m and published and len(m["source"].split()) <= 4:
        rest = head[m.end() : m.end() + 60]
        if find_dateline_date(rest, window=60) and not _is_place(m["source"].strip()):
            source = m["source"].strip()
    return source, published


def _is_place(name: str) -> bool:
    """True when a dateline head is a known place (``الرياض، ...``), which names where, not who."""
    from .entities import extract_mentions

    mentions = extract_mentions(Document("dateline", "", name))
    return any(m.type in ("GPE", "LOC") and m.end - m.start >= len(name) - 2 for m in mentions)


def content_hash(title: str, text: str) -> str:
    return hashlib.sha256(f"{title}\x00{text}".encode("utf-8", errors="surrogatepass")).hexdigest()


def make_document(record: dict, fallback_id: str) -> Document:
    """A Document from a metadata record; raise UnreadableInput when it has no text or too much."""
    record = {k: _LONE_SURROGATE.sub("\ufffd", v) if isinstance(v, str) else v for k, v in record.items()}
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise UnreadableInput("record has no text")
    if len(text) > MAX_DOCUMENT_CHARS:
        raise UnreadableInput(f"document too long ({len(text):,} characters > {MAX_DOCUMENT_CHARS:,})")
    title = record.get("title")
    title = title.strip() if isinstance(title, str) else ""
    source = _clean(record.get("source"))
    title, suffix_source = split_title_source(title) if title else ("", None)
    published = parse_published(record.get("published"))
    if published is None or source is None:
        line_source, line_date = dateline(text)
        published = published or line_date
        source = source or suffix_source or line_source
    doc_id = _clean(record.get("id")) or fallback_id
    return Document(
        doc_id=doc_id,
        title=title,
        text=text,
        source=source,
        published=published,
        url=_clean(record.get("url")),
        category=_clean(record.get("category")),
        author=_clean(record.get("author")),
    )


def _clean(value) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None


# ---------------------------------------------------------------- formats


def _read_bytes(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise UnreadableInput(f"file too large ({size // 1_000_000} MB > {MAX_FILE_BYTES // 1_000_000} MB)")
    data = path.read_bytes()
    if path.suffix.lower() == ".gz":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise UnreadableInput(f"broken gzip file ({exc})") from exc
    return data


_LINE_BREAK = re.compile(r"(\r\n|\n|\r)")  # old Mac files break lines with a lone CR


def read_text_file(path: Path, data: bytes) -> Iterator[Document | Skipped]:
    text = decode_bytes(data)
    stripped = text.lstrip("\ufeff \t\r\n")
    parts = _LINE_BREAK.split(stripped, maxsplit=1)  # [first, break, rest], or [stripped] for one line
    first, rest = (parts[0], parts[2]) if len(parts) == 3 else (stripped, "")
    body = rest.lstrip("\r\n")
    if not body.strip():
        body, first = stripped, ""
    yield make_document({"title": first.strip(), "text": body}, path.stem)


def read_html_file(path: Path, data: bytes) -> Iterator[Document | Skipped]:
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    tree = HTMLParser(decode_bytes(data))
    meta = {}
    for node in tree.css("meta"):
        key = node.attributes.get("property") or node.attributes.get("name") or ""
        if node.attributes.get("content"):
            meta[key.lower()] = node.attributes["content"]
    title = meta.get("og:title") or (tree.css_first("title").text() if tree.css_first("title") else "")
    canonical = tree.css_first('link[rel="canonical"]')
    for node in tree.css("script, style, noscript, template, nav, header, footer, aside, form, iframe, svg"):
        node.decompose()
    root = tree.css_first("article") or tree.body or tree.root
    blocks = [" ".join(n.text().split()) for n in root.css("h1, h2, h3, h4, p, li, blockquote")] if root else []
    text = "\n\n".join(b for b in blocks if b)
    if not text and root is not None:
        text = root.text(separator="\n", strip=True)
    yield make_document(
        {
            "title": title,
            "text": text,
            "published": meta.get("article:published_time") or meta.get("date") or meta.get("pubdate"),
            "source": meta.get("og:site_name"),
            "url": meta.get("og:url") or (canonical.attributes.get("href") if canonical else None),
            "author": meta.get("author"),
        },
        path.stem,
    )


def _records_from_json(path: Path, data: bytes) -> Iterator[dict | Skipped]:
    text = decode_bytes(data)
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("[") or (stripped.startswith("{") and _suffix(path) == ".json"):
        try:
            obj = json.loads(stripped)
        except json.JSONDecodeError as exc:
            if _suffix(path) == ".json" and "\n{" not in stripped:
                raise UnreadableInput(f"invalid JSON ({exc.msg} at line {exc.lineno})") from exc
        else:
            if isinstance(obj, dict):
                obj = obj.get("articles", obj.get("documents", [obj]))
            if not isinstance(obj, list):
                raise UnreadableInput("JSON is neither an article, a list of articles nor {'articles': [...]}")
            for i, item in enumerate(obj, start=1):
                yield item if isinstance(item, dict) else Skipped(f"{path}#{i}", "JSON item is not an object")
            return
    for lineno, line in enumerate(stripped.split("\n"), start=1):  # not splitlines(): U+2028 may sit inside a JSON string
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skipped(f"{path}:{lineno}", f"invalid JSON line ({exc.msg})")
            continue
        except RecursionError:
            yield Skipped(f"{path}:{lineno}", "invalid JSON line (nested too deeply)")
            continue
        yield item if isinstance(item, dict) else Skipped(f"{path}:{lineno}", "JSON line is not an object")


def _records_from_csv(path: Path, data: bytes) -> Iterator[dict | Skipped]:
    text = decode_bytes(data)
    csv.field_size_limit(MAX_FILE_BYTES)
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    columns = {c.strip().lower() for c in (reader.fieldnames or []) if c}
    if "text" not in columns:
        raise UnreadableInput(f"CSV has no 'text' column (columns: {', '.join(sorted(columns)) or 'none'})")
    try:
        for row in reader:
            if None in row:  # DictReader files surplus fields under None: a comma in an unquoted text
                width = len(reader.fieldnames)
                reason = f"CSV row has {width + len(row[None])} fields, header has {width}"
                yield Skipped(f"{path}:{reader.line_num}", reason)
                continue
            yield {(k or "").strip().lower(): v for k, v in row.items() if k}
    except csv.Error as exc:
        yield Skipped(f"{path}:{reader.line_num}", f"broken CSV ({exc})")


def read_path(path: Path) -> Iterator[Document | Skipped]:
    """Documents in one file; problems come out as Skipped, never as exceptions."""
    suffix = _suffix(path)
    try:
        data = _read_bytes(path)
        if suffix in TEXT_SUFFIXES:
            yield from read_text_file(path, data)
        elif suffix in HTML_SUFFIXES:
            yield from read_html_file(path, data)
        else:
            records = _records_from_json(path, data) if suffix in JSON_SUFFIXES else _records_from_csv(path, data)
            base = path.name.split(".")[0]
            for i, record in enumerate(records, start=1):
                if isinstance(record, Skipped):
                    yield record
                    continue
                try:
                    yield make_document(record, f"{base}-{i}")
                except UnreadableInput as exc:
                    yield Skipped(f"{path}#{i}", str(exc))
    except UnreadableInput as exc:
        yield Skipped(str(path), str(exc))
    except (OSError, UnicodeError, ValueError, RecursionError) as exc:
        yield Skipped(str(path), f"{type(exc).__name__}: {exc}")


def read_inputs(inputs: Iterable[str | Path]) -> Iterator[tuple[Document, str] | Skipped]:
    """Every document under ``inputs`` with the path it came from, or a Skipped with its reason."""
    for item in discover(inputs):
        if isinstance(item, Skipped):
            yield item
            continue
        for result in read_path(item):
            yield result if isinstance(result, Skipped) else (result, str(item))
