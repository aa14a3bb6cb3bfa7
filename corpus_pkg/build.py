"""Building: raw/ → read → clean → enrich → validate → write, into a temporary folder swapped into place.

A failed build never touches the output folder; a finished one replaces it whole.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import filecmp
import json
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from . import __version__
from .clean.catalogue import default_version
from .model import CorpusError, Issue
from .pipeline import process
from .read import CORPUS_CONFIG, Submission, utc_timestamp
from .publish import write_publication
from .tables import TABLES
from .write import package_files, write_descriptor, write_manifest

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"


def _arrow_record(record: dict[str, Any]) -> dict[str, Any]:
    row = dict(record)
    if row["retrieved"] is not None:
        row["retrieved"] = utc_timestamp(row["retrieved"])
    return row


def corpus_metadata(raw_dir: Path) -> dict[str, Any]:
    """Package-level metadata: raw/corpus.toml, with `created` from SOURCE_DATE_EPOCH when that is set."""
    path = raw_dir / CORPUS_CONFIG
    config: dict[str, Any] = {}
    if path.is_file():
        try:
            config = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise CorpusError(f"{path}: not valid TOML: {exc}") from None
    allowed = {"name", "title", "description", "version", "created", "keywords", "homepage", "licenses", "sources", "contributors",
               "validate"}  # [validate]: settings of corpus_pkg.checks, not package metadata
    unknown = sorted(set(config) - allowed)
    if unknown:
        raise CorpusError(f"{path}: unknown keys {unknown}; allowed are {sorted(allowed)}")
    meta: dict[str, Any] = {"$schema": PROFILE, "name": config.get("name", raw_dir.resolve().name.lower())}
    for key in ("title", "description", "version", "homepage", "keywords", "licenses", "sources", "contributors"):
        if key in config:
            meta[key] = config[key]
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        created = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        meta["created"] = created
    elif "created" in config:
        created = config["created"]
        meta["created"] = created.strftime("%Y-%m-%dT%H:%M:%SZ") if isinstance(created, dt.datetime) else str(created)
    meta["x_corpus_pkg"] = {"pipeline_version": __version__, "rules_version": default_version()}
    return meta


def check_descriptor(descriptor: dict[str, Any]) -> list[str]:
    """Violations of the official Data Package 2.0 profile (bundled; no network)."""
    from .resources import schemas_dir

    profile = json.loads((schemas_dir() / "profiles" / "datapackage-2.0" / "datapackage.json").read_text(encoding="utf-8"))
    try:  # jsonschema-rs answers in milliseconds; importing jsonschema takes seconds, so it only explains a failure
        import jsonschema_rs

        if jsonschema_rs.validator_for(profile, validate_formats=False).is_valid(descriptor):
            return []
    except ImportError:
        pass
    import jsonschema

    cls = jsonschema.validators.validator_for(profile)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in cls(profile).iter_errors(descriptor)]


def _shingling(raw_dir: Path) -> Any:
    """The MinHash parameters validation of this corpus uses (its [validate] settings), for the signatures table."""
    from .checks import Settings, SettingsError
    from .similarity import Shingling

    try:
        settings = Settings.load(raw_dir)
    except SettingsError as exc:
        raise CorpusError(str(exc)) from None
    return Shingling(settings.shingle_words, settings.num_perm)


@dataclass
class BuildResult:
    out: Path
    documents: int
    blocks: int
    removals: int
    issues: list[Issue]
    differences: list[str] = field(default_factory=list)  # for --check: files that differ from a fresh build
    shards: int = 0
    reused_shards: int = 0  # shards found done in the cache (resumed or unchanged)
    processed: int = 0  # documents cleaned by this build; the others' rows came from the cache


def _write_package(raw_dir: Path, target: Path, max_raw_bytes: int | None, options: "BuildOptions") -> BuildResult:
    from .cache import Cache, pipeline_fingerprint
    from .executors import Executor, make_executor, start_early
    from .linecounts import CountTask, corpus_templates, count_shard
    from .linecounts import prune as prune_counts
    from .listing import Listing, ShardPlan
    from .progress import Progress
    from .shards import PartTask, ShardTask, cpu_count, part_path, run_shard, write_part

    (target / "data").mkdir(parents=True)
    shingling = _shingling(raw_dir)
    pool = options.executor == "local" and (options.jobs or cpu_count()) > 1
    # More names than two shards' worth of files: a pool will be used, and its server can import meanwhile.
    early = (2 * options.shard_documents, start_early) if pool else None
    listing = Listing.scan(raw_dir, early)  # compact: a shard's Submissions are made when its task is
    shards = ShardPlan(listing, options.shard_documents, options.part_documents)
    if pool and len(shards) > 1:
        start_early()  # a pool will be used: its server imports while this process gets ready
    cache_root, remember = options.cache_root(target)
    fingerprint = pipeline_fingerprint()
    executor: Executor
    jobs = options.jobs
    if isinstance(options.executor, str):
        if options.executor == "local" and len(shards) <= 1:
            jobs = 1  # one shard: a pool would only add start-up time
        executor = make_executor(options.executor, jobs, options.scheduler)
    else:
        executor = options.executor

    def renew(executor: Executor, worked: bool) -> Executor:
        """Local workers are forked afresh after a stage that did work, so cleaning's memory (the cleaner's
        caches, fragmentation) never adds to a writer's; workers that only found results in the cache are kept."""
        if options.executor != "local" or not worked:
            return executor
        executor.close()
        return make_executor("local", jobs)

    try:
        # The corpus template pass, as shard tasks too (see corpus_pkg.linecounts).
        counted = sorted(executor.imap(count_shard, (CountTask(s, str(raw_dir), str(cache_root), fingerprint, max_raw_bytes)
                                                     for s in shards)), key=lambda r: r.index)
        templates = corpus_templates(counted, cache_root, remember)
        executor = renew(executor, not all(r.cached for r in counted))
        # Each shard task is handed the stat fingerprint its files had in the template pass, so 200,000 files
        # are not stat-ed a second time; a file edited between the two passes is seen by the next build.
        tasks = (ShardTask(s, str(raw_dir), str(cache_root), fingerprint, remember, t, max_raw_bytes, shingling, c.files,
                           c.path)
                 for s, t, c in zip(shards, templates, counted))
        results: list[Any] = [None] * len(shards)
        with Progress(len(listing), "cleaning", enabled=options.progress) as bar:
            for shard_result in executor.imap(run_shard, tasks):
                results[shard_result.index] = shard_result
                bar.advance(shards.size(shard_result.index))
        issues = [i for r in results for i in r.issues] + listing.identity_issues()
        errors = [i for i in issues if i.severity == "error"]
        if errors:
            raise CorpusError(f"{len(errors)} problem(s) in {raw_dir}; the package was not written", issues)
        parts = max(1, shards.part(len(shards) - 1) + 1 if len(shards) else 1)
        keys_by_part: list[list[str]] = [[] for _ in range(parts)]
        for k, r in enumerate(results):
            keys_by_part[shards.part(k)].append(r.key)
        layout = {t.name: [part_path(t.name, p, parts) for p in range(parts)] for t in TABLES}
        part_tasks = [
            PartTask(t.name, str(target / layout[t.name][p]), tuple(keys_by_part[p]), str(cache_root), fingerprint, remember)
            for p in range(parts) for t in TABLES
        ]
        counts = {t.name: 0 for t in TABLES}
        part_keys: set[str] = set()
        written: dict[str, str] = {}  # sha256 of each part, computed as it was written
        partials: dict[str, dict[str, Any]] = {t.name: {} for t in TABLES}
        # Writers are forked afresh every few parts: a writer's memory otherwise grew with the parts it wrote.
        batch = len(part_tasks) if options.executor != "local" else 2 * max(1, executor.workers)
        worked = not all(r.cached for r in results)
        with Progress(len(part_tasks), "writing", enabled=options.progress) as bar:
            for first in range(0, len(part_tasks), batch):
                executor = renew(executor, worked)
                worked = False
                for part in executor.imap(write_part, part_tasks[first : first + batch]):
                    worked = worked or not part.cached
                    counts[part.table] += part.rows
                    part_keys.add(part.key)
                    rel = Path(part.dest).relative_to(target).as_posix()
                    written[rel], partials[part.table][rel] = part.sha256, part.stats
                    bar.advance(1)
    finally:
        if isinstance(options.executor, str):
            executor.close()
    from .signatures import descriptor_extras

    descriptor = write_descriptor(target, corpus_metadata(raw_dir), TABLES, layout, written, descriptor_extras(shingling))
    cache = Cache(cache_root)
    # The profile check imports jsonschema (seconds); a descriptor that passed before is not checked again.
    seen = remember and cache.descriptor_checked((target / "datapackage.json").read_bytes(), fingerprint)
    problems = [] if seen else check_descriptor(descriptor)
    if remember and not problems:
        cache.remember_descriptor((target / "datapackage.json").read_bytes(), fingerprint)
    if problems:
        raise CorpusError("datapackage.json does not satisfy the Data Package 2.0 profile:\n  " + "\n  ".join(problems))
    from .stats import from_partials

    stats = from_partials({name: [partials[name][rel] for rel in layout[name]] for name in partials})
    write_publication(target, descriptor, stats)  # dataset card, figures, croissant.json: covered by the manifest
    write_manifest(target, written)
    from .verify import verify

    bad = verify(target, written)
    if bad:
        raise CorpusError("the freshly written package failed verification", bad)
    if remember:
        cache.remember_plan([shards.first_id(k) for k in range(len(shards))], [r.key for r in results])
        cache.prune({r.key for r in results}, part_keys, {r.slot for r in results},
                    (target / "datapackage.json").read_bytes(), fingerprint)
        prune_counts(cache_root, counted)
    return BuildResult(target, counts["documents"], counts["blocks"], counts["removals"], issues,
                       shards=len(shards), reused_shards=sum(r.cached for r in results),
                       processed=sum(r.processed for r in results))


