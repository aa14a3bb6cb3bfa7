"""The contributor checks behind `corpus-pkg validate`: each finds one kind of problem and reports it as Issues.

Every check has a stable kebab-case code (listed in CODES) so that CI logs, editors and other projects
can rely on it. Per-document checks are pure functions of one submission's files, so they run in a
process pool; corpus checks (ids, duplicates) compare the submissions against the whole corpus.
"""
from __future__ import annotations

import datetime as dt
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field, fields
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .clean import Cleaned, Rule, default_catalogue
from .clean.catalogue import squash
from .jsonpos import line_of, pointer_lines
from .model import Issue
from .read import CORPUS_CONFIG, RAW_SUFFIXES, SIDECAR_SUFFIX, Submission, read_sidecar

# code -> what it means; docs/VALIDATION.md and CONTRIBUTING.md explain each one.
CODES = {
    "raw-unexpected-file": "a file in the raw folder that is neither <id>.txt nor <id>.meta.json",
    "id-invalid": "the file name (the document id) has characters outside [A-Za-z0-9._-]",
    "id-collision": "two ids differ only by case or Unicode normalisation",
    "raw-missing": "a sidecar without its raw file",
    "sidecar-missing": "a raw file without its sidecar",
    "raw-not-utf8": "the raw file is not strict UTF-8",
    "raw-empty": "the raw file holds no text",
    "raw-nul": "the raw file contains a NUL character",
    "raw-control-char": "the raw file contains a control character",
    "raw-empty-after-cleaning": "nothing is left after cleaning",
    "raw-too-short": "the clean text is shorter than the minimum",
    "sidecar-not-utf8": "the sidecar is not UTF-8",
    "sidecar-invalid-json": "the sidecar is not valid JSON",
    "sidecar-not-object": "the sidecar is JSON but not an object",
    "sidecar-schema": "the sidecar breaks schemas/sidecar.schema.json",
    "sidecar-date-future": "the publication date is in the future",
    "sidecar-date-precision": "date.precision does not fit date.value",
    "sidecar-retrieved-future": "the retrieval time is in the future",
    "sidecar-date-after-retrieved": "published after it was retrieved",
    "sidecar-url-malformed": "an address that is not a well-formed http(s) URL",
    "sidecar-license-not-allowed": "a licence outside the corpus's allowed list",
    "sidecar-language-mismatch": "the text's detected language differs from the sidecar's",
    "language-unchecked": "the language detector is not installed",
    "document-schema": "the built record breaks schemas/document.schema.json (a bug or an odd input)",
    "debris-residual": "a line of the clean text still matches a strong debris rule",
    "duplicate-exact": "the clean text equals an existing document's",
    "duplicate-near": "the clean text is nearly the same as an existing document's",
    "duplicate-unchecked": "numpy is not installed, so duplicates were not checked",
}

