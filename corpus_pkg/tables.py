"""The published tables, defined once: each field's Arrow type, Table Schema type and description.

Both the Parquet schemas and the Table Schemas in datapackage.json are generated from these, so they
cannot drift apart. Tables are tidy and long (no list columns), so every reader can open them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyarrow as pa

SHA256 = {"pattern": "^[0-9a-f]{64}$"}


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # Table Schema type
    arrow: pa.DataType
    description: str
    required: bool = False
    constraints: dict[str, Any] | None = None

    def descriptor(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "type": self.type, "description": self.description}
        if self.type == "datetime":
            out["format"] = "default"
        constraints = dict(self.constraints or {})
        if self.required:
            constraints["required"] = True
        if constraints:
            out["constraints"] = constraints
        return out


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[dict[str, Any], ...] = ()

    @property
    def path(self) -> str:
        return f"data/{self.name}.parquet"

    def arrow_schema(self) -> pa.Schema:
        return pa.schema([pa.field(f.name, f.arrow, nullable=not f.required) for f in self.fields])

    def table_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {
            "fields": [f.descriptor() for f in self.fields],
            # Parquet has real nulls; an empty string is a value (e.g. an empty replacement), not a missing one.
            "missingValues": [],
            "primaryKey": list(self.primary_key),
        }
        if self.foreign_keys:
            schema["foreignKeys"] = list(self.foreign_keys)
        return schema


def _s(name: str, description: str, required: bool = False, **constraints: Any) -> Field:
    return Field(name, "string", pa.string(), description, required, constraints or None)


def _i(name: str, description: str, required: bool = True, minimum: int | None = 0) -> Field:
    return Field(name, "integer", pa.int64(), description, required, {"minimum": minimum} if minimum is not None else None)


def _b(name: str, description: str) -> Field:
    return Field(name, "boolean", pa.bool_(), description, True)


TO_DOCUMENTS = ({"fields": ["document_id"], "reference": {"resource": "documents", "fields": ["id"]}},)

DOCUMENTS = Table(
    name="documents",
    title="Documents",
    description="One row per document: its clean text, what is known about it, and checksums of the raw and clean text.",
    primary_key=("id",),
    fields=(
        _s("id", "Stable identifier: the raw file's name without its extension.", True, unique=True, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$"),
        _s("title", "Title: from the sidecar when given there, otherwise found in the text."),
        _s("title_source", "Where the title came from: sidecar or text.", enum=["sidecar", "text"]),
        _s("subtitle", "Subtitle found under the title, if any."),
        _s("text", "Clean text: the document's blocks in order, one per line (title first).", True),
        _s("language", "BCP 47 language tag, from the sidecar.", True),
        _s("doc_type", "Kind of document, from the sidecar (news-article, encyclopedia-entry, ...).", True),
        _s("source_name", "Name of the site or publication the document was found on."),
        _s("source_url", "Address the document was scraped from."),
        _s("source_publisher", "Organisation that published the page."),
        _s("source_agency", "News agency the text is credited to: from the sidecar, else from a removed source line (see metadata)."),
        _s("source_platform", "Publishing software the page shows (WordPress, Blogger, ...)."),
        _s("license", "Licence or rights statement (SPDX identifier where one exists); empty when unknown."),
        _s("license_path", "Address of the licence text."),
        _s("date", "Publication date as stated, ISO 8601 at its precision (YYYY, YYYY-MM or YYYY-MM-DD); empty when not stated."),
        _s("date_precision", "Precision of date: year, month or day.", enum=["year", "month", "day"]),
        _s("date_evidence", "What the text or source says about the date, quoted."),
        _s("date_source", "Where date came from: sidecar, or the id of the cleaning rule that found it in a removed line."),
        Field("retrieved", "datetime", pa.timestamp("us", tz="UTC"), "When the page was scraped (UTC, microseconds)."),
        _s("photo_credit", "Photo credit found in a line cleaning removed (rule photo-credit)."),
        _s("byline", "Author or poster found in a removed byline (rule byline)."),
        _s("original_url", "Address of the original article, found in a removed source line."),
        _s("dateline_place", "Place of the dateline opening the text (\"Pyongyang, December 4 (KCNA) --\")."),
        _s("dateline_date", "Date of the dateline, ISO 8601; --MM-DD when it gives no year."),
        _s("dateline_agency", "Agency named in the dateline (e.g. KCNA)."),
        _s("raw_file", "Name of the raw file in raw/, kept byte for byte.", True),
        _s("raw_format", "text, or html (offsets then index the page's visible text, extracted before cleaning).", True, enum=["text", "html"]),
        _s("raw_sha256", "SHA-256 of the raw file's bytes.", True, **SHA256),
        _i("raw_bytes", "Size of the raw file in bytes."),
        _s("sidecar_sha256", "SHA-256 of the sidecar's bytes.", True, **SHA256),
        _b("bom", "True when the raw file began with a UTF-8 byte order mark (dropped on reading)."),
        _s("newline_style", "Line ends of the raw file: lf, crlf, cr, mixed or none.", True, enum=["lf", "crlf", "cr", "mixed", "none"]),
        _i("newlines_converted", "CRLF and CR line ends rewritten as LF on reading."),
        _b("nfc_changed", "True when Unicode NFC normalisation changed the decoded text."),
        _s("text_sha256", "SHA-256 of the clean text, UTF-8 encoded.", True, **SHA256),
        _i("char_count", "Characters in the clean text."),
        _i("word_count", "Words in the clean text (runs of letters and digits, with inner hyphens and apostrophes)."),
        _i("paragraph_count", "Blocks of kind paragraph."),
        _i("block_count", "Blocks of any kind."),
        _i("removal_count", "Rows of the removals table for this document."),
        _i("removed_chars", "Characters of the normalised raw text that cleaning removed or replaced."),
        _s("pipeline_version", "Version of corpus_pkg that built the row.", True),
        _s("rules_version", "Version (content hash) of the rule catalogue that cleaned the text.", True),
    ),
)

BLOCKS = Table(
    name="blocks",
    title="Blocks",
    description="Each document's title, subtitle, headings, paragraphs, list items and captions, in order.",
    primary_key=("document_id", "position"),
    foreign_keys=TO_DOCUMENTS,
    fields=(
        _s("document_id", "The document (documents.id).", True),
        _i("position", "Order of the block within its document, from 0."),
        _s("kind", "title, subtitle, heading, paragraph, list_item or caption.", True,
           enum=["title", "subtitle", "heading", "paragraph", "list_item", "caption"]),
        _s("text", "The block's clean text.", True),
        _i("start", "Offset of the block's first character in documents.text."),
        _i("end", "Offset just past the block's last character in documents.text."),
        _i("raw_start", "Offset where the block begins in the normalised raw text."),
        _i("raw_end", "Offset where the block ends in the normalised raw text."),
    ),
)

REMOVALS = Table(
    name="removals",
    title="Removals",
    description=(
        "Every edit cleaning made: what stood at [start, end) of the normalised raw text, the rule that "
        "removed it, and what replaced it (usually nothing). Clean text plus these rows rebuild the raw text."
    ),
    primary_key=("document_id", "position"),
    foreign_keys=TO_DOCUMENTS,
    fields=(
        _s("document_id", "The document (documents.id).", True),
        _i("position", "Order of the removal within its document, from 0, by start offset."),
        _i("start", "Offset of the first removed character in the normalised raw text."),
        _i("end", "Offset just past the last removed character in the normalised raw text."),
        _s("rule", "Id of the rule in the rule catalogue that made this edit.", True),
        _s("text", "The removed text, exactly.", True),
        _s("replacement", "What the clean text has in its place (empty for a pure removal).", True),
    ),
)

METADATA = Table(
    name="metadata",
    title="Metadata found in the text",
    description=(
        "Facts cleaning read from the text: dates, agencies, bylines, photo credits and original addresses in "
        "removed lines, and datelines kept in the text; with the rule that found each and where it stood."
    ),
    primary_key=("document_id", "position"),
    foreign_keys=TO_DOCUMENTS,
    fields=(
        _s("document_id", "The document (documents.id).", True),
        _i("position", "Order of the fact within its document, from 0."),
        _s("field", "What the fact is: date, agency, byline, photo_credit, original_url, dateline_place, dateline_date, dateline_agency.", True),
        _s("value", "The fact as written in the text.", True),
        _s("normalized", "ISO 8601 form of a date (--MM-DD when no year is given); empty for other fields."),
        _s("rule", "Id of the catalogue rule that found it.", True),
        _i("start", "Offset where the line or dateline holding it begins in the normalised raw text."),
        _i("end", "Offset where it ends."),
    ),
)

INFOBOX = Table(
    name="infobox",
    title="Infobox rows",
    description="Key/value rows of an encyclopedia infobox, read from the lines cleaning removed above the article.",
    primary_key=("document_id", "position"),
    foreign_keys=TO_DOCUMENTS,
    fields=(
        _s("document_id", "The document (documents.id).", True),
        _i("position", "Order of the row within its infobox, from 0."),
        _s("key", "The row's label, as written (e.g. Established).", True),
        _s("value", "The row's value, as written (e.g. 1946-06-01).", True),
        _s("normalized", "ISO 8601 form when the value is a date; empty otherwise."),
        _i("start", "Offset where the row begins in the normalised raw text."),
        _i("end", "Offset where it ends."),
    ),
)

SIGNATURES = Table(
    name="signatures",
    title="MinHash signatures",
    description=(
        "Each document's MinHash signature of its clean text, so that near-duplicate checks against the corpus "
        "(corpus-pkg validate) need not recompute it: word shingles and parameters as in this resource's x_minhash."
    ),
    primary_key=("document_id",),
    foreign_keys=TO_DOCUMENTS,
    fields=(
        _s("document_id", "The document (documents.id).", True, unique=True),
        _s("minhash", "The low 8 bits of each of the num_perm minimum hash values (b-bit MinHash), as hex: two "
           "characters per value, in permutation order.", True, pattern="^([0-9a-f]{2})+$"),
    ),
)

TABLES = (DOCUMENTS, BLOCKS, REMOVALS, METADATA, INFOBOX, SIGNATURES)


def markdown() -> str:
    """The tables and their columns as Markdown (the README's table section is this, verbatim)."""
    out: list[str] = []
    for t in TABLES:
        out.append(f"### `{t.name}`: {t.description}\n")
        keys = f"Primary key: `{', '.join(t.primary_key)}`."
        if t.foreign_keys:
            keys += " Foreign key: `document_id` → `documents.id`."
        out.append(keys + "\n")
        out.append("| column | type | description |\n|---|---|---|")
        for f in t.fields:
            out.append(f"| `{f.name}` | {f.type}{'' if f.required else ', nullable'} | {f.description} |")
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    print(markdown(), end="")
