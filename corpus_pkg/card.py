"""The dataset card (dist/README.md): a Hugging Face YAML header derived from the table definitions, then prose.

Everything here comes from the descriptor, the table definitions, the rule catalogue and the written tables,
so the card never disagrees with the data and is rebuilt byte for byte with it.
"""
from __future__ import annotations

import json
from typing import Any, Iterable

import pyarrow as pa

from .clean import default_catalogue
from .stats import Stats
from .tables import TABLES, Table
from .write import resource_location

CARD = "README.md"
FIGURES = {
    "lengths": "figures/document-lengths.svg",
    "rules": "figures/removals-per-rule.svg",
}


def hf_dtype(arrow: pa.DataType) -> str:
    """The `datasets` Value dtype that reads this Arrow type back unchanged."""
    if pa.types.is_timestamp(arrow):
        return f"timestamp[{arrow.unit}, tz={arrow.tz}]" if arrow.tz else f"timestamp[{arrow.unit}]"
    names = {pa.string(): "string", pa.int64(): "int64", pa.bool_(): "bool", pa.int32(): "int32", pa.float64(): "float64"}
    try:
        return names[arrow]
    except KeyError:
        raise ValueError(f"no Hugging Face dtype known for Arrow type {arrow}") from None


def _yaml_scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def to_yaml(value: Any, indent: int = 0) -> list[str]:
    """Block-style YAML for dicts, lists and scalars: enough for a card header, and always the same bytes."""
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, (dict, list)) and item:
                lines.append(f"{pad}{key}:")
                lines += to_yaml(item, indent + 2)
            else:
                lines.append(f"{pad}{key}: {_yaml_scalar(item) if not isinstance(item, (dict, list)) else ('{}' if isinstance(item, dict) else '[]')}")
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, (dict, list)) and item:
                sub = to_yaml(item, indent + 2)
                lines.append(f"{pad}- {sub[0].lstrip()}")
                lines += sub[1:]
            else:
                lines.append(f"{pad}- {_yaml_scalar(item)}")
    else:
        lines.append(f"{pad}{_yaml_scalar(value)}")
    return lines


def _size_category(n: int) -> str:
    for limit, name in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M")):
        if n < limit:
            return name
    return "1M<n<10M"


def header(descriptor: dict[str, Any], stats: Stats, tables: Iterable[Table] = TABLES) -> dict[str, Any]:
    tables = list(tables)
    rows = stats.rows
    licences = [str(lic.get("name", "")).lower() for lic in descriptor.get("licenses", []) if lic.get("name")]
    out: dict[str, Any] = {"pretty_name": descriptor.get("title", descriptor.get("name", ""))}
    if licences:
        out["license"] = licences[0] if len(licences) == 1 else licences
    out["language"] = list(stats.languages)
    out["size_categories"] = [_size_category(stats.documents)]
    if descriptor.get("keywords"):
        out["tags"] = list(descriptor["keywords"])
    where = {r.get("name"): resource_location(r) for r in descriptor.get("resources", [])}
    out["configs"] = [
        {"config_name": t.name, "data_files": [{"split": "train", "path": where.get(t.name, t.path)}],
         **({"default": True} if i == 0 else {})}
        for i, t in enumerate(tables)
    ]
    out["dataset_info"] = [
        {
            "config_name": t.name,
            "features": [{"name": f.name, "dtype": hf_dtype(f.arrow)} for f in t.fields],
            "splits": [{"name": "train", "num_bytes": stats.arrow_bytes.get(t.name, 0), "num_examples": rows.get(t.name, 0)}],
        }
        for t in tables
    ]
    return out


def _table(rows: list[list[str]], head: list[str]) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    out += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return out


def _where(resources: dict[str, dict[str, Any]], table: Table) -> str:
    return resource_location(resources[table.name]) if table.name in resources else table.path