@contextlib.contextmanager
def system_allocator() -> Iterator[None]:
    """Arrow buffers from the C library's allocator while building (and in the workers forked meanwhile).

    Arrow's default allocator (mimalloc) keeps freed memory for reuse, and a writer that had written a few
    parts of 10,000 documents kept it; malloc returns large blocks to the system when they are freed
    (the largest writer at 10,000 documents: 282-338 MB before, 249 MB after).
    """
    import pyarrow as pa

    previous = pa.default_memory_pool()
    pa.set_memory_pool(pa.system_memory_pool())
    try:
        yield
    finally:
        pa.set_memory_pool(previous)


@dataclass
class BuildOptions:
    """How to run a build; none of these change the package's bytes."""

    jobs: int | None = None  # worker processes for the local executor (default: every core)
    executor: Any = "local"  # "local", "dask", or an Executor instance
    scheduler: str | None = None  # Dask scheduler address
    cache: bool | str | Path = True  # True: beside the output; a path; False: a throwaway cache
    out: Path = Path("dist")
    part_documents: int = 10_000  # documents per published file (a corpus this size or smaller: one file per table)
    shard_documents: int = 500
    progress: bool = False

    def cache_root(self, target: Path) -> tuple[Path, bool]:
        from .cache import default_cache_dir

        if self.cache is False:
            return target.parent / "cache", False
        if self.cache is True:
            return default_cache_dir(self.out), True
        return Path(self.cache), True


