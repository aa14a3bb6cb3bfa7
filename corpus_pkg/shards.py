"""Shards: the unit of work of a build, independent of whatever runs it.

A shard is a run of consecutive id-sorted submissions, cut where the ids say (``plan_bounds``).
``run_shard`` turns one into Arrow parts of the tables plus its issues, kept in the cache under a key of
its inputs; ``write_part`` turns the parts of consecutive shards into one published Parquet file. Both are pure functions of their task
(plain, picklable data), so a process pool or a Dask cluster can run them, and the package bytes
never depend on which did, in what order, or on how many workers.
"""
from __future__ import annotations

import bisect
import hashlib
import os
import shutil
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Iterable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .cache import Cache, link_or_copy, stat_fingerprint
from .model import Issue
from .read import Submission
from .signatures import rows as signature_rows
from .similarity import Shingling, signer_for
from .tables import TABLES
from .write import TableSink, file_sha256

SHARD_DOCUMENTS = 500
PART_DOCUMENTS = 10_000
# A shard's cached tables are written once and read once by the part writer: LZ4 costs about half of zstd's
# level 1 to write and read (0.034 against 0.058 ms CPU per document) for files about 55% larger.
IPC_OPTIONS = pa.ipc.IpcWriteOptions(compression="lz4")
_TABLE = {t.name: t for t in TABLES}


Files = tuple[tuple[str, "str | None", "str | None"], ...]  # per member: id, raw file path, sidecar path


@dataclass(frozen=True)
class Shard:
    index: int
    part: int  # the published file (of each table) its rows go to
    members: tuple[Submission, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.members)

    @property
    def files(self) -> Files:
        return tuple((s.id, s.raw_path and os.fspath(s.raw_path), s.sidecar_path and os.fspath(s.sidecar_path))
                     for s in self.members)

    @property
    def names(self) -> list[str]:
        return [f"{s.id}\t{s.raw_path and s.raw_path.name}\t{s.sidecar_path and s.sidecar_path.name}" for s in self.members]


def plan(subs: list[Submission], size: int = SHARD_DOCUMENTS, part_size: int = PART_DOCUMENTS) -> list[Shard]:
    """The shards of the id-sorted ``subs`` (see plan_bounds), each with its members."""
    bounds = plan_bounds((s.id for s in subs), size, part_size)
    return [Shard(k, part, tuple(subs[start:stop])) for k, (start, stop, part) in enumerate(bounds)]


def _cut_hash(ident: str) -> int:
    return int.from_bytes(hashlib.blake2b(ident.encode("utf-8"), digest_size=8, person=b"corpus-pkg-cuts").digest(), "big")


def plan_bounds(ids: Iterable[str], size: int = SHARD_DOCUMENTS, part_size: int = PART_DOCUMENTS) -> list[tuple[int, int, int]]:
    """(start, stop, part) of each shard of the sorted ``ids``: cut where the ids themselves say, not by position.

    A part (a published file) ends after an id whose hash says so, and a shard likewise within its part, so
    adding or removing a document moves no boundary but the ones near it: a rebuild redoes one shard and
    rewrites one file of each table (with fixed slices every shard and file after it shifted). ``size`` and
    ``part_size`` are maxima: no cut before half of one; a run that reaches the maximum with no cut is cut
    after its last id whose hash meets a weaker condition (a backup cut, still decided by the id), and only a
    run with none of those either (about one in 10^7) at the maximum itself, whose place depends on positions.
    Runs average about 72% of the maximum. Parts depend on ``part_size`` alone, never on ``size``, so the
    package's bytes do not either. Memory: the hashes of one part at most.
    """
    if size < 1 or part_size < 1:
        raise ValueError("shard and part sizes must be at least 1")
    size = min(size, part_size)
    bounds: list[tuple[int, int, int]] = []
    pending: list[int] = []  # hashes of the ids after the last part cut
    offset = part = 0
    rates = _rates(part_size)
    for ident in ids:
        pending.append(_cut_hash(ident))
        cut = _cut(pending, part_size, 32, rates)
        if cut:
            _shard_bounds(pending[:cut], offset, part, size, bounds)
            offset, part, pending = offset + cut, part + 1, pending[cut:]
    if pending:
        _shard_bounds(pending, offset, part, size, bounds)
    return bounds