def render(descriptor: dict[str, Any], stats: Stats, files: dict[str, int]) -> str:
    """The whole card. ``files`` maps each data file to its size in bytes."""
    catalogue = default_catalogue()
    meta = descriptor.get("x_corpus_pkg", {})
    title = descriptor.get("title", descriptor.get("name", "Corpus"))
    lines = ["---", *to_yaml(header(descriptor, stats)), "---", "", f"# {title}", ""]
    if descriptor.get("description"):
        lines += [descriptor["description"], ""]
    lines += [
        f"Version {descriptor.get('version', 'unversioned')} ({descriptor.get('created', 'no date')}), "
        f"built by corpus_pkg {meta.get('pipeline_version', '?')} with rule catalogue {meta.get('rules_version', '?')}. "
        f"{stats.documents} documents, {sum(stats.words)} words.",
        "",
        "## What is in it",
        "",
        f"{len(TABLES)} tables in Parquet, described by `datapackage.json` (Frictionless Data Package 2.0) and by "
        "`croissant.json` (Croissant 1.0). Every file's SHA-256 is in `manifest-sha256.txt`. The `signatures` "
        "table serves `corpus-pkg validate`: new documents are compared with the corpus without signing it again.",
        "",
    ]
    resources = {r["name"]: r for r in descriptor.get("resources", [])}
    rows = stats.rows
    lines += _table(
        [[f"`{t.name}`", f"`{_where(resources, t)}`", str(rows.get(t.name, 0)),
          str(files.get(_where(resources, t), resources.get(t.name, {}).get("bytes", 0))),
          t.description] for t in TABLES],
        ["table", "file", "rows", "bytes", "what a row is"],
    )
    lines += ["", "Columns of `documents`:", ""]
    lines += _table([[f"`{f.name}`", hf_dtype(f.arrow), f.description] for f in TABLES[0].fields], ["column", "type", "meaning"])
    lines += ["", "## Sources and licence", ""]
    for src in descriptor.get("sources", []):
        lines.append(f"- Source: {src.get('title', src.get('path', ''))}")
    for lic in descriptor.get("licenses", []):
        lines.append(f"- Licence: {lic.get('name', '')} — {lic.get('title', '')} ({lic.get('path', '')})")
    lines += [
        "- Rights of individual texts: column `documents.license` (empty where the source states none).",
        "- The raw files are kept byte for byte in the archival package (a BagIt bag), together with the schemas and "
        "the rule catalogue, so this package can be rebuilt exactly.",
        "",
        "## How it was cleaned",
        "",
        "Each raw file is decoded as strict UTF-8, its line ends made LF and its text NFC-normalised. Web debris "
        "(comment forms, navigation, image slugs, photo credits, wiki residue) is removed by named rules from a "
        "catalogue kept as data. Nothing is edited silently: every removed or replaced span is a row of `removals` "
        "(offsets into the normalised raw text, the rule, the exact text), so the clean text plus its removals "
        "rebuilds the raw text.",
        "",
    ]
    used = [[f"`{r.id}`", r.description, str(stats.rule_removals.get(r.id, 0)), str(stats.rule_chars.get(r.id, 0))]
            for r in catalogue.rules]
    used.sort(key=lambda row: (-int(row[2]), row[0]))
    lines += _table(used, ["rule", "what it removes", "removals", "characters"])
    lines += [
        "",
        "## Statistics",
        "",
        f"- Documents: {stats.documents}; blocks: {stats.blocks}; removals: {stats.removals}.",
        f"- Words per document: min {min(stats.words, default=0)}, median {stats.median_words}, max {max(stats.words, default=0)}; "
        f"{sum(stats.words)} in all ({stats.chars} characters of clean text).",
        f"- Characters removed by cleaning: {stats.removed_chars}.",
        f"- Languages: {', '.join(f'{k} ({v})' for k, v in stats.languages.items())}.",
        f"- Kinds of document: {', '.join(f'{k} ({v})' for k, v in stats.doc_types.items())}.",
        f"- Blocks by kind: {', '.join(f'{k} ({v})' for k, v in stats.block_kinds.items())}.",
        f"- Stated publication dates: {stats.dated} of {stats.documents} documents"
        + (f", from {stats.first_date} to {stats.last_date}." if stats.dated else "."),
        "",
        f"![Words per document]({FIGURES['lengths']})",
        "",
        f"![Characters removed per rule]({FIGURES['rules']})",
        "",
        "## Using it",
        "",
        "```python",
        "import corpus_pkg",
        "corpus = corpus_pkg.load()            # the copy in the wheel, checksums verified",
        "corpus.documents.to_pandas()",
        "```",
        "",
        "```python",
        "import datasets",
        'docs = datasets.load_dataset("parquet", data_files={"train": "data/documents.parquet"})',
        "```",
        "",
        "```sql",
        "SELECT id, title, word_count FROM 'data/documents.parquet' ORDER BY id;  -- DuckDB",
        "```",
        "",
        "Check every file before use with `corpus-pkg verify DIR` (or `sha256sum -c manifest-sha256.txt`).",
        "",
    ]
    return "\n".join(lines)
