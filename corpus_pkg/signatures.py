"""The published `signatures` table: each document's b-bit MinHash signature, written by the build.

Validation against a package reads it instead of signing 100,000 corpus documents again. The parameters
that decide a signature (similarity.Shingling.params) are recorded on the resource as ``x_minhash``; a
package built with other parameters, or without the table, is not used, and validation signs the corpus
texts itself as before.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .similarity import Shingling, Signer, reduce
from .write import DESCRIPTOR, resource_files

RESOURCE = "signatures"
PARAMS = "x_minhash"
BATCH = 256  # texts signed together


def row(doc_id: str, text: str, signer: Signer) -> dict[str, str]:
    """The table row of one document: its signature's low bits as hex."""
    return {"document_id": doc_id, "minhash": reduce(signer.signature(text)).tobytes().hex()}


def rows(doc_ids: list[str], texts: list[str], signer: Signer) -> list[dict[str, str]]:
    """``row`` of each document, the texts signed together (Signer.signatures: a shard's worth at a time
    costs about 60% of signing them one by one)."""
    out = []
    for start in range(0, len(texts), BATCH):  # bounds the word hashes held at once
        low = reduce(signer.signatures(texts[start : start + BATCH]))
        out += [{"document_id": d, "minhash": sig.tobytes().hex()} for d, sig in zip(doc_ids[start : start + BATCH], low)]
    return out


def descriptor_extras(shingling: Shingling) -> dict[str, dict[str, Any]]:
    """What the build adds to resources of datapackage.json: the signatures' parameters."""
    return {RESOURCE: {PARAMS: shingling.params()}}


def _resource(dist: Path, name: str) -> dict[str, Any] | None:
    try:
        descriptor = json.loads((dist / DESCRIPTOR).read_bytes())
    except (OSError, ValueError):
        return None
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources, list):
        return None
    return next((r for r in resources if isinstance(r, dict) and r.get("name") == name), None)


def table_files(dist: Path, name: str) -> list[Path]:
    """A table's files in a built package, as its descriptor lists them (one file, or the parts of a large
    table); the single-file path when there is no descriptor. Files that do not exist are left out."""
    resource = _resource(dist, name)
    rels = resource_files(resource) if resource is not None else [f"data/{name}.parquet"]
    root = dist.resolve()
    paths = [dist / rel for rel in rels if isinstance(rel, str)]
    return [p for p in paths if p.is_file() and p.resolve().is_relative_to(root)]


def read_columns(path: Path, columns: list[str]) -> Any:
    """Some columns of one Parquet file. ParquetFile, not read_table: that imports pyarrow.dataset and with it
    pandas, a second of start-up in the process that coordinates validation."""
    import pyarrow.parquet as pq

    with pq.ParquetFile(path) as f:
        return f.read(columns=columns)


def published(dist: Path, shingling: Shingling) -> tuple[list[str], Any] | None:
    """(document ids, b-bit signatures as a uint8 matrix) from a package, or None when it has none made with
    ``shingling``'s parameters (or they cannot be read)."""
    resource = _resource(dist, RESOURCE)
    if resource is None or resource.get(PARAMS) != shingling.params():
        return None
    files = table_files(dist, RESOURCE)
    if not files or len(files) != len(resource_files(resource)):
        return None
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        table = pa.concat_tables([read_columns(p, ["document_id", "minhash"]) for p in files])
    except (OSError, pa.ArrowException):
        return None
    hexes = table.column("minhash")
    if hexes.null_count or table.column("document_id").null_count:
        return None
    width = 2 * shingling.num_perm
    if table.num_rows and not pc.all(pc.equal(pc.binary_length(hexes), width)).as_py():
        return None
    try:
        data = bytes.fromhex("".join(hexes.to_pylist()))
    except ValueError:
        return None
    sigs = np.frombuffer(data, dtype=np.uint8).reshape(table.num_rows, shingling.num_perm)
    return table.column("document_id").to_pylist(), sigs