def _rates(high: int) -> tuple[int, int, int]:
    """Minimum run, and the moduli of a natural and of a backup cut, for runs of at most ``high``."""
    low = max(1, high // 2)
    # Past the minimum, a natural cut comes after one id in half the remaining range; a backup cut eight
    # times as often, so a run reaching the maximum with no backup cut is rare (e^-16).
    every = max(1, (high - low) // 2)
    return low, every, max(1, every // 8)


def _cut(hashes: list[int], high: int, shift: int, rates: tuple[int, int, int]) -> int:
    """Where the run ``hashes`` ends when its last hash has just been added (its length), or 0 if it goes on.

    Called after each append, so only the last hash can make a natural cut; a run that reaches ``high``
    ends at its last backup cut."""
    low, every, backup = rates
    n = len(hashes)
    if n < low:
        return 0
    if ((hashes[-1] >> shift) & 0xFFFFFFFF) % every == 0:
        return n
    if n < high:
        return 0
    for k in range(n, low - 1, -1):
        if ((hashes[k - 1] >> shift) & 0xFFFFFFFF) % backup == 0:
            return k
    return n


def _shard_bounds(hashes: list[int], offset: int, part: int, size: int, out: list[tuple[int, int, int]]) -> None:
    """The shards of one part (its ids' ``hashes``, the first at ``offset``), appended to ``out``."""
    start = 0
    run: list[int] = []
    rates = _rates(size)
    for h in hashes:
        run.append(h)
        cut = _cut(run, size, 0, rates)
        if cut:
            out.append((offset + start, offset + start + cut, part))
            start += cut
            run = run[cut:]
    if run:
        out.append((offset + start, offset + len(hashes), part))


class Templates:
    """What process() needs of the corpus-level template index for one shard: its sources' template lines."""

    def __init__(self, by_source: dict[str, frozenset[int]]) -> None:
        self.by_source = by_source

    def lines(self, source: str | None) -> frozenset[int]:
        return self.by_source.get(source or "", frozenset())

    def within(self, counts: str) -> "Templates":
        """Only the template lines that occur in this shard's own documents (its template-pass counts file): the
        cleaner looks up no other line, and the shard's cache key then changes only when one of those lines
        stops or starts being template, not whenever any line of a large source does (adding a document
        moves the share of documents a line needs)."""
        with pa.OSFile(counts, "rb") as source:
            table = pa.ipc.open_file(source).read_all()
        keys, sources = table.column("key").to_numpy(), table.column("source")
        found: dict[str, frozenset[int]] = {}
        for name, lines in self.by_source.items():
            mine = keys[pc.equal(sources, name).to_numpy(zero_copy_only=False)]
            common = np.intersect1d(mine, np.fromiter(lines, np.uint64, len(lines)))
            if len(common):
                found[name] = frozenset(common.tolist())
        return Templates(found)

    def digest(self) -> str:
        h = hashlib.sha256()
        for source in sorted(self.by_source):
            keys = b"".join(k.to_bytes(8, "big") for k in sorted(self.by_source[source]))
            h.update(source.encode("utf-8") + b"\0" + keys + b"\1")
        return h.hexdigest()


@dataclass(frozen=True)
class ShardTask:
    shard: Shard
    raw_dir: str
    cache_root: str
    fingerprint: str
    remember: bool = True  # keep stat fingerprints for the next build (off when the cache is throwaway)
    templates: Templates | None = None  # the corpus's template lines for this shard's sources
    max_raw_bytes: int | None = None  # raw files larger than this are refused (decides issues, so in the key)
    shingling: Shingling = Shingling()  # MinHash parameters of the signatures table (raw/corpus.toml [validate])
    # The members' stat fingerprint (cache.stat_fingerprint) as the template pass found it moments ago, so the
    # files are not stat-ed again; None: stat them here. Not an input of the output, so not in ``context``.
    files: tuple[str, int] | None = None
    counts: str | None = None  # the shard's template-pass counts file: templates are narrowed to its lines

    @property
    def context(self) -> str:
        """Everything besides the members' files that decides the shard's output."""
        templates = self.templates.digest() if self.templates is not None else "-"
        return f"{self.fingerprint}\n{self.raw_dir}\n{templates}\n{self.max_raw_bytes}\n{self.shingling.key}"


@dataclass(frozen=True)
class ShardResult:
    index: int
    key: str
    slot: str
    documents: int
    rows: dict[str, int]
    issues: tuple[Issue, ...]
    cached: bool
    processed: int = 0  # members cleaned by this task (the others' rows were found in the cache)


def _sha256(*parts: str) -> str:
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def _stat(path: str | None) -> list[int]:
    if path is None:
        return [-1, -1]
    try:
        st = os.stat(path)
    except OSError:
        return [-1, -1]
    return [st.st_size, st.st_mtime_ns]


def _file_digest(path: Path | None) -> str:
    if path is None:
        return "-"
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as exc:
        return f"unreadable:{exc.errno}"


def member_stats(files: Files) -> list[list[int]]:
    """[size, modification time] of each member's raw file and sidecar, in order (what a slot's trust rests on).

    Takes the shard's ``files`` (paths as strings), not its Submissions: a rebuild that finds a shard unchanged
    never makes their Path objects, which cost five times the stat itself."""
    return [st for _, raw, sidecar in files for st in (_stat(raw), _stat(sidecar))]


def slot_of(task: ShardTask) -> str:
    """Names a shard position (its members' ids and file names, ``names``), whatever their content."""
    return _sha256("slot", task.context, *task.shard.names)


def member_lines(task: ShardTask) -> list[str]:
    """Each member's id, file names and file hashes: what its rows depend on besides the shard's context."""
    return [
        f"{s.id}\t{s.raw_path and s.raw_path.name}\t{_file_digest(s.raw_path)}\t"
        f"{s.sidecar_path and s.sidecar_path.name}\t{_file_digest(s.sidecar_path)}"
        for s in task.shard.members
    ]


def content_key(task: ShardTask, lines: list[str] | None = None) -> str:
    """The cache key: the pipeline, the raw folder, and every member's id and file hashes."""
    return _sha256("shard", task.context, *(member_lines(task) if lines is None else lines))


def _member_digest(line: str) -> str:
    return hashlib.sha256(line.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class Stored:
    """A finished shard of an earlier build, and where each of its members' rows and issues are."""

    folder: Path
    done: dict[str, Any]

    def offsets(self) -> tuple[list[list[int]], list[int]]:
        rows, issues = [[0] * len(TABLES)], [0]
        for counts, n in zip(self.done["member_rows"], self.done["member_issues"]):
            rows.append([a + b for a, b in zip(rows[-1], counts)])
            issues.append(issues[-1] + n)
        return rows, issues

    def table(self, name: str) -> pa.Table:
        return _read_ipc(self.folder / f"{name}.arrow")


class Previous:
    """The shards of the last build whose ids overlap this shard's, built with the same pipeline and template lines.

    The cache keeps where each shard of the last build started (``Cache.plan``); a cut that moved when a document
    was added or removed leaves a member in the stored shard before or after, and it is found there. Only the
    few stored shards this one overlaps are read, so the memory this takes does not grow with the corpus."""

    def __init__(self, stored: list[Stored]) -> None:
        self.stored = stored
        self.where = {d: (k, i) for k, st in enumerate(stored) for i, d in enumerate(st.done["member_digests"])}
        self._offsets: dict[int, tuple[list[list[int]], list[int]]] = {}
        self._tables: dict[tuple[int, str], pa.Table] = {}
        self._broken: set[int] = set()  # stored shards found damaged: not used again

    @classmethod
    def find(cls, cache: Cache, task: ShardTask) -> "Previous | None":
        ids = task.shard.ids
        starts, keys = cache.plan()
        if not ids or not starts:
            return None
        first = max(bisect.bisect_right(starts, ids[0]) - 1, 0)
        last = bisect.bisect_right(starts, ids[-1])
        context, stored = _sha256(task.context), []
        for key in keys[first:last]:
            try:
                done = cache.read_done(key)
            except (OSError, ValueError):
                continue  # pruned since, or never finished
            if done.get("context") == context and "member_rows" in done:  # else other templates or pipeline
                stored.append(Stored(cache.shard_dir(key), done))
        return cls(stored) if stored else None

    def rows(self, digest: str, doc_id: str) -> tuple[dict[str, pa.Table], list[dict[str, Any]]] | None:
        """The stored rows (per table) and issues of a member with these files, if a stored shard has them whole.

        Anything that does not add up (a table missing or unreadable, row counts or ids that disagree with the
        shard's done-marker) means the member is processed again, never that a wrong row is published."""
        found = self.where.get(digest)
        if found is None or found[0] in self._broken:
            return None
        k, i = found
        try:
            if k not in self._offsets:
                self._offsets[k] = self.stored[k].offsets()
            rows, issues = self._offsets[k]
            out = {}
            for t, table in enumerate(TABLES):
                if (k, table.name) not in self._tables:
                    stored = self.stored[k].table(table.name)
                    if stored.num_rows != rows[-1][t]:
                        raise ValueError(f"{table.name}: {stored.num_rows} rows, the done-marker says {rows[-1][t]}")
                    self._tables[k, table.name] = stored
                part = self._tables[k, table.name].slice(rows[i][t], rows[i + 1][t] - rows[i][t])
                if part.num_rows and {part.column(table.primary_key[0])[j].as_py() for j in (0, -1)} != {doc_id}:
                    raise ValueError(f"{table.name}: the rows at the member's place are another document's")
                out[table.name] = part
            return out, self.stored[k].done["issues"][issues[i] : issues[i + 1]]
        except (OSError, ValueError, KeyError, IndexError, TypeError, pa.ArrowException):
            self._broken.add(k)
            return None


def _process_into(task: ShardTask, folder: Path, lines: list[str] | None = None,
                  previous: Previous | None = None) -> dict[str, Any]:
    """Process the shard's members into Arrow files in ``folder``; returns its done-marker.

    A member whose files are byte for byte those of a member of ``previous`` (a shard built with the same
    pipeline and template lines) is not processed again: its rows and issues are that member's. Editing one
    document of 100,000 then processes one document, not a shard of them. The rows are the same values in the
    same order either way, so the published files are the same bytes."""
    from .build import _arrow_record
    from .pipeline import process, table_rows

    lines = member_lines(task) if lines is None else lines
    digests = [_member_digest(line) for line in lines]
    segments: dict[str, list[pa.Table]] = {t.name: [] for t in TABLES}
    rows: dict[str, list[dict[str, Any]]] = {t.name: [] for t in TABLES}
    issues: list[Issue] = []
    member_rows: list[list[int]] = []
    member_issues: list[int] = []
    signer = signer_for(task.shingling)
    documents = processed = 0
    unsigned: tuple[list[str], list[str]] = ([], [])  # ids and clean texts whose signature rows are still to come

    def pending() -> list[int]:
        """Rows of each table not yet in ``segments`` (signature rows counted before they are made)."""
        return [len(rows[t.name]) + (len(unsigned[0]) if t.name == "signatures" else 0) for t in TABLES]

    def flush() -> None:
        if unsigned[0]:
            rows["signatures"] += signature_rows(*unsigned, signer)
            unsigned[0].clear()
            unsigned[1].clear()
        for table in TABLES:
            if rows[table.name]:
                segments[table.name].append(pa.Table.from_pylist(rows[table.name], schema=table.arrow_schema()))
                rows[table.name] = []

    for sub, digest in zip(task.shard.members, digests):
        stored = previous.rows(digest, sub.id) if previous is not None else None
        if stored is not None:
            flush()
            tables, stored_issues = stored
            for name, part in tables.items():
                if part.num_rows:
                    segments[name].append(part)
            issues += [Issue(**d) for d in stored_issues]
            member_rows.append([tables[t.name].num_rows for t in TABLES])
            member_issues.append(len(stored_issues))
            documents += tables["documents"].num_rows > 0
            continue
        processed += 1
        result = process(sub, task.templates, task.max_raw_bytes)  # type: ignore[arg-type]  # duck-typed TemplateIndex
        issues += result.issues
        member_issues.append(len(result.issues))
        before = pending()
        if result.ok and result.cleaned is not None and result.record is not None:
            documents += 1
            for name, table_rows_ in table_rows(result).items():
                rows[name] += [_arrow_record(r) for r in table_rows_] if name == "documents" else table_rows_
            unsigned[0].append(sub.id)
            unsigned[1].append(result.cleaned.text)
        member_rows.append([a - b for a, b in zip(pending(), before)])
    flush()
    for table in TABLES:
        parts = segments[table.name] or [pa.Table.from_pylist([], schema=table.arrow_schema())]
        arrow = parts[0] if len(parts) == 1 and previous is None else pa.concat_tables(parts).combine_chunks()
        with pa.ipc.new_file(folder / f"{table.name}.arrow", arrow.schema, options=IPC_OPTIONS) as writer:
            writer.write_table(arrow)
    return {
        "documents": documents,
        "rows": {t.name: sum(c[k] for c in member_rows) for k, t in enumerate(TABLES)},
        "issues": [i.as_dict() for i in issues],
        "members": [s.id for s in task.shard.members],
        "context": _sha256(task.context),
        "member_digests": digests,
        "member_rows": member_rows,
        "member_issues": member_issues,
        "processed": processed,
    }


def run_shard(task: ShardTask) -> ShardResult:
    """Process one shard, or find it already done in the cache; returns its counts and issues."""
    if task.templates is not None and task.counts is not None:
        task = replace(task, templates=task.templates.within(task.counts), counts=None)
    cache = Cache(task.cache_root)
    slot = slot_of(task)
    files = None
    if task.remember:
        files = task.files or stat_fingerprint(member_stats(task.shard.files))
    key = cache.trusted_key(slot, files) if files is not None else None
    cached = key is not None
    if key is None:
        lines = member_lines(task)
        key = content_key(task, lines)
        cached = cache.has_shard(key)
        if not cached:
            previous = Previous.find(cache, task)
            tmp = cache.new_shard_dir()
            try:
                done = _process_into(task, tmp, lines, previous)
                cache.commit_shard(tmp, key, done)
            finally:
                if tmp.exists():
                    shutil.rmtree(tmp, ignore_errors=True)
        if files is not None:
            cache.remember(slot, files, key)
    done = cache.read_done(key)
    issues = tuple(Issue(**d) for d in done["issues"])
    processed = 0 if cached else int(done.get("processed", len(done["members"])))
    return ShardResult(task.shard.index, key, slot, done["documents"], dict(done["rows"]), issues, cached, processed)


def _read_ipc(path: Path) -> pa.Table:
    with pa.OSFile(str(path), "rb") as f:
        return pa.ipc.open_file(f).read_all()


def read_shard_table(cache: Cache, key: str, table: str) -> pa.Table:
    return _read_ipc(cache.shard_dir(key) / f"{table}.arrow")


@dataclass(frozen=True)
class PartTask:
    table: str
    dest: str  # absolute path of the published file
    shard_keys: tuple[str, ...]
    cache_root: str
    fingerprint: str
    keep: bool = True  # store the written part in the cache for the next build


@dataclass(frozen=True)
class PartResult:
    table: str
    dest: str
    rows: int
    key: str
    cached: bool
    sha256: str = ""  # of the published file, computed from the bytes written
    stats: dict[str, Any] | None = None  # its statistics partial (corpus_pkg.stats)


def part_key(task: PartTask) -> str:
    return _sha256("part", task.fingerprint, task.table, *task.shard_keys)


def _publish_stored(src: Path, dest: Path, sha256: str) -> bool:
    """Publish a stored part at ``dest`` (linked where it can be, see cache.link_or_copy): True when its bytes are
    the ones recorded, else nothing is left there, so a part changed in the cache (or in a package linked to
    it) is rewritten from its shards."""
    link_or_copy(src, dest)
    if file_sha256(dest) == sha256:
        return True
    dest.unlink()
    return False


def write_part(task: PartTask) -> PartResult:
    """One published Parquet file from the parts of consecutive shards (copied from the cache when unchanged).

    A new file is read back at once with every page checksum verified, and its sha256 and statistics are
    kept with it, so that neither the manifest nor verification nor the dataset card reads it again."""
    from .model import CorpusError
    from .stats import file_partial

    cache = Cache(task.cache_root)
    key = part_key(task)
    dest = Path(task.dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    stored, record = cache.part_path(key), cache.part_record(key) if task.keep else None
    if record is not None and stored.is_file() and _publish_stored(stored, dest, str(record.get("sha256"))):
        return PartResult(task.table, task.dest, int(record["rows"]), key, True, record["sha256"], record["stats"])
    sink = TableSink(_TABLE[task.table], dest)
    try:
        for shard_key in task.shard_keys:
            sink.add_table(read_shard_table(cache, shard_key, task.table))
    finally:
        sink.close()
    try:
        stats = file_partial(task.table, dest, verify_pages=True)
    except Exception as exc:  # damaged on the way to disk: ArrowInvalid, OSError and others
        raise CorpusError(f"{dest}: cannot be read back with page checksums verified: {exc}") from None
    record = {"sha256": file_sha256(dest), "rows": sink.count, "stats": stats}
    if task.keep:
        cache.store_part(dest, key, record)
    return PartResult(task.table, task.dest, sink.count, key, False, record["sha256"], stats)


def part_path(table: str, part: int, parts: int) -> str:
    """Where a part is published: data/<table>.parquet for a one-part corpus, else data/<table>/part-NNNNN.parquet."""
    return f"data/{table}.parquet" if parts <= 1 else f"data/{table}/part-{part:05d}.parquet"


def cpu_count() -> int:
    """Cores this process may use (respects CPU affinity and container limits where the OS reports them)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:
        return os.cpu_count() or 1
