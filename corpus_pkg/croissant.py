"""Croissant 1.0 metadata (dist/croissant.json): the same tables as datapackage.json, for ML tooling.

mlcroissant reads Parquet only when a file's encodingFormat is `application/x-parquet`, so that is used here
even though the registered media type (datapackage.json) is `application/vnd.apache.parquet`.
"""
from __future__ import annotations

from typing import Any

import pyarrow as pa

from .tables import TABLES, Table

CROISSANT = "croissant.json"
CONFORMS_TO = "http://mlcommons.org/croissant/1.0"
PARQUET_FORMAT = "application/x-parquet"

# The standard Croissant 1.0 JSON-LD context.
CONTEXT: dict[str, Any] = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}


def data_type(arrow: pa.DataType) -> str:
    if pa.types.is_timestamp(arrow):
        return "sc:DateTime"
    if pa.types.is_integer(arrow):
        return "sc:Integer"
    if pa.types.is_boolean(arrow):
        return "sc:Boolean"
    if pa.types.is_floating(arrow):
        return "sc:Float"
    return "sc:Text"


def _file_id(table: Table) -> str:
    return f"{table.name}-parquet"


def record_set(table: Table) -> dict[str, Any]:
    fields = []
    for f in table.fields:
        field: dict[str, Any] = {
            "@type": "cr:Field",
            "@id": f"{table.name}/{f.name}",
            "name": f.name,
            "description": f.description,
            "dataType": data_type(f.arrow),
            "source": {"fileObject": {"@id": _file_id(table)}, "extract": {"column": f.name}},
        }
        for fk in table.foreign_keys:
            if f.name in fk["fields"]:
                target = fk["reference"]
                field["references"] = {"field": {"@id": f"{target['resource']}/{target['fields'][fk['fields'].index(f.name)]}"}}
        fields.append(field)
    return {
        "@type": "cr:RecordSet",
        "@id": table.name,
        "name": table.name,
        "description": table.description,
        "key": [{"@id": f"{table.name}/{k}"} for k in table.primary_key],
        "field": fields,
    }


def metadata(descriptor: dict[str, Any]) -> dict[str, Any]:
    """Croissant JSON-LD for a package, from its descriptor (whose resources carry each file's sha256)."""
    resources = {r["name"]: r for r in descriptor.get("resources", [])}
    licences = [lic.get("path") or lic.get("name") for lic in descriptor.get("licenses", [])]
    creators = [{"@type": "sc:Organization", "name": c.get("title", "")} for c in descriptor.get("contributors", [])
                if "creator" in c.get("roles", [])]
    name = descriptor.get("name", "corpus")
    out: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "conformsTo": CONFORMS_TO,
        "name": name,
        "alternateName": descriptor.get("title", name),
        "description": descriptor.get("description", ""),
        "version": descriptor.get("version", "0.0.0"),
        "license": licences[0] if len(licences) == 1 else licences,
        "keywords": descriptor.get("keywords", []),
        "creator": creators[0] if len(creators) == 1 else creators,
        "citeAs": f"{descriptor.get('title', name)}, version {descriptor.get('version', '')}.",
        "distribution": [],
        "recordSet": [],
    }
    if descriptor.get("homepage"):
        out["url"] = descriptor["homepage"]
    if descriptor.get("created"):
        out["datePublished"] = descriptor["created"]
    for table in TABLES:
        res = resources.get(table.name)
        if res is None:
            continue
        out["distribution"].append({
            "@type": "cr:FileObject",
            "@id": _file_id(table),
            "name": _file_id(table),
            "description": f"The {table.name} table.",
            "contentUrl": res["path"],
            "contentSize": f"{res['bytes']} B",
            "encodingFormat": PARQUET_FORMAT,
            "sha256": str(res["hash"]).rpartition(":")[2],
        })
        out["recordSet"].append(record_set(table))
    return out
