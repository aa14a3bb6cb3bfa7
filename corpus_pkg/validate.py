"""Validation: JSON Schema checks, the contributor checks of checks.py and corpus checks, as one Report of Issues.

``validate()`` is what `corpus-pkg validate` runs; ``report.as_dict()`` is its JSON output, field for field.
"""
from __future__ import annotations

import gc
import json
import os
import subprocess
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from .jsonpos import escape, line_of, pointer_lines
from .model import Issue
from .optional import require
from .resources import schemas_dir


@lru_cache(maxsize=None)
def validator(name: str):
    """A Draft 2020-12 validator for schemas/<name>.schema.json, with format checking really on."""
    jsonschema = require("jsonschema", "JSON Schema validation")
    schema = json.loads((schemas_dir() / f"{name}.schema.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def pointer(path: Iterable[Any]) -> str:
    """RFC 6901 JSON pointer for a jsonschema error path."""
    return "".join("/" + escape(str(p)) for p in path)


HINTS = {
    "required": "Add the missing key (use null when the value is unknown).",
    "additionalProperties": "Remove the key, or check its spelling against schemas/{schema}.schema.json.",
    "enum": "Use one of the allowed values listed in schemas/{schema}.schema.json.",
    "type": "Give a value of the expected type (null when unknown).",
    "pattern": "Write the value in the form the pattern describes.",
    "format": "Write the value in the named format (for example an https:// address or an RFC 3339 date-time).",
}


def _shorten(text: str, limit: int = 300) -> str:
    """Messages quote the offending value: keep a megabyte string from flooding the report."""
    return text if len(text) <= limit else f"{text[: limit - 60]}… ({len(text)} characters in all)"


@lru_cache(maxsize=None)
def fast_validator(name: str):
    """jsonschema-rs for the same schema: it only answers valid or not, hundreds of thousands of records a second.

    None when jsonschema-rs is not installed; then every record takes the precise (slower) path.
    """
    try:
        import jsonschema_rs
    except ImportError:
        return None
    schema = json.loads((schemas_dir() / f"{name}.schema.json").read_text(encoding="utf-8"))
    return jsonschema_rs.validator_for(schema, validate_formats=True)


def _located(err: Any) -> list[tuple[str, str]]:
    """(pointer, message) pairs for one error, pointing at the key itself for missing and unexpected keys."""
    base = pointer(err.absolute_path)
    instance = err.instance
    if err.validator == "required" and isinstance(instance, dict):
        return [(f"{base}/{escape(k)}", f"{k!r} is required") for k in err.validator_value if k not in instance]
    if err.validator == "additionalProperties" and isinstance(instance, dict):
        known = set(err.schema.get("properties", {}))
        return [(f"{base}/{escape(k)}", f"{k!r} is not an allowed key here") for k in instance if k not in known]
    return [(base, err.message)]


def schema_issues(name: str, instance: Any, file: str, code: str, source: bytes | None = None) -> list[Issue]:
    """Every violation of schemas/<name>.schema.json, each with the JSON pointer (and, given ``source``, the line) at fault.

    jsonschema-rs decides first; only a record it rejects goes to jsonschema, whose errors carry paths.
    """
    fast = fast_validator(name)
    if fast is not None:
        try:
            if fast.is_valid(instance):
                return []
        except (UnicodeEncodeError, ValueError):
            pass  # e.g. a file name that is not UTF-8 (a lone surrogate): the precise path reports it
    lines = pointer_lines(source.decode("utf-8", errors="replace")) if source is not None else {}
    issues: list[Issue] = []
    seen: set[tuple[str, str]] = set()
    for err in sorted(validator(name).iter_errors(instance), key=lambda e: (list(map(str, e.absolute_path)), e.validator)):
        hint = HINTS.get(str(err.validator), "See schemas/{schema}.schema.json.").format(schema=name)
        for ptr, message in _located(err):
            if (ptr, message) in seen:
                continue
            seen.add((ptr, message))
            issues.append(Issue(code=code, severity="error", file=file, pointer=_shorten(ptr), message=_shorten(message), hint=hint,
                                line=line_of(lines, ptr) if lines else None))
    return issues


REPORT_VERSION = 1


@dataclass
class Report:
    """The outcome of validation: every issue found, never only the first.

    ``as_dict()`` is a stable shape (documented in docs/VALIDATION.md): version, valid, checked, errors,
    warnings and issues, each issue with code, severity, file, line, pointer, message and hint.
    """

    issues: list[Issue] = field(default_factory=list)
    checked: int = 0

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "warning"]

    @property
    def valid(self) -> bool:
        return not self.errors

    def exit_status(self, strict: bool = False) -> int:
        return 1 if self.errors or (strict and self.warnings) else 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "version": REPORT_VERSION,
            "valid": self.valid,
            "checked": self.checked,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "issues": [i.as_dict() for i in self.issues],
        }

    def summary(self) -> str:
        state = "OK" if self.valid else "FAILED"
        return f"{state}: {self.checked} document(s) checked, {len(self.errors)} error(s), {len(self.warnings)} warning(s)"