def compare_trees(expected: Path, actual: Path) -> list[str]:
    """Files that differ between two package folders (missing, extra or changed), as sorted relative paths."""
    want = set(package_files(expected)) | ({"manifest-sha256.txt"} if (expected / "manifest-sha256.txt").exists() else set())
    have = set(package_files(actual)) | ({"manifest-sha256.txt"} if (actual / "manifest-sha256.txt").exists() else set())
    out = [f"missing: {p}" for p in sorted(want - have)]
    out += [f"unexpected: {p}" for p in sorted(have - want)]
    out += [f"differs: {p}" for p in sorted(want & have) if not filecmp.cmp(expected / p, actual / p, shallow=False)]
    return out


def build(
    raw: str | Path = "raw",
    out: str | Path = "dist",
    *,
    check: bool = False,
    max_raw_bytes: int | str | None = None,
    wait: float = 0.0,
    jobs: int | None = None,
    executor: Any = "local",
    scheduler: str | None = None,
    cache: bool | str | Path = True,
    part_documents: int = 10_000,
    shard_documents: int = 500,
    progress: bool | None = False,
) -> BuildResult:
    """Build the package for ``raw`` into ``out``; with ``check``, only report how ``out`` differs from a fresh build.

    ``out`` is replaced whole or not at all, one build at a time (see corpus_pkg.atomic): a build that
    finds another running waits up to ``wait`` seconds, then refuses. ``max_raw_bytes`` limits the size
    of a raw file (default $CORPUS_PKG_MAX_RAW_BYTES or 16 MiB); larger files are refused unread.

    The work runs in shards on ``executor`` ("local": ``jobs`` processes; "dask": the cluster at
    ``scheduler``); finished shards are kept in ``cache`` so a rebuild redoes only what changed.
    Tables of more than ``part_documents`` documents are split into several files.
    """
    from . import atomic
    from .read import max_raw_bytes as raw_limit

    raw_dir, out_dir = Path(raw), Path(out)
    if out_dir.name in ("", ".", ".."):
        out_dir = out_dir.resolve()  # the lock and the staging folder are named after the folder
    limit = raw_limit(max_raw_bytes)
    if out_dir.is_symlink() and out_dir.resolve().is_dir():
        out_dir = out_dir.resolve()  # build beside the real folder, so the swap stays on one file system
    if check and cache is True:
        cache = False  # --check writes nothing outside its temporary folder
    options = BuildOptions(jobs, executor, scheduler, cache, out_dir, part_documents, min(shard_documents, part_documents), progress)
    if not check:
        atomic.check_replaceable(out_dir)
    with atomic.staged(out_dir, wait) as stage:
        with system_allocator():
            result = _write_package(raw_dir, stage.package, limit, options)
        if check:
            result.differences = compare_trees(stage.package, out_dir) if out_dir.is_dir() else [f"missing: {out_dir}"]
            result.out = Path(out)
            return result
        from . import stamps

        cache_root, remember = options.cache_root(stage.package)
        if not (remember and stamps.unchanged(out_dir, cache_root)):  # else nothing was edited: no need to verify
            result.issues += atomic.hand_changes(out_dir)
        stage.commit()
        if remember:
            stamps.record(out_dir, cache_root)
        result.out = Path(out)
        return result


