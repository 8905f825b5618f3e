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
decoded line by line. A legacy decoding is accepted only when it reads as Arabic
(``reads_as_arabic``): random bytes, damaged UTF-8 or Latin text would otherwise come
out as pages of Windows-1256 mojibake. A file or a record that cannot be read is
reported as ``Skipped(path, reason)`` and the rest goes on.

Limits: a file over ``MAX_FILE_BYTES`` is not read; a single document whose text is
over ``MAX_DOCUMENT_CHARS`` characters is skipped ("document too long"), since no
article is that long and the extractors would take minutes on it (a 50 MB JSONL of
ordinary articles is fine). A ``.gz`` is decompressed as a stream that stops at a
bound, so a small archive that inflates to gigabytes (a decompression bomb) is refused
after a few megabytes: a one-document file past ``MAX_DOCUMENT_BYTES`` (HTML:
``MAX_HTML_BYTES``), a many-record file past ``MAX_FILE_BYTES`` or, once past
``RATIO_GRACE_BYTES``, inflating more than ``MAX_INFLATE_RATIO`` times. JSONL is read
line by line (plain or compressed): a line over ``MAX_LINE_BYTES`` is skipped without
being held in memory, the lines around it are read.

Lone UTF-16 surrogates (``"\\ud83d"`` escapes in JSON cut from the middle of an emoji)
become U+FFFD, one for one, so offsets stay put and the text can be written as UTF-8.
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
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from .lang.ar.letters import FA, FATHATAN, GHAIN, HAMZA, SUKUN, TATWEEL, YA
from .lang.ar.normalize import normalize_key
from .records import Document
from .resources import load_jsonl, load_tsv

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}  # read line by line; a .json may be one object or a list
CSV_SUFFIXES = {".csv"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | CSV_SUFFIXES
MAX_FILE_BYTES = 200 * 1024 * 1024
# About 50 times the longest of the 20,233 articles of the news corpus (21,119 characters);
# all stages take about 7 s per million characters on one core.
MAX_DOCUMENT_CHARS = 1_000_000
# Bounds on decompressed bytes. A one-document file (.txt, .md) holds a title and one text of at
# most MAX_DOCUMENT_CHARS characters; no character takes more than 4 bytes in UTF-8 or UTF-16, so
# a file inflating past 4 bytes a character cannot hold a document we would accept.
MAX_DOCUMENT_BYTES = 4 * MAX_DOCUMENT_CHARS
# An HTML page wraps its text in markup, inline scripts and styles: four times the text's bound.
MAX_HTML_BYTES = 4 * MAX_DOCUMENT_BYTES
# One JSONL line: json.dumps writes every non-ASCII character as a 6-byte \uXXXX escape by default;
# 8 bytes a character leaves room for the title and the other fields.
MAX_LINE_BYTES = 8 * MAX_DOCUMENT_CHARS
# Real archives inflate about 4 times (the news corpus 3.98, one article repeated 1,000 times 159);
# a bomb inflates up to 1,032 times (deflate's limit). Apache POI refuses zip entries inflating over
# 100 times once past 100 KB (ZipSecureFile); we do the same for the many-record formats, whose size
# bound is MAX_FILE_BYTES, so that a small bomb of empty or tiny records stops within a megabyte
# instead of giving millions of records or skips.
MAX_INFLATE_RATIO = 100
RATIO_GRACE_BYTES = 100 * 1024
_CHUNK = 1 << 20
FIELDS = ("id", "title", "text", "published", "source", "url", "category", "author")
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

NOT_ARABIC = "not valid UTF-8, and as Windows-1256 it does not read as Arabic text"
# The letters of Arabic words (hamza to ghain, feh to yeh); tatweel and diacritics sit between
# letters without breaking a word, so they are removed before letters are paired.
_ARABIC_LETTERS = f"{HAMZA}-{GHAIN}{FA}-{YA}"
_ARABIC_LETTER = re.compile(f"[{_ARABIC_LETTERS}]")
_ARABIC_WORD = re.compile(f"[{_ARABIC_LETTERS}]+")
_TATWEEL_AND_DIACRITICS = re.compile(f"[{TATWEEL}{FATHATAN}-{SUKUN}]")
_LETTER = re.compile(r"[^\W\d_]")  # word characters but digits: letters (and a few like ½)
_ASCII_LETTER = re.compile("[A-Za-z]")
# Measured on 3,000 articles of the ant-news corpus (the pair list comes from the other corpus):
# every non-ASCII letter of a text is Arabic and at least 98% of its letter pairs are common ones
# (titles alone: at least 93%). Random high bytes read as Windows-1256 give 49-58% Arabic letters
# and at most 72% common pairs; shuffled UTF-8 Arabic gives ط and ظ between symbols, at most 39%.
MIN_ARABIC_LETTER_SHARE = 0.9
MIN_COMMON_PAIR_SHARE = 0.85


@lru_cache(maxsize=1)
def _uncommon_pair() -> re.Pattern:
    """A letter followed by a letter it rarely precedes in Arabic (the pair list's complement); one
    match per uncommon pair, overlapping pairs included, so counting stays in the regex engine."""
    common = {row["pair"] for row in load_tsv("arabic_letter_pairs.tsv", required=("pair", "count"))}
    letters = [chr(c) for c in range(0x0621, 0x064B) if _ARABIC_LETTER.match(chr(c))]
    branches = []
    for first in letters:
        rare = "".join(second for second in letters if first + second not in common)
        if rare:
            branches.append(f"{first}(?=[{rare}])")
    return re.compile("|".join(branches))


def reads_as_arabic(text: str) -> bool:
    """True when a legacy decoding gives Arabic prose rather than mojibake.

    ASCII reads the same in every encoding and says nothing about the choice, so only
    non-ASCII letters are weighed: nearly all of them must be Arabic letters, and the
    letter pairs inside Arabic words must be pairs that are common in Arabic news text
    (``resources/arabic_letter_pairs.tsv``).
    """
    sample = _TATWEEL_AND_DIACRITICS.sub("", text[:20_000])
    letters = len(_LETTER.findall(sample)) - len(_ASCII_LETTER.findall(sample))
    arabic = len(_ARABIC_LETTER.findall(sample))
    if not letters or arabic < MIN_ARABIC_LETTER_SHARE * letters:
        return False
    pairs = arabic - len(_ARABIC_WORD.findall(sample))  # a word of n letters holds n - 1 pairs
    uncommon = len(_uncommon_pair().findall(sample))
    return pairs - uncommon >= MIN_COMMON_PAIR_SHARE * pairs


def decode_bytes(data: bytes) -> str:
    """Decode article bytes in the encodings users are likely to have; raise UnreadableInput."""
    return _decode(data)[0]


def _decode(data: bytes) -> tuple[str, str]:
    """(text, how): how is ``utf-8-sig``, ``utf-16*``, ``utf-8``, ``mixed``, ``cp1256`` or the
    codec charset-normalizer chose."""
    if not data.strip():
        raise UnreadableInput("empty file")
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16"
    utf16 = _bomless_utf16(data)
    if utf16:
        return utf16
    _refuse_binary(data)
    try:
        text, how = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, how = _decode_mostly_utf8(data), "mixed"
    if text is not None:
        if not _looks_like_text(text):
            raise UnreadableInput("binary file (control characters, not text)")
        return text, how
    text = data.decode("cp1256", errors="replace")
    if reads_as_arabic(text) and _looks_like_text(text):
        return text, "cp1256"
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is not None:
        text = data.decode(best.encoding, errors="replace")
        if _looks_like_text(text) and reads_as_arabic(text):  # "anything else that decodes to Arabic"
            return text, best.encoding
    raise UnreadableInput(NOT_ARABIC)


def _refuse_binary(data: bytes) -> None:
    sample = data[:8192]
    controls = sum(1 for b in sample if b < 32 and b not in b"\t\n\r\f\v\x1b")
    if controls / max(len(sample), 1) > 0.02:
        raise UnreadableInput("binary file (control bytes, not text)")


def _bomless_utf16(data: bytes) -> tuple[str, str] | None:
    """(text, codec) in UTF-16 LE or BE when the high byte of nearly every code unit is 0x00 (Latin)
    or 0x06 (Arabic), else None."""
    head = data[:8192]
    high_le = sum(1 for b in head[1::2] if b in (0, 6)) / max(len(head[1::2]), 1)
    high_be = sum(1 for b in head[0::2] if b in (0, 6)) / max(len(head[0::2]), 1)
    if max(high_le, high_be) > 0.7:
        for enc in (("utf-16-le", "utf-16-be") if high_le >= high_be else ("utf-16-be", "utf-16-le")):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _looks_like_text(text):
                return text, enc
    return None


def _utf8_with_few_errors(line: bytes) -> str | None:
    """The line as UTF-8 when only a few bytes are broken (a cut character, a raw surrogate), else None."""
    text = line.decode("utf-8", errors="replace")
    return text if text.count("\ufffd") <= max(3, len(text) // 10) else None


def _decode_line(line: bytes) -> str | None:
    """One line of a file read line by line: UTF-8 (a few broken bytes at most), else Windows-1256
    when it reads as Arabic, else None."""
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = _utf8_with_few_errors(line)
    if text is None:
        text = line.decode("cp1256", errors="replace")
        if not reads_as_arabic(text):
            return None
    return text


def _decode_mostly_utf8(data: bytes) -> str | None:
    """Decode line by line when most non-ASCII bytes sit in UTF-8 lines, else None.

    A line is UTF-8 when it decodes as such with a few broken bytes at most (a download
    cut mid-character, a surrogate written raw), else Windows-1256 (a line pasted from
    an older source, where nearly every Arabic byte is invalid UTF-8), provided those
    lines read as Arabic; raise UnreadableInput naming the first line when they do not.
    """
    lines = data.split(b"\n")
    utf8_bytes = legacy_bytes = 0
    decoded: list[str | None] = []
    for line in lines:
        if line.isascii():
            decoded.append(line.decode("ascii"))
            continue
        non_ascii = sum(1 for b in line if b > 127)
        text = _utf8_with_few_errors(line)
        decoded.append(text)
        if text is not None:
            # Only bytes that decoded are evidence of UTF-8: Latin-1 text with one accent in ten
            # letters also passes as "a few broken bytes", and has none.
            utf8_bytes += non_ascii - text.count("\ufffd")
        else:
            legacy_bytes += non_ascii
    if utf8_bytes <= legacy_bytes:
        return None
    legacy = {i: lines[i].decode("cp1256", errors="replace") for i, text in enumerate(decoded) if text is None}
    if legacy and not reads_as_arabic("\n".join(legacy.values())):
        raise UnreadableInput(f"line {min(legacy) + 1} is {NOT_ARABIC}")
    return "\n".join(legacy[i] if text is None else text for i, text in enumerate(decoded))


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


PLACE_GAZETTEERS = ("gazetteer_countries.jsonl", "gazetteer_cities.jsonl", "gazetteer_places.jsonl")
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
    """True when a dateline head is a known place (``الرياض، ...``), which names where, not who.

    A lookup in the place gazetteers (countries, cities, regions), not the entity extractor: reading
    an article must not run the extractors (nor import them)."""
    return normalize_key(name) in _place_names()


@lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    """The normalised names and aliases of every GPE and LOC of the place gazetteers."""
    names = set()
    for resource in PLACE_GAZETTEERS:
        for row in load_jsonl(resource):
            if row.get("type") in ("GPE", "LOC"):
                names.update(normalize_key(a) for a in (row.get("name_ar"), *row.get("aliases", ())) if a)
    return frozenset(names - {""})


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
        # a crawler's timestamp (SaudiNewsNet's `extracted`) bounds the date when nothing better is given
        published = published or line_date or parse_published(record.get("extracted"))
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


class _BoundedSource(io.RawIOBase):
    """The bytes of a file, inflated as a stream when it is a ``.gz``.

    Raises UnreadableInput as soon as more than ``limit`` bytes came out of a ``.gz`` or,
    with ``ratio_guard``, once past RATIO_GRACE_BYTES, more than MAX_INFLATE_RATIO times the
    compressed bytes read so far: a decompression bomb is refused after a bounded amount
    of work and memory, never read whole. Wrap it in ``io.BufferedReader``.
    """

    def __init__(self, path: Path, limit: int, ratio_guard: bool):
        self._file = path.open("rb")
        self._gzip = gzip.GzipFile(fileobj=self._file, mode="rb") if path.suffix.lower() == ".gz" else None
        self._limit = limit
        self._ratio_guard = ratio_guard
        self.inflated = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._gzip is None:
            return self._file.readinto(buffer)
        try:
            n = self._gzip.readinto(buffer)
        except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
            raise UnreadableInput(f"broken gzip file ({exc})") from exc
        self.inflated += n
        if self.inflated > self._limit:
            raise UnreadableInput(
                f"decompressed size over {self._limit // 1_000_000} MB: refused (possible decompression bomb)"
            )
        compressed = self._file.tell()
        if self._ratio_guard and self.inflated > max(RATIO_GRACE_BYTES, MAX_INFLATE_RATIO * compressed):
            raise UnreadableInput(
                f"decompressed to over {MAX_INFLATE_RATIO} times its compressed size: "
                "refused (possible decompression bomb)"
            )
        return n

    def close(self) -> None:
        if not self.closed:
            if self._gzip is not None:
                self._gzip.close()
            self._file.close()
        super().close()


def _open(path: Path, suffix: str) -> io.BufferedReader:
    """A buffered stream of the file's (inflated) bytes, bounded for its format."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise UnreadableInput(f"file too large ({size // 1_000_000} MB > {MAX_FILE_BYTES // 1_000_000} MB)")
    if suffix in TEXT_SUFFIXES:
        limit, ratio_guard = MAX_DOCUMENT_BYTES, False
    elif suffix in HTML_SUFFIXES:
        limit, ratio_guard = MAX_HTML_BYTES, False
    else:  # many records: as much as a plain file may hold
        limit, ratio_guard = MAX_FILE_BYTES, True
    return io.BufferedReader(_BoundedSource(path, limit, ratio_guard), buffer_size=_CHUNK)


def _read_all(stream: io.BufferedReader) -> bytes:
    buffer = io.BytesIO()  # getvalue() hands over its bytes without a second copy
    while chunk := stream.read(_CHUNK):
        buffer.write(chunk)
    return buffer.getvalue()


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
        if line.strip():
            yield _record_from_line(f"{path}:{lineno}", line)


def _record_from_line(where: str, line: str) -> dict | Skipped:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        return Skipped(where, f"invalid JSON line ({exc.msg})")
    except RecursionError:
        return Skipped(where, "invalid JSON line (nested too deeply)")
    return item if isinstance(item, dict) else Skipped(where, "JSON line is not an object")


def _records_from_jsonl(path: Path, stream: io.BufferedReader) -> Iterator[dict | Skipped]:
    """Records of a JSONL file, read line by line: memory stays at one line however long the file.

    A JSON list (``[`` first) or a UTF-16 file, whose lines do not end at a ``\\n`` byte, is
    read whole instead, within the same bound as a ``.json``.
    """
    head = stream.peek(_CHUNK)[:65_536]
    utf16 = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _bomless_utf16(head[: len(head) // 2 * 2])
    if utf16 or head.removeprefix(codecs.BOM_UTF8).lstrip().startswith(b"["):
        yield from _records_from_json(path, _read_all(stream))
        return
    codec = _line_codec(head)
    lineno = 0
    seen_text = False
    try:
        for lineno, line in _bounded_lines(stream):
            where = f"{path}:{lineno}"
            if line is None:
                yield Skipped(where, f"JSON line over {MAX_LINE_BYTES // 1_000_000} MB: refused "
                                     f"(an article is at most {MAX_DOCUMENT_CHARS:,} characters)")
                continue
            if lineno == 1:
                line = line.removeprefix(codecs.BOM_UTF8)
            if not line.strip():
                continue
            seen_text = True
            text = line.decode(codec, errors="replace") if codec else _decode_line(line)
            yield _record_from_line(where, text) if text is not None else Skipped(where, NOT_ARABIC)
    except UnreadableInput as exc:
        if lineno:
            raise UnreadableInput(f"{exc}, after line {lineno:,}") from exc
        raise
    if not seen_text:
        raise UnreadableInput("empty file")


def _bounded_lines(stream: io.BufferedReader) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) of each line; None for a line over MAX_LINE_BYTES, whose bytes are
    read past in chunks, never held (a bomb can be one endless line)."""
    lineno = 0
    while line := stream.readline(MAX_LINE_BYTES + 1):
        lineno += 1
        if len(line) <= MAX_LINE_BYTES or line.endswith(b"\n"):
            yield lineno, line
            continue
        while line and not line.endswith(b"\n"):
            line = stream.readline(_CHUNK)
        yield lineno, None


def _line_codec(head: bytes) -> str | None:
    """None when the lines are UTF-8 or Windows-1256 (each decoded by ``_decode_line``), else the
    codec charset-normalizer finds for the first lines; raise UnreadableInput for a binary file or
    one whose first lines read as no Arabic in any encoding."""
    _refuse_binary(head)
    lines = [line for line in head.split(b"\n")[:-1] or [head] if line.strip()]  # whole lines
    if not lines or any(_decode_line(line) is not None for line in lines):
        return None
    from charset_normalizer import from_bytes

    best = from_bytes(head).best()
    if best is not None and reads_as_arabic(head.decode(best.encoding, errors="replace")):
        return best.encoding
    raise UnreadableInput(NOT_ARABIC)


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
        with _open(path, suffix) as stream:
            if suffix in TEXT_SUFFIXES:
                yield from read_text_file(path, _read_all(stream))
            elif suffix in HTML_SUFFIXES:
                yield from read_html_file(path, _read_all(stream))
            else:
                if suffix in JSONL_SUFFIXES:
                    records = _records_from_jsonl(path, stream)
                elif suffix in JSON_SUFFIXES:
                    records = _records_from_json(path, _read_all(stream))
                else:
                    records = _records_from_csv(path, _read_all(stream))
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
