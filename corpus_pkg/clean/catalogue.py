"""The rule catalogue: rules are data (rules.toml), loaded and checked here, matched line by line."""
from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

Kind = Literal["phrase", "pattern", "structural"]
Scope = Literal["line", "top", "bottom", "edge", "inline", "block"]

KINDS = ("phrase", "pattern", "structural")
SCOPES = ("line", "top", "bottom", "edge", "inline", "block")


class CatalogueError(ValueError):
    """The catalogue itself is malformed; names the rule and the problem."""


def squash(line: str) -> str:
    """A line as rules see it: runs of whitespace (no-break spaces too) become one space, ends trimmed."""
    return " ".join(line.split())


@dataclass(frozen=True)
class Rule:
    """One named way of recognising debris; ``matches`` is defined for phrase and pattern rules."""

    id: str
    description: str
    kind: Kind
    scope: Scope
    strength: Literal["strong", "weak"]
    field: str | None = None
    phrases: frozenset[str] = frozenset()
    patterns: tuple[re.Pattern[str], ...] = ()
    heads: tuple[re.Pattern[str], ...] = ()
    section: Literal["to-end", "headlines"] | None = None
    match: tuple[str, ...] = ()
    no_match: tuple[str, ...] = ()

    def facts(self, line: str) -> dict[str, str] | None:
        """None when the rule does not match the whole line; else the metadata the line yields (often none).

        A pattern's named groups are fields (``date``, ``agency``, ``byline`` …); the group ``value``, or the
        whole line, is the value of the rule's own ``field``.
        """
        text = squash(line)
        if self.kind == "phrase":
            if text.casefold() not in self.phrases:
                return None
            return {self.field: text} if self.field else {}
        for pattern in self.heads + self.patterns:
            m = pattern.fullmatch(text)
            if m:
                groups = m.groupdict()
                found = {k: v.strip() for k, v in groups.items() if v and v.strip() and k != "value"}
                if self.field:
                    found[self.field] = (groups.get("value") or text).strip()
                return found
        return None

    def is_head(self, line: str) -> bool:
        """True when the line opens a debris section of this rule (see ``section``)."""
        text = squash(line)
        return any(p.fullmatch(text) for p in self.heads)

    def suffix(self, line: str) -> int | None:
        """For an inline rule: where its match starts at the end of ``line`` (None when it does not match)."""
        for pattern in self.patterns:
            m = pattern.search(line)
            if m and m.end() == len(line) and m.start() > 0:
                return m.start()
        return None

    def matches(self, line: str) -> bool:
        if self.kind == "structural":
            raise CatalogueError(f"rule {self.id!r} is structural: the cleaner decides it, not a line match")
        if self.scope == "inline":
            return self.suffix(line) is not None
        return self.facts(line) is not None


@dataclass(frozen=True)
class Catalogue:
    rules: tuple[Rule, ...]
    version: str  # sha256 prefix of the catalogue file: changes whenever any rule changes
    by_id: dict[str, Rule] = field(default_factory=dict)

    def head_rule(self, line: str) -> Rule | None:
        """The first rule for which the line opens a debris section."""
        for rule in self.rules:
            if rule.heads and rule.is_head(line):
                return rule
        return None

    def line_rules(self, *scopes: str) -> list[Rule]:
        return [r for r in self.rules if r.kind != "structural" and r.scope in scopes]

    def first_match(self, line: str, scopes: tuple[str, ...]) -> tuple[Rule, dict[str, str]] | None:
        """The first rule of the given scopes (in catalogue order) that matches the whole line, with its facts."""
        for rule in self.line_rules(*scopes):
            found = rule.facts(line)
            if found is not None:
                return rule, found
        return None


def _rule(raw: dict[str, Any], index: int) -> Rule:
    where = f"rule #{index + 1} ({raw.get('id', '?')})"
    known = {"id", "description", "kind", "scope", "strength", "field", "phrases", "patterns", "heads", "section", "match", "no_match"}
    unknown = set(raw) - known
    if unknown:
        raise CatalogueError(f"{where}: unknown keys {sorted(unknown)}")
    for key in ("id", "description", "kind", "scope", "strength"):
        if not isinstance(raw.get(key), str) or not raw[key]:
            raise CatalogueError(f"{where}: '{key}' must be a non-empty string")
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", raw["id"]):
        raise CatalogueError(f"{where}: id must be kebab-case")
    if raw["kind"] not in KINDS or raw["scope"] not in SCOPES or raw["strength"] not in ("strong", "weak"):
        raise CatalogueError(f"{where}: kind must be one of {KINDS}, scope one of {SCOPES}, strength strong or weak")
    phrases = raw.get("phrases", [])
    patterns = raw.get("patterns", [])
    if raw["kind"] == "phrase" and not phrases:
        raise CatalogueError(f"{where}: a phrase rule needs 'phrases'")
    heads = raw.get("heads", [])
    if raw["kind"] == "pattern" and not patterns and not heads:
        raise CatalogueError(f"{where}: a pattern rule needs 'patterns' or 'heads'")
    if bool(heads) != ("section" in raw) or raw.get("section", "to-end") not in ("to-end", "headlines"):
        raise CatalogueError(f"{where}: 'heads' and 'section' (to-end or headlines) go together")
    if not raw.get("match") or not raw.get("no_match"):
        raise CatalogueError(f"{where}: every rule needs 'match' and 'no_match' examples")
    try:
        compiled = tuple(re.compile(p) for p in patterns)
        compiled_heads = tuple(re.compile(p) for p in heads)
    except re.error as exc:
        raise CatalogueError(f"{where}: bad pattern: {exc}") from None
    return Rule(
        id=raw["id"],
        description=raw["description"],
        kind=raw["kind"],
        scope=raw["scope"],
        strength=raw["strength"],
        field=raw.get("field"),
        phrases=frozenset(squash(p).casefold() for p in phrases),
        patterns=compiled,
        heads=compiled_heads,
        section=raw.get("section"),
        match=tuple(raw["match"]),
        no_match=tuple(raw["no_match"]),
    )


def parse_catalogue(data: bytes) -> Catalogue:
    doc = tomllib.loads(data.decode("utf-8"))
    rules = tuple(_rule(raw, i) for i, raw in enumerate(doc.get("rule", [])))
    by_id: dict[str, Rule] = {}
    for rule in rules:
        if rule.id in by_id:
            raise CatalogueError(f"rule id {rule.id!r} appears twice")
        by_id[rule.id] = rule
    return Catalogue(rules=rules, version=hashlib.sha256(data).hexdigest()[:12], by_id=by_id)


def catalogue_bytes() -> bytes:
    return resources.files("corpus_pkg.clean").joinpath("rules.toml").read_bytes()


@lru_cache(maxsize=1)
def default_catalogue() -> Catalogue:
    return parse_catalogue(catalogue_bytes())
