"""Reading: find raw documents and their sidecars, decode strictly, normalise newlines and Unicode."""
from __future__ import annotations

import codecs
import datetime as dt
import json
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .optional import require
from .model import CorpusError, Document, Issue, Normalization

RAW_SUFFIXES = (".txt", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")
SIDECAR_SUFFIX = ".meta.json"
CORPUS_CONFIG = "corpus.toml"
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$")

# Size limits are checked with fstat() before a byte is read, so a huge or endless file costs nothing.
# A raw document is a web page's text: 16 MiB is far above any article and far below memory trouble.
DEFAULT_MAX_RAW_BYTES = 16 * 1024 * 1024
MAX_RAW_BYTES_ENV = "CORPUS_PKG_MAX_RAW_BYTES"
MAX_SIDECAR_BYTES = 1024 * 1024  # a sidecar is a few hundred bytes of metadata
MAX_SIDECAR_DEPTH = 32  # the schema needs 3 levels; deeper nesting only costs stack
MAX_NUMBER_DIGITS = 100  # no sidecar field is a number; keep int() away from huge digit strings
_SIZE = re.compile(r"^\s*(\d+)\s*([kmg]i?b?)?\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Submission:
    """A raw file and its sidecar as found on disk (either may be missing)."""

    id: str
    raw_path: Path | None
    sidecar_path: Path | None


def document_id(path: Path) -> str:
    """The stable id of a raw file: its name without the extension."""
    name = path.name
    if name.endswith(SIDECAR_SUFFIX):
        return name[: -len(SIDECAR_SUFFIX)]
    return path.stem


def discover(raw_dir: Path) -> list[Submission]:
    """Every raw file and sidecar under ``raw_dir``, paired by id, sorted by id (the build order)."""
    if not raw_dir.is_dir():
        raise CorpusError(f"{raw_dir}: raw folder not found (give another with --raw)")
    raws: dict[str, str] = {}
    sidecars: dict[str, str] = {}
    # scandir and plain names (not Path objects): a 100,000-document folder is listed in about a second
    with os.scandir(raw_dir) as entries:
        # Hidden files (editor and OS leftovers such as ._name.txt) are not part of the corpus. Links and
        # special files are kept, so that reading refuses them by name instead of skipping them silently.
        names = sorted(e.name for e in entries if not e.name.startswith(".") and (e.is_symlink() or not e.is_dir()))
    for name in names:
        if name.endswith(SIDECAR_SUFFIX):
            sidecars[name[: -len(SIDECAR_SUFFIX)]] = name
        else:
            stem, dot, suffix = name.rpartition(".")
            if dot and f".{suffix}" in RAW_SUFFIXES:
                raws[stem] = name
    ids = sorted(set(raws) | set(sidecars))
    return [Submission(i, raw_dir / raws[i] if i in raws else None, raw_dir / sidecars[i] if i in sidecars else None)
            for i in ids]


class DecodeError(ValueError):
    """Raw bytes that are not strict UTF-8 text; says where the first bad byte is and what the file looks like."""

    def __init__(self, offset: int, line: int, reason: str, code: str = "raw-not-utf8") -> None:
        what = "not a text file" if code == "raw-binary" else "not valid UTF-8"
        super().__init__(f"{what} at byte {offset} (line {line}): {reason}")
        self.offset = offset
        self.line = line
        self.code = code


_SIGNATURES = (
    (codecs.BOM_UTF32_LE, "a UTF-32 text file"),
    (codecs.BOM_UTF32_BE, "a UTF-32 text file"),
    (codecs.BOM_UTF16_LE, "a UTF-16 text file (it starts with a UTF-16 byte-order mark)"),
    (codecs.BOM_UTF16_BE, "a UTF-16 text file (it starts with a UTF-16 byte-order mark)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.odt document)"),
    (b"\x1f\x8b", "a gzip file"),
    (b"\xd0\xcf\x11\xe0", "a Microsoft Office document"),
)


def sniff(raw: bytes) -> str | None:
    """What a file that is not UTF-8 text seems to be, for the error message; None when nothing stands out."""
    for signature, name in _SIGNATURES:
        if raw.startswith(signature):
            return name
    head = raw[:4096]
    if head.count(0) >= 0.05 * len(head):  # UTF-16 text without a BOM holds NULs (in ASCII letters, spaces, newlines)
        scores = {}
        for order in ("little", "big"):
            try:
                sample = head[: len(head) // 2 * 2].decode(f"utf-16-{order[0]}e")
            except UnicodeDecodeError:
                continue
            if " " in sample or "\n" in sample:  # ASCII read the wrong way round is all CJK, never spaced
                scores[order] = sum(ch.isprintable() or ch in "\n\r\t" for ch in sample) / max(len(sample), 1)
        best = max(scores, key=scores.get, default=None)
        if best and scores[best] >= 0.9:
            return f"a UTF-16 text file without a byte-order mark ({best}-endian)"
    if head.count(0) >= max(2, 0.01 * len(head)) or sum(b < 9 or 13 < b < 32 for b in head) > 0.1 * max(len(head), 1):
        return "a binary file"
    return None


def _not_text(raw: bytes, offset: int, reason: str) -> DecodeError:
    what = sniff(raw)
    code = "raw-binary" if what and ("UTF" not in what) else "raw-not-utf8"
    if what:
        reason = f"{reason}; it looks like {what}"
    return DecodeError(offset, raw.count(b"\n", 0, offset) + 1, reason, code)


def decode(raw: bytes) -> tuple[str, Normalization]:
    """Strict UTF-8 (a leading BOM is recognised and dropped), then LF newlines, then NFC."""
    bom = raw.startswith(codecs.BOM_UTF8)
    body = raw[len(codecs.BOM_UTF8) :] if bom else raw
    try:
        text = body.decode("utf-8", errors="strict")
    except UnicodeDecodeError as exc:
        raise _not_text(raw, exc.start + (3 if bom else 0), exc.reason) from None
    nul = raw.find(b"\0")
    if nul >= 0 and sniff(raw):
        # Valid UTF-8 can hold NUL bytes, but text does not: UTF-16 without a BOM, or a binary file. A stray
        # NUL in real text is read, and reported line by line by the contributor checks (raw-nul).
        raise _not_text(raw, nul, "it contains NUL bytes") from None
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    styles = [name for name, n in (("lf", lf), ("crlf", crlf), ("cr", cr)) if n]
    style = styles[0] if len(styles) == 1 else ("mixed" if styles else "none")
    if crlf or cr:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    nfc_changed = not unicodedata.is_normalized("NFC", text)
    if nfc_changed:
        text = unicodedata.normalize("NFC", text)
    return text, Normalization(bom=bom, newline_style=style, newlines_converted=crlf + cr, nfc_changed=nfc_changed)


def html_to_text(html: str) -> str:
    """Every visible text of an HTML page, one block per line, nothing judged yet (cleaning decides, and records).

    A converter that keeps all text is used instead of a boilerplate remover on purpose: whatever the
    page's debris is, our rules remove it and record it, so nothing vanishes unaccounted. The parser
    never fetches anything (no DTDs, no external entities, no network).
    """
    html_text = require("html_text", "reading .html pages")
    tree = html_text.parse_html(html)
    for head in tree.xpath("//head"):
        head.drop_tree()
    text = html_text.extract_text(tree, guess_layout=True)
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def read_text(path: Path, raw: bytes) -> tuple[str, Normalization]:
    """The normalised text of a raw file: decoded, and for HTML pages the page's visible text."""
    text, norm = decode(raw)
    if path.suffix.lower() in HTML_SUFFIXES:
        text = html_to_text(text)
    return text, norm


def json_error_issue(file: str, exc: json.JSONDecodeError) -> Issue:
    return Issue(
        code="sidecar-invalid-json",
        severity="error",
        file=file,
        line=exc.lineno,
        message=f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})",
        hint="Fix the JSON syntax; `python -m json.tool FILE` shows where it breaks.",
    )


def parse_size(value: str | int) -> int:
    """A size in bytes from an int or a string such as '16M', '512k' or '2GiB' (powers of 1024)."""
    if isinstance(value, int) and not isinstance(value, bool):
        number, unit = value, ""
    else:
        m = _SIZE.match(str(value))
        if not m:
            raise ValueError(f"not a size: {value!r} (give bytes, or a number with k, M or G)")
        number, unit = int(m.group(1)), (m.group(2) or "")[:1].lower()
    size = number * {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[unit]
    if size <= 0:
        raise ValueError(f"a size limit must be positive, not {value!r}")
    return size


def max_raw_bytes(value: str | int | None = None) -> int:
    """The raw-file size limit: ``value`` when given, else $CORPUS_PKG_MAX_RAW_BYTES, else 16 MiB."""
    if value is None:
        value = os.environ.get(MAX_RAW_BYTES_ENV) or DEFAULT_MAX_RAW_BYTES
        source = f"${MAX_RAW_BYTES_ENV}"
    else:
        source = "--max-raw-bytes"
    try:
        return parse_size(value)
    except ValueError as exc:
        raise CorpusError(f"{source}: {exc}") from None


class ReadRefused(Exception):
    """A file that is not read at all: a link, a special file, too large, unreadable, or not text."""

    def __init__(self, issue: Issue) -> None:
        super().__init__(issue.message)
        self.issue = issue


def _human(n: int) -> str:
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


def read_file(path: Path, limit: int, kind: str, limit_hint: str) -> bytes:
    """The bytes of a regular file in raw/, refusing links, special files and files over ``limit``.

    The file is opened with O_NOFOLLOW and checked with fstat() on the open descriptor, so a link
    swapped in after the check is refused too, and a FIFO cannot block the build.
    """
    file = str(path)
    try:
        st = os.lstat(path)
    except OSError as exc:
        raise ReadRefused(Issue(f"{kind}-unreadable", "error", file, f"cannot be read: {exc.strerror}", "Check that the file exists and can be read.")) from None
    if stat.S_ISLNK(st.st_mode):
        raise ReadRefused(_link_issue(path, kind))
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if os.path.islink(path):
            raise ReadRefused(_link_issue(path, kind)) from None
        raise ReadRefused(Issue(f"{kind}-unreadable", "error", file, f"cannot be read: {exc.strerror}", "Check the file's permissions.")) from None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        what = "a folder" if stat.S_ISDIR(st.st_mode) else "a pipe, socket or device"
        raise ReadRefused(Issue(f"{kind}-unreadable", "error", file, f"is not a regular file ({what})", "raw/ must hold plain files only."))
    try:
        if st.st_size > limit:
            raise ReadRefused(Issue(f"{kind}-too-large", "error", file,
                                    f"is {_human(st.st_size)} ({st.st_size} bytes), over the limit of {_human(limit)} ({limit} bytes); it was not read",
                                    limit_hint))
        # The size fstat() gave, plus one byte to notice a file that grew since; asking for the whole limit at
        # once made every read allocate a buffer of that size (16 MiB by default), which cost more than reading.
        data = _read_upto(fd, st.st_size + 1)
        if len(data) > st.st_size:
            data += _read_upto(fd, limit + 1 - len(data))
    finally:
        os.close(fd)
    if len(data) > limit:  # the file grew after fstat()
        raise ReadRefused(Issue(f"{kind}-too-large", "error", file, f"grew past the limit of {limit} bytes while it was read", limit_hint))
    return data


def _read_upto(fd: int, size: int) -> bytes:
    """Up to ``size`` bytes from ``fd``, fewer only at the end of the file."""
    chunks = []
    while size > 0:
        chunk = os.read(fd, min(size, 1 << 26))
        if not chunk:
            break
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _link_issue(path: Path, kind: str) -> Issue:
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    resolved = (path.parent / target).resolve()
    outside = not resolved.is_relative_to(path.parent.resolve())
    where = f", outside {path.parent.name or path.parent}/" if outside else ""
    return Issue(f"{kind}-symlink", "error", str(path), f"is a symbolic link to {target!r}{where}; links in raw/ are not followed",
                 "Put the file itself in raw/ (cp -L LINK FILE), or remove the link.")


def read_raw(path: Path, limit: int | None = None) -> tuple[bytes, str, Normalization, list[Issue]]:
    """A raw document's bytes and normalised text, with warnings; raises ReadRefused naming the problem."""
    limit = max_raw_bytes() if limit is None else limit
    raw = read_file(path, limit, "raw", f"Split the document, or raise the limit: --max-raw-bytes SIZE or ${MAX_RAW_BYTES_ENV}=SIZE.")
    text, norm, warnings = raw_text(path, raw)
    return raw, text, norm, warnings


def raw_text(path: Path, raw: bytes) -> tuple[str, Normalization, list[Issue]]:
    """The normalised text of a raw file's bytes (``path`` names it and picks .txt or .html), with warnings;
    raises ReadRefused when the bytes are not a readable document."""
    try:
        text, norm = read_text(path, raw)
    except ImportError:
        raise
    except DecodeError as exc:
        hint = ("Convert it to UTF-8, e.g. iconv -f UTF-16 -t UTF-8 FILE > NEW" if "UTF-16" in str(exc) else
                "Put the text of the page in a UTF-8 .txt file." if exc.code == "raw-binary" else
                "Re-save the file as UTF-8 (from Windows-1252: iconv -f WINDOWS-1252 -t UTF-8 FILE > NEW).")
        raise ReadRefused(Issue(exc.code, "error", str(path), str(exc), hint, line=exc.line)) from None
    except Exception as exc:  # lxml refuses some pages (e.g. control characters it cannot put in a text node)
        raise ReadRefused(Issue("raw-html-unreadable", "error", str(path),
                                f"the HTML page cannot be turned into text: {type(exc).__name__}: {str(exc)[:200]}",
                                "Remove control characters (U+0001-U+001F other than tab and newline) from the page, or save its text as .txt.")) from None
    if not text.strip():
        what = "is empty (0 bytes)" if not raw else f"holds only whitespace ({len(raw)} bytes)"
        raise ReadRefused(Issue("raw-empty", "error", str(path), what, "Put the document's text in the file, or delete it and its sidecar."))
    warnings: list[Issue] = []  # control characters and the like: corpus_pkg.checks reports them
    return text, norm, warnings


class _Reject(ValueError):
    """A JSON value a sidecar may not hold even though a lenient parser accepts it."""


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Reject(f"the key {key[:80]!r} appears twice in one object")
        out[key] = value
    return out


def _constant(name: str) -> Any:
    raise _Reject(f"{name} is not a JSON number")


def _float(text: str) -> float:
    if len(text) > MAX_NUMBER_DIGITS:
        raise _Reject(f"a number with {len(text)} characters is too long")
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise _Reject(f"the number {text[:40]} is out of range")
    return value


def _int(text: str) -> int:
    if len(text) > MAX_NUMBER_DIGITS:
        raise _Reject(f"a number with {len(text)} digits is too long")
    return int(text)


def _depth(value: Any) -> int:
    """Nesting depth of a parsed JSON value, computed without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return deepest


def parse_sidecar(data: bytes, file: str) -> tuple[dict[str, Any] | None, list[Issue]]:
    """A sidecar's JSON object from its bytes, strictly: no duplicate keys, NaN, infinities or huge numbers."""
    hint = "Fix the JSON syntax; `python -m json.tool FILE` shows where it breaks."
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return None, [Issue("sidecar-not-utf8", "error", file, f"not valid UTF-8 at byte {exc.start} (line {line})", "Save the sidecar as UTF-8.", line=line)]
    try:
        value = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_constant, parse_float=_float, parse_int=_int)
    except json.JSONDecodeError as exc:
        return None, [json_error_issue(file, exc)]
    except _Reject as exc:
        return None, [Issue("sidecar-invalid-json", "error", file, f"not accepted as JSON: {exc}", hint)]
    except RecursionError:
        return None, [Issue("sidecar-too-deep", "error", file, "nests arrays or objects too deeply to be read",
                            f"A sidecar needs three levels at most (the limit is {MAX_SIDECAR_DEPTH}).")]
    except ValueError as exc:  # e.g. a number Python refuses to convert
        return None, [Issue("sidecar-invalid-json", "error", file, f"not accepted as JSON: {str(exc)[:200]}", hint)]
    # Nesting needs a bracket per level: with fewer brackets than the limit, the walk cannot find too many.
    depth = _depth(value) if data.count(b"{") + data.count(b"[") >= MAX_SIDECAR_DEPTH else 0
    if depth > MAX_SIDECAR_DEPTH:
        return None, [Issue("sidecar-too-deep", "error", file, f"nests {depth} levels deep, over the limit of {MAX_SIDECAR_DEPTH}",
                            "A sidecar needs three levels at most; see schemas/sidecar.schema.json.")]
    if not isinstance(value, dict):
        return None, [Issue("sidecar-not-object", "error", file, f"expected a JSON object, found {type(value).__name__}", "A sidecar is one JSON object: {\"language\": …, …}.", pointer="")]
    return value, []


def read_sidecar(path: Path) -> tuple[bytes, dict[str, Any] | None, list[Issue]]:
    """The sidecar's bytes and parsed object, or the issues that stop it being read."""
    try:
        data = read_file(path, MAX_SIDECAR_BYTES, "sidecar", "A sidecar holds a few fields of metadata; move long text out of it.")
    except ReadRefused as exc:
        return b"", None, [exc.issue]
    value, issues = parse_sidecar(data, str(path))
    return data, value, issues


def utc_timestamp(value: str) -> dt.datetime:
    """An RFC 3339 date-time (as the sidecar schema accepts it) as an aware UTC datetime; ValueError when it has none."""
    try:
        return dt.datetime.fromisoformat(value.upper().replace("Z", "+00:00")).astimezone(dt.timezone.utc)
    except (ValueError, OverflowError) as exc:
        raise ValueError(f"{value!r} cannot be stored as a UTC timestamp: {exc}") from None


def read_document(sub: Submission, max_bytes: int | None = None) -> Document:
    """Read one submission into a Document; raises CorpusError naming the file when it cannot be read."""
    if sub.raw_path is None:
        raise CorpusError(f"{sub.sidecar_path}: sidecar without a raw file")
    try:
        raw, text, norm, _ = read_raw(sub.raw_path, max_bytes)
    except ReadRefused as exc:
        raise CorpusError(f"{sub.raw_path}: cannot be read", [exc.issue]) from None
    doc = Document(id=sub.id, raw_path=sub.raw_path, raw=raw, text=text, normalization=norm)
    if sub.sidecar_path is not None:
        doc.sidecar_path = sub.sidecar_path
        doc.sidecar_bytes, doc.sidecar, _ = read_sidecar(sub.sidecar_path)
    return doc