# ---------------------------------------------------------------------------------------------- renderers

_COLOURS = {"error": "\033[1;31m", "warning": "\033[1;33m", "dim": "\033[2m", "reset": "\033[0m"}


def render_text(report: Report, colour: bool = False) -> str:
    """One block per issue (file:line pointer: severity [code] message, then the hint), then a summary line."""
    out = []
    for issue in report.issues:
        where = issue.file + (f":{issue.line}" if issue.line is not None else "")
        if issue.pointer is not None:
            where += f" {issue.pointer or '/'}"
        severity = issue.severity
        if colour:
            severity = f"{_COLOURS[issue.severity]}{severity}{_COLOURS['reset']}"
        out.append(f"{where}: {severity} [{issue.code}] {issue.message}")
        if issue.hint:
            hint = f"    hint: {issue.hint}"
            out.append(f"{_COLOURS['dim']}{hint}{_COLOURS['reset']}" if colour else hint)
    out.append(report.summary())
    return "\n".join(out)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(report: Report) -> str:
    """GitHub Actions workflow commands: each issue becomes an annotation on the file and line of the pull request."""
    out = []
    for issue in report.issues:
        props = [f"file={_escape_property(issue.file)}"]
        if issue.line is not None:
            props.append(f"line={issue.line}")
        props.append(f"title={_escape_property(issue.code)}")
        message = (f"{issue.pointer}: " if issue.pointer else "") + issue.message
        if issue.hint:
            message += f"\nhint: {issue.hint}"
        out.append(f"::{issue.severity} {','.join(props)}::{_escape_data(message)}")
    out.append(report.summary())
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------- the run


def changed_ids(raw_dir: Path, ref: str) -> set[str]:
    """Ids of raw files and sidecars under ``raw_dir`` added or changed since git ``ref`` (committed or not)."""
    from .checks import SettingsError
    from .read import document_id

    def git(*args: str) -> str:
        try:
            done = subprocess.run(["git", "-C", str(raw_dir), *args], capture_output=True, check=False)
        except FileNotFoundError:
            raise SettingsError("--changed-since needs git, which is not installed") from None
        if done.returncode != 0:
            raise SettingsError(f"git {' '.join(args)} failed: {done.stderr.decode(errors='replace').strip()}")
        return done.stdout.decode("utf-8", errors="surrogateescape")

    top = Path(git("rev-parse", "--show-toplevel").strip())
    names = git("diff", "--name-only", "-z", ref, "--").split("\0")
    names += git("ls-files", "--others", "--exclude-standard", "-z", "--full-name").split("\0")
    folder = raw_dir.resolve()
    ids = set()
    for name in filter(None, names):
        path = (top / name).resolve()
        if path.parent == folder and path.exists():
            ids.add(document_id(path))
    return ids


def _targets(paths: Sequence[str | Path], raw_dir: Path | None) -> tuple[Path, set[str] | None]:
    """The raw folder and the ids to check (None: every document in it)."""
    from .checks import SettingsError
    from .read import document_id

    folders = {Path(p) for p in paths if Path(p).is_dir()}
    files = [Path(p) for p in paths if not Path(p).is_dir()]
    missing = [str(f) for f in files if not f.exists()]
    if missing:
        raise SettingsError(f"no such file or folder: {', '.join(missing)}")
    parents = folders | {f.parent for f in files} | ({raw_dir} if raw_dir is not None else set())
    if len({p.resolve() for p in parents}) > 1:
        raise SettingsError(f"give files of one raw folder at a time, not {sorted(map(str, parents))}")
    folder = raw_dir or next(iter(parents), Path("raw"))
    if folders or not files:
        return folder, None
    return folder, {document_id(f) for f in files}


def _name_id(name: str) -> str:
    """document_id() of a file name, without building a Path (it runs once per file of a large folder)."""
    from .read import SIDECAR_SUFFIX

    if name.endswith(SIDECAR_SUFFIX):
        return name[: -len(SIDECAR_SUFFIX)]
    return name.rsplit(".", 1)[0] if "." in name[1:] else name