def clean_file(path: str | Path) -> dict[str, Any]:
    """What cleaning does to one raw file: title, clean text, removals and metadata (the `clean --json` output)."""
    path = Path(path)
    from .read import document_id

    sidecar = path.with_name(document_id(path) + ".meta.json")
    result = process(Submission(document_id(path), path, sidecar if sidecar.is_file() else None))
    if result.cleaned is None:
        raise CorpusError(f"{path}: cannot be cleaned", result.issues)
    cleaned = result.cleaned
    metadata = result.record or {}
    metadata = {k: v for k, v in metadata.items() if k not in ("text",)}
    return {
        "id": document_id(path),
        "title": cleaned.title,
        "text": cleaned.text,
        "blocks": [{"kind": b.kind, "start": b.start, "end": b.end, "text": b.text} for b in cleaned.blocks],
        "removals": [
            {"start": r.start, "end": r.end, "rule": r.rule, "text": r.text, "replacement": r.replacement}
            for r in cleaned.removals
        ],
        "facts": [
            {"field": f.field, "key": f.key, "value": f.value, "normalized": f.normalized, "rule": f.rule,
             "start": f.start, "end": f.end}
            for f in cleaned.facts
        ],
        "metadata": metadata,
        "issues": [i.as_dict() for i in result.issues],
    }
