"""Validation: JSON Schema checks of sidecars and document records, and corpus-level checks, as a Report of Issues."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from .model import Issue
from .resources import schemas_dir


def _missing_extra(extra: str, module: str) -> ImportError:
    return ImportError(f"{module} is needed for this; install it with: pip install 'corpus-pkg[{extra}]'")


@lru_cache(maxsize=None)
def validator(name: str):
    """A Draft 2020-12 validator for schemas/<name>.schema.json, with format checking really on."""
    try:
        import jsonschema
    except ImportError:
        raise _missing_extra("build", "jsonschema") from None
    schema = json.loads((schemas_dir() / f"{name}.schema.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def pointer(path: Iterable[Any]) -> str:
    """RFC 6901 JSON pointer for a jsonschema error path."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


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


def schema_issues(name: str, instance: Any, file: str, code: str) -> list[Issue]:
    """Every violation of schemas/<name>.schema.json, each with the JSON pointer of the field at fault."""
    issues = []
    for err in sorted(validator(name).iter_errors(instance), key=lambda e: (list(map(str, e.absolute_path)), e.validator)):
        hint = HINTS.get(str(err.validator), "See schemas/{schema}.schema.json.").format(schema=name)
        issues.append(
            Issue(code=code, severity="error", file=file, pointer=_shorten(pointer(err.absolute_path)), message=_shorten(err.message), hint=hint)
        )
    return issues


@dataclass
class Report:
    """The outcome of validation: every issue found, never only the first."""

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

    def as_dict(self) -> dict[str, Any]:
        return {
            "valid": self.valid,
            "checked": self.checked,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "issues": [i.as_dict() for i in self.issues],
        }


def validate(raw: str | Path = "raw") -> Report:
    """Check a folder of raw documents (or single files in it) the way a build would, without writing anything."""
    from .pipeline import process_all
    from .read import document_id

    paths = [Path(raw)] if isinstance(raw, (str, Path)) else [Path(p) for p in raw]
    report = Report()
    for path in paths:
        raw_dir, only = (path, None) if path.is_dir() else (path.parent, {document_id(path)})
        for result in process_all(raw_dir, only=only):
            report.checked += result.document is not None
            report.issues.extend(result.issues)
    return report