def _pool_check(args: tuple[Any, Any, bool]) -> Any:
    from .checks import check_submission

    sub, settings, sign = args
    return check_submission(sub, settings, _signer(settings) if sign else None)


def _pool_fingerprint(args: tuple[Any, Any, bool]) -> Any:
    from .checks import fingerprint

    sub, settings, sign = args
    return fingerprint(sub, _signer(settings) if sign else None)


def _pool_sign(args: tuple[str, Any]) -> Any:
    text, settings = args
    return _signer(settings).signature(text)


def _signer_for(k: int, num_perm: int) -> Any:
    from .similarity import Shingling, signer_for

    return signer_for(Shingling(k, num_perm))


def _signer(settings: Any) -> Any:
    return _signer_for(settings.shingle_words, settings.num_perm)


def _stack(signatures: list[Any]) -> Any:
    import numpy as np

    return np.stack(signatures)


def _start(func: Any, items: list[Any], jobs: int) -> Callable[[], list[Any]]:
    """Start ``func`` over ``items`` in a process pool when it pays (many items, several cores), so the caller can
    work meanwhile; returns the function that waits for the results (in order)."""
    if jobs <= 1 or len(items) < 64:
        return lambda: [func(i) for i in items]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    gc.freeze()  # forked workers inherit a large heap: keep their garbage collector off it (and its pages shared)
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context)
    results = pool.map(func, items, chunksize=max(1, len(items) // (jobs * 8)))

    def collect() -> list[Any]:
        try:
            return list(results)
        finally:
            pool.shutdown()
            gc.unfreeze()

    return collect


def _map(func: Any, items: list[Any], jobs: int) -> list[Any]:
    return _start(func, items, jobs)()


def _dist_fingerprints(dist: Path, ids: set[str]) -> dict[str, tuple[str, str]]:
    """id -> (raw file name, clean-text sha256) for ``ids`` found in a built package's documents table."""
    from .signatures import read_columns, table_files

    files = table_files(dist, "documents") if ids else []
    out: dict[str, tuple[str, str]] = {}
    for path in files:
        table = read_columns(path, ["id", "raw_file", "text_sha256"])
        rows = zip(*(table.column(c).to_pylist() for c in ("id", "raw_file", "text_sha256")))
        out.update({i: (f, h) for i, f, h in rows if i in ids})
    return out


def _dist_texts(dist: Path, ids: set[str]) -> dict[str, str]:
    import pyarrow as pa
    import pyarrow.compute as pc

    from .signatures import read_columns, table_files

    out: dict[str, str] = {}
    wanted = pa.array(sorted(ids), type=pa.string())
    for path in table_files(dist, "documents"):
        table = read_columns(path, ["id", "text"])
        table = table.filter(pc.is_in(table.column("id"), value_set=wanted))
        out.update(zip(table.column("id").to_pylist(), table.column("text").to_pylist()))
    return out


def validate(
    paths: str | Path | Sequence[str | Path] = "raw",
    *,
    raw_dir: str | Path | None = None,
    changed_since: str | None = None,
    dist: str | Path | None = None,
    cache: str | Path | None = None,
    near_duplicate_threshold: float | None = None,
    jobs: int | None = None,
    today: Any = None,
) -> Report:
    """Check raw documents the way CI does, writing nothing but the signature cache; every problem in one Report.

    ``paths``: a raw folder, or files in one (only those documents are checked). ``changed_since``: only
    documents added or changed since that git ref. Either way ids and duplicates are compared against the
    whole corpus: the other documents of the raw folder, taken from the built package ``dist`` when it has them.
    Near duplicates are found with the MinHash signatures the package publishes (its signatures table);
    ``cache``: folder for the signatures of corpus documents it does not publish, computed once (default:
    .corpus-pkg-cache beside the raw folder; "" for none).
    """
    from .checks import (Checked, Settings, SettingsError, exact_duplicate_issues, file_issues, identity_issues,
                         issue_order, near_duplicate_issues, preload)
    from .read import discover

    items = [paths] if isinstance(paths, (str, Path)) else list(paths)
    folder, only = _targets(items, Path(raw_dir) if raw_dir is not None else None)
    if not folder.is_dir():
        raise SettingsError(f"{folder}: raw folder not found")
    settings = Settings.load(folder, near_duplicate_threshold=near_duplicate_threshold, today=today)
    if changed_since is not None:
        changed = changed_ids(folder, changed_since)
        only = changed if only is None else only & changed
    subs = discover(folder)
    targets = {s.id for s in subs} if only is None else {s.id for s in subs if s.id in only}
    jobs = jobs or min(os.cpu_count() or 1, 8)

    issues: list[Issue] = []
    try:
        signer = _signer(settings)
    except ImportError as exc:
        signer = None
        issues.append(Issue("duplicate-unchecked", "warning", str(folder), str(exc), "pip install 'corpus-pkg[build]'"))
    todo = [s for s in subs if s.id in targets]
    if len(todo) >= 64:
        preload()
    collect = _start(_pool_check, [(s, settings, signer is not None) for s in todo], jobs)

    # The workers are busy from here on; the checks below need only names (issues are sorted at the end).
    names = sorted(os.listdir(folder))
    if only is not None:
        names = [n for n in names if _name_id(n) in only]
    issues += file_issues([folder / n for n in names if (folder / n).is_file()])
    issues += identity_issues(subs, targets)

    # Meanwhile, the rest of the corpus: fingerprints from the built package where it has the document (else
    # computed below), and an LSH index of the package's published signatures (else of those cached).
    others = [s for s in subs if s.id not in targets and s.raw_path is not None]
    dist_dir = Path(dist) if dist is not None else folder.parent / "dist"
    known = _dist_fingerprints(dist_dir, {s.id for s in others})
    baseline: dict[str, str] = {}
    unknown = []
    for s in others:
        hit = known.get(s.id)
        if hit is not None and hit[0] == s.raw_path.name:  # type: ignore[union-attr]
            baseline[s.id] = hit[1]
        else:
            unknown.append(s)
    store = index = None
    if signer is not None:
        from .signatures import published
        from .similarity import NearDuplicateIndex, SignatureCache

        cache_dir = folder.parent / ".corpus-pkg-cache" if cache is None else (Path(cache) if str(cache) else None)
        store = SignatureCache(cache_dir, signer.shingling)
        index = NearDuplicateIndex(signer.shingling, settings.near_duplicate_threshold)
        from_package = published(dist_dir, signer.shingling) if baseline else None
        if from_package is not None:  # the package's own signatures: nothing to compute for its documents
            ids, sigs = from_package
            rows = [i for i, doc_id in enumerate(ids) if doc_id in baseline]
            index.add_many([ids[i] for i in rows], sigs[rows])
        rest = [i for i in sorted(baseline) if i not in index]
        if rest:  # an older package, or other parameters: signatures cached by an earlier run
            hits = [(i, store.get(baseline[i])) for i in rest]
            hits = [(i, sig) for i, sig in hits if sig is not None]
            if hits:
                index.add_many([i for i, _ in hits], _stack([sig for _, sig in hits]))

    checked: list[Checked] = collect()
    report = Report(checked=sum(1 for s in todo if s.raw_path is not None))
    for c in checked:
        issues += c.issues
    computed = _map(_pool_fingerprint, [(s, settings, signer is not None) for s in unknown], jobs)
    baseline.update({c.id: c.text_sha256 for c in computed if c.text_sha256})

    exact = exact_duplicate_issues(checked, baseline)
    issues += exact
    if signer is not None and store is not None and index is not None:
        fresh = {c.text_sha256: c.signature for c in computed if c.text_sha256 and c.signature is not None}
        got = []
        for doc_id in sorted(i for i in baseline if i not in index):  # documents cleaned just now
            sig = fresh.get(baseline[doc_id])
            if sig is not None:
                store.put(baseline[doc_id], sig)
                got.append((doc_id, sig))
        done = {i for i, _ in got}
        need = sorted(i for i in baseline if i not in index and i not in done)
        texts = _dist_texts(dist_dir, set(need)) if need else {}
        need = [i for i in need if i in texts]
        for doc_id, sig in zip(need, _map(_pool_sign, [(texts[i], settings) for i in need], jobs)):
            store.put(baseline[doc_id], sig)  # signed once, then kept
            got.append((doc_id, sig))
        if got:
            got.sort()
            index.add_many([i for i, _ in got], _stack([sig for _, sig in got]))
        reported = {i.file for i in exact}
        skip = {c.id for c in checked if c.file in reported}
        issues += near_duplicate_issues(checked, index, skip)
        if store.loaded:  # the cache is in use (the package does not cover the corpus): keep these too
            for c in checked:
                if c.text_sha256 and c.signature is not None:
                    store.put(c.text_sha256, c.signature)
        try:
            store.save()
        except OSError:
            pass  # a read-only checkout: the cache is only a speed-up
    report.issues = sorted(issues, key=issue_order)
    return report