DEFAULT_LICENSES = (
    "CC0-1.0", "PDDL-1.0", "CC-BY-4.0", "CC-BY-SA-4.0", "CC-BY-3.0", "CC-BY-SA-3.0", "CC-BY-2.5", "CC-BY-SA-2.5",
    "CC-BY-2.0", "CC-BY-SA-2.0", "ODC-By-1.0", "ODbL-1.0", "GFDL-1.3-or-later", "GFDL-1.2-or-later",
    "LicenseRef-public-domain",
)
OTHER_FILES = {CORPUS_CONFIG, "README.md", "README.txt", ".gitignore", ".gitattributes"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CONTROL_NAMES = {"\x00": "NULL", "\x07": "BELL", "\x08": "BACKSPACE", "\x0b": "LINE TABULATION", "\x0c": "FORM FEED",
                  "\x1b": "ESCAPE", "\x7f": "DELETE"}
MAX_LINE_ISSUES = 10  # per file and code: enough to find the pattern, not a wall of text


@dataclass(frozen=True)
class Settings:
    """What a corpus accepts; defaults here, overridden by the [validate] table of raw/corpus.toml."""

    min_chars: int = 200
    near_duplicate_threshold: float = 0.8
    shingle_words: int = 5
    num_perm: int = 128
    licenses: tuple[str, ...] = DEFAULT_LICENSES
    language_min_chars: int = 200
    language_confidence: float = 0.99
    today: dt.date | None = None  # None: the real date (tests pin it)

    @classmethod
    def load(cls, raw_dir: Path, **overrides: Any) -> "Settings":
        path = raw_dir / CORPUS_CONFIG
        table: dict[str, Any] = {}
        if path.is_file():
            try:
                table = tomllib.loads(path.read_text(encoding="utf-8")).get("validate", {})
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise SettingsError(f"{path}: not valid TOML: {exc}") from None
        known = {f.name for f in fields(cls)} - {"today"}
        unknown = sorted(set(table) - known)
        if unknown:
            raise SettingsError(f"{path}: unknown keys {unknown} in [validate]; allowed are {sorted(known)}")
        defaults = cls()
        for key, value in table.items():
            want = type(getattr(defaults, key))
            ok = isinstance(value, list) and all(isinstance(v, str) for v in value) if want is tuple else (
                isinstance(value, (int, float)) and not isinstance(value, bool) if want is float else
                isinstance(value, want) and not isinstance(value, bool))
            if not ok:
                raise SettingsError(f"{path}: [validate] {key} = {value!r} is not a {'list of strings' if want is tuple else want.__name__}")
        if "licenses" in table:
            table["licenses"] = tuple(table["licenses"])
        table.update({k: v for k, v in overrides.items() if v is not None})
        settings = cls(**table)
        if not 0 < settings.near_duplicate_threshold <= 1:
            raise SettingsError(f"near-duplicate threshold must be in (0, 1], got {settings.near_duplicate_threshold}")
        return settings

    @property
    def date(self) -> dt.date:
        return self.today or dt.datetime.now(dt.timezone.utc).date()


class SettingsError(ValueError):
    """Bad validation settings or arguments: a usage error (exit status 2), not a problem in a document."""


# ---------------------------------------------------------------------------------------------- files


def file_issues(paths: list[Path]) -> list[Issue]:
    """Files in the raw folder that no build would read: wrong extension, a typo, a stray export."""
    issues = []
    for path in paths:
        name = path.name
        if name.startswith(".") or name in OTHER_FILES or name.endswith(SIDECAR_SUFFIX) or path.suffix in RAW_SUFFIXES:
            continue
        stem = name.split(".")[0]
        issues.append(Issue("raw-unexpected-file", "error", str(path), f"unexpected file {name!r}: not a raw document (.txt) or sidecar (.meta.json)",
                            f"Rename it to {stem}.txt (raw text) or {stem}.meta.json (sidecar), or remove it."))
    return issues


def identity_issues(subs: list[Submission], targets: set[str]) -> list[Issue]:
    """Ids of ``targets`` that collide with another id of the corpus on a case-insensitive or normalising file system."""
    groups: dict[str, list[Submission]] = {}
    for sub in subs:
        key = sub.id.lower() if sub.id.isascii() else unicodedata.normalize("NFC", sub.id).casefold()
        groups.setdefault(key, []).append(sub)
    issues = []
    for group in groups.values():
        if len(group) < 2:
            continue
        for sub in group:
            if sub.id in targets:
                others = ", ".join(repr(o.id) for o in group if o is not sub)
                issues.append(Issue("id-collision", "error", str(sub.raw_path or sub.sidecar_path),
                                    f"id {sub.id!r} differs from {others} only by case or Unicode normalisation",
                                    "Rename the new file so that its id is unique ignoring case and accents' encoding."))
    return issues


# ---------------------------------------------------------------------------------------------- raw text


def _line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def text_issues(text: str, file: str) -> list[Issue]:
    """Empty files and control characters (NUL above all), with the line where each first appears."""
    if not text.strip():
        return [Issue("raw-empty", "error", file, "the file holds no text", "Paste the document's text into the file.")]
    issues: list[Issue] = []
    counts = {"raw-nul": 0, "raw-control-char": 0}
    last_line: dict[str, int] = {}
    for m in _CONTROL.finditer(text):
        char = m.group()
        code = "raw-nul" if char == "\x00" else "raw-control-char"
        line = _line_at(text, m.start())
        if last_line.get(code) == line:
            continue
        last_line[code] = line
        counts[code] += 1
        if counts[code] > MAX_LINE_ISSUES:
            continue
        name = unicodedata.name(char, None) or _CONTROL_NAMES.get(char, "a control character")
        issues.append(Issue(code, "error", file, f"control character U+{ord(char):04X} ({name}) in the text", 
                            "Delete it; a NUL usually means a binary or UTF-16 file was saved as .txt." if code == "raw-nul"
                            else "Delete it, or replace it with a space or a newline.", line=line))
    for code, n in counts.items():
        if n > MAX_LINE_ISSUES:
            issues.append(Issue(code, "error", file, f"{n - MAX_LINE_ISSUES} more line(s) with control characters", "Strip all of them, e.g. with `tr -d`."))
    return issues


def raw_line(cleaned: Cleaned, text: str, clean_offset: int) -> int | None:
    """Line in the raw file of a character of the clean text, through the block that holds it."""
    for block in cleaned.blocks:
        if block.start <= clean_offset < block.end or (clean_offset == block.end == block.start):
            return _line_at(text, block.raw_start + (clean_offset - block.start))
    return None


@lru_cache(maxsize=1)
def _strong_line_rules() -> tuple[Rule, ...]:
    # Rules that act anywhere leave nothing behind; edge rules keep a match inside the text on purpose, and
    # such a line in the middle of an article is what a contributor should look at.
    return tuple(r for r in default_catalogue().rules
                 if r.strength == "strong" and r.kind in ("phrase", "pattern") and r.scope in ("top", "bottom", "edge"))


@lru_cache(maxsize=1)
def _strong_line_filter() -> re.Pattern[str] | None:
    """One regex that fully matches a line when any strong line rule could: most lines of a clean text match
    none, and one test is far cheaper than a hundred. None when the rules cannot be joined (then each is tried)."""
    rules = _strong_line_rules()
    if any(r.phrases for r in rules):
        return None
    parts = []
    for rule in rules:
        for pattern in rule.heads + rule.patterns:
            if pattern.flags & ~(re.IGNORECASE | re.UNICODE):
                return None
            source = re.sub(r"\(\?P<\w+>", "(?:", pattern.pattern)  # group names may repeat across rules
            source = re.sub(r"^\(\?i\)", "", source)  # its own flag, scoped below: global flags must lead the whole
            parts.append(f"(?{'i' if pattern.flags & re.IGNORECASE else ''}:{source})")
    try:
        return re.compile("|".join(parts)) if parts else None
    except re.error:
        return None


def _strong_line_rule(squashed: str) -> Rule | None:
    """The first strong line rule that matches the (squashed) line, in catalogue order."""
    quick = _strong_line_filter()
    if quick is not None and quick.fullmatch(squashed) is None:
        return None
    return next((r for r in _strong_line_rules() if r.facts(squashed) is not None), None)


def cleaned_issues(cleaned: Cleaned, text: str, file: str, settings: Settings) -> list[Issue]:
    """Too little text left, or debris a strong catalogue rule recognises still in the clean text."""
    issues = []
    size = len(cleaned.text.strip())
    if 0 < size < settings.min_chars:
        issues.append(Issue("raw-too-short", "error", file,
                            f"only {size} characters are left after cleaning (the minimum is {settings.min_chars})",
                            "Submit the whole article; if this really is all of it, it is too short for the corpus."))
    offset = 0
    for line in cleaned.text.split("\n"):
        squashed = squash(line)
        if squashed:
            rule = _strong_line_rule(squashed)
            if rule is not None:
                issues.append(Issue("debris-residual", "error", file,
                                    f"line still looks like web debris after cleaning ({rule.id}): {line.strip()[:80]!r}",
                                    f"Delete the line from the raw file (rule {rule.id}: {rule.description})",
                                    line=raw_line(cleaned, text, offset)))
        offset += len(line) + 1
    return issues


# ---------------------------------------------------------------------------------------------- sidecar


def _get(obj: Any, *path: str) -> Any:
    for key in path:
        obj = obj.get(key) if isinstance(obj, dict) else None
    return obj


def _date_start(value: str) -> dt.date | None:
    """The first day a YYYY, YYYY-MM or YYYY-MM-DD value can mean (None when it is no real date)."""
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        return dt.date(parts[0], parts[1], parts[2])
    except ValueError:
        return None


def _url_problem(url: str) -> str | None:
    if url != url.strip() or any(c.isspace() for c in url):
        return "contains white space"
    try:
        parts = urlsplit(url)
        parts.port  # raises on a bad port
    except ValueError as exc:
        return str(exc)
    if parts.scheme not in ("http", "https"):
        return "does not start with http:// or https://"
    host = parts.hostname or ""
    if not host:
        return "has no host name"
    if not (re.fullmatch(r"[\w-]+(\.[\w-]+)+", host) or host == "localhost" or re.fullmatch(r"\[?[0-9a-f:.]+\]?", host)):
        return f"has a malformed host name {host!r}"
    if host == "localhost" or host.endswith((".invalid", ".test", ".local", ".example")):
        return f"points at a non-public host {host!r}"
    return None


LANGUAGE_SAMPLE = 1000  # characters: enough to tell a language, and detection cost grows with length


@lru_cache(maxsize=1)
def _language_identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def preload() -> None:
    """Load the language model once, before a process pool forks, rather than once per worker."""
    try:
        _language_identifier()
    except ImportError:
        pass


def detect_language(text: str) -> tuple[str, float] | None:
    """(ISO 639-1 code, probability) of the text's language, or None when py3langid is not installed."""
    try:
        identifier = _language_identifier()
    except ImportError:
        return None
    code, prob = identifier.classify(text[:LANGUAGE_SAMPLE])
    return str(code), float(prob)


def sidecar_issues(sidecar: dict[str, Any], source: bytes, file: str, settings: Settings,
                   schema_flagged: set[str], clean_text: str | None) -> list[Issue]:
    """Coherence of a schema-checked sidecar: dates, addresses, licence and language agree with the world and the text.

    Fields the schema already rejected (``schema_flagged`` pointers) are not judged twice.
    """
    lines: dict[str, int] = {}
    issues: list[Issue] = []

    def report(code: str, ptr: str, message: str, hint: str, severity: str = "error") -> None:
        if not any(ptr == f or ptr.startswith(f + "/") for f in schema_flagged):
            if not lines:  # positions are worked out only for a sidecar that has a problem
                lines.update(pointer_lines(source.decode("utf-8", errors="replace")))
            issues.append(Issue(code, severity, file, message, hint, line=line_of(lines, ptr), pointer=ptr))  # type: ignore[arg-type]

    today = settings.date
    value, precision = _get(sidecar, "date", "value"), _get(sidecar, "date", "precision")
    start = _date_start(value) if isinstance(value, str) else None
    if isinstance(value, str):
        expected = {4: "year", 7: "month", 10: "day"}.get(len(value))
        if start is None:
            report("sidecar-date-precision", "/date/value", f"{value!r} is not a real calendar date", "Check the day and month.")
        elif precision != expected:
            report("sidecar-date-precision", "/date/precision", f"precision is {precision!r} but the value {value!r} is given to the {expected}",
                   f"Set precision to {expected!r}, or give the value as precisely as the precision says.")
    elif value is None and precision is not None and "date" in sidecar:
        report("sidecar-date-precision", "/date/precision", f"precision is {precision!r} but the value is null",
               "Set precision to null too, or give the date.")
    if start is not None and start > today:
        report("sidecar-date-future", "/date/value", f"publication date {value} is in the future (today is {today})",
               "Give the date the document was published; use null when it is unknown.")
        start = None  # one complaint about this date is enough
    retrieved = sidecar.get("retrieved")
    if isinstance(retrieved, str):
        try:
            when = dt.datetime.fromisoformat(retrieved.replace("Z", "+00:00"))
        except ValueError:
            when = None
        if when is not None:
            day = when.date()
            if day > today:
                report("sidecar-retrieved-future", "/retrieved", f"retrieval time {retrieved} is in the future (today is {today})",
                       "Give the time the page was scraped, in RFC 3339 (e.g. 2024-05-01T12:00:00Z).")
            elif start is not None and start > day:
                report("sidecar-date-after-retrieved", "/date/value", f"published {value}, after it was retrieved ({retrieved})",
                       "One of the two dates is wrong: a page cannot be scraped before it is published.")
    for ptr, url in (("/source/url", _get(sidecar, "source", "url")), ("/license/path", _get(sidecar, "license", "path"))):
        if isinstance(url, str):
            problem = _url_problem(url)
            if problem:
                report("sidecar-url-malformed", ptr, f"address {url!r} {problem}", "Copy the full address from the browser, e.g. https://example.org/news/1.")
    licence = _get(sidecar, "license", "name")
    if isinstance(licence, str) and licence not in settings.licenses:
        close = next((a for a in settings.licenses if a.casefold() == licence.casefold()), None)
        report("sidecar-license-not-allowed", "/license/name", f"licence {licence!r} is not on this corpus's allowed list",
               f"Write it as {close!r}." if close else f"Use one of {', '.join(settings.licenses)}, or null when the rights are unknown.")
    language = sidecar.get("language")
    if isinstance(language, str) and clean_text is not None and len(clean_text) >= settings.language_min_chars:
        detected = detect_language(clean_text)
        if detected is None:
            report("language-unchecked", "/language", "the language of the text was not checked: py3langid is not installed",
                   "pip install 'corpus-pkg[lang]'", severity="warning")
        else:
            code, prob = detected
            primary = language.split("-")[0]
            if len(primary) == 2 and code != primary and prob >= settings.language_confidence:
                report("sidecar-language-mismatch", "/language", f"language is {language!r} but the text reads as {code!r} (probability {prob:.2f})",
                       f"Set language to {code!r} if that is right, or check that the raw file is the right text.")
    return issues


# ---------------------------------------------------------------------------------------------- one submission


@dataclass
class Checked:
    """One submission after the per-document checks: its issues and what corpus checks need."""

    id: str
    file: str
    issues: list[Issue] = field(default_factory=list)
    text_sha256: str | None = None
    signature: Any = None


def check_submission(sub: Submission, settings: Settings, signer: Any | None = None) -> Checked:
    """Every per-document check of one submission; the pipeline does the reading, cleaning and schema work."""
    import hashlib

    from .pipeline import process

    result = process(sub)
    file = str(sub.raw_path or sub.sidecar_path)
    out = Checked(sub.id, file)
    issues = result.issues
    if any(i.code in ("id-invalid", "sidecar-schema") for i in issues):
        # the record is built from the file name and the sidecar: its schema errors repeat theirs
        issues = [i for i in issues if i.code != "document-schema"]
    doc, cleaned = result.document, result.cleaned
    clean: str | None = None
    if doc is not None:
        raw_file = str(sub.raw_path)
        text_found = text_issues(doc.text, raw_file)
        if any(i.code == "raw-empty" for i in text_found):
            issues = [i for i in issues if i.code != "raw-empty-after-cleaning"]
        issues += text_found
        if cleaned is not None and cleaned.text.strip():
            clean = cleaned.text
            issues += cleaned_issues(cleaned, doc.text, raw_file, settings)
            out.text_sha256 = hashlib.sha256(clean.encode("utf-8")).hexdigest()
            if signer is not None:
                out.signature = signer.signature(clean)
    unreadable = any(i.code.startswith("sidecar-") and i.code != "sidecar-schema" for i in issues)
    if sub.sidecar_path is not None and not unreadable:
        if doc is not None and doc.sidecar is not None and doc.sidecar_bytes is not None:
            source, sidecar = doc.sidecar_bytes, doc.sidecar  # as the pipeline read it: not read twice
        else:
            source, sidecar, _ = read_sidecar(sub.sidecar_path)
        if sidecar is not None:
            flagged = {i.pointer for i in issues if i.code == "sidecar-schema" and i.pointer is not None}
            issues += sidecar_issues(sidecar, source, str(sub.sidecar_path), settings, flagged, clean)
    out.issues = sorted(issues, key=issue_order)
    return out


def issue_order(issue: Issue) -> tuple[Any, ...]:
    return (issue.file, issue.line or 0, issue.pointer or "", issue.code, issue.message)



def fingerprint(sub: Submission, signer: Any | None = None) -> Checked:
    """Only what corpus checks need of a document that is not itself being checked: clean-text hash and signature."""
    import hashlib

    from .clean import clean_text
    from .read import decode

    out = Checked(sub.id, str(sub.raw_path))
    try:
        text, _ = decode(sub.raw_path.read_bytes())  # type: ignore[union-attr]
    except (OSError, ValueError):
        return out
    clean = clean_text(text).text
    if clean.strip():
        out.text_sha256 = hashlib.sha256(clean.encode("utf-8")).hexdigest()
        if signer is not None:
            out.signature = signer.signature(clean)
    return out


# ---------------------------------------------------------------------------------------------- corpus


def exact_duplicate_issues(checked: list[Checked], baseline: dict[str, str]) -> list[Issue]:
    """Checked documents whose clean text (sha256) equals a corpus document's or an earlier (by id) checked one's."""
    first: dict[str, str] = {}
    for doc_id in sorted(baseline):
        first.setdefault(baseline[doc_id], doc_id)
    issues = []
    for c in sorted(checked, key=lambda c: c.id):
        if c.text_sha256 is None:
            continue
        other = first.setdefault(c.text_sha256, c.id)
        if other != c.id:
            issues.append(Issue("duplicate-exact", "error", c.file, f"the clean text is identical to that of {other!r}",
                                "Drop this submission: the corpus already holds this text."))
    return issues


def near_duplicate_issues(checked: list[Checked], index: Any, skip: frozenset[str] | set[str] = frozenset()) -> list[Issue]:
    """Checked documents nearly the same as one in ``index`` (a NearDuplicateIndex of the corpus) or an earlier (by
    id) checked one: MinHash LSH proposes, the estimated Jaccard similarity decides. ``skip``: ids already
    reported as exact duplicates. Adds the checked documents to ``index``."""
    issues = []
    for c in sorted(checked, key=lambda c: c.id):
        if c.signature is None:
            continue
        found = None if c.id in skip else index.best(c.signature)
        if found is not None:
            other, similarity = found
            issues.append(Issue("duplicate-near", "error", c.file,
                                f"the clean text is nearly the same as that of {other!r} "
                                f"(estimated Jaccard similarity {similarity:.2f}, threshold {index.threshold})",
                                f"Drop this submission if it is the same document as {other!r}; if it is another text, "
                                "say so in the sidecar's notes and ask a maintainer."))
        index.add(c.id, c.signature)
    return issues
