"""The rule catalogue: rules are data (rules.toml), loaded and checked here, matched line by line."""
from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

from .fast import printable
from .screen import Screen

Kind = Literal["phrase", "pattern", "structural"]
Scope = Literal["line", "top", "bottom", "edge", "inline", "block"]

KINDS = ("phrase", "pattern", "structural")
SUFFIX_WINDOW = 120  # characters at the end of a line where inline (suffix) rules look
SCOPES = ("line", "top", "bottom", "edge", "inline", "block")


class CatalogueError(ValueError):
    """The catalogue itself is malformed; names the rule and the problem."""


def squash(line: str) -> str:
    """A line as rules see it: runs of whitespace (no-break spaces too) become one space, ends trimmed."""
    if printable(line) and "  " not in line and line[:1] != " " and line[-1:] != " ":
        return line  # already squashed: every whitespace character but the space is unprintable (most lines)
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
        cut = max(0, len(line) - SUFFIX_WINDOW)  # inline debris is short: look only at the line's tail
        tail = line[cut:]
        for pattern in self.patterns:
            m = pattern.search(tail)
            if m and m.end() == len(tail) and cut + m.start() > 0:
                return cut + m.start()
        return None

    def matches(self, line: str) -> bool:
        if self.kind == "structural":
            raise CatalogueError(f"rule {self.id!r} is structural: the cleaner decides it, not a line match")
        if self.scope == "inline":
            return self.suffix(line) is not None
        return self.facts(line) is not None


# Distinct short lines each memo of the cleaner keeps: enough for the furniture of the sites at hand, and filled
# within a few thousand pages, so that a worker's memory stops growing long before a large corpus ends.
LINE_MEMO = 8192
CACHED_CHARS = 200  # lines up to this long have their rule remembered (site furniture repeats from page to page) …
CACHED_LINES = LINE_MEMO  # … this many at most, so that a worker's memory stays flat however many pages it cleans
RECENT_LINES = 256  # longer lines are article text, never seen again after their page: only the latest few are kept,
# since the labelling passes over one page ask about the same paragraph two or three times


class _Alternation:
    """All phrase and pattern rules of some scopes, tried in catalogue order: the first that matches a whole line.

    Each pattern is tried on its own, and only when the screen (screen.py) leaves it as a candidate for the line:
    the patterns it rules out cannot match, so the first rule that matches is the one the catalogue's order
    gives. A rule's own compiled patterns serve (nothing more to compile); results are cached per distinct
    line, since template lines repeat.
    """

    def __init__(self, rules: list[Rule], heads: bool = False) -> None:
        self.rules = rules
        self.patterns: list[re.Pattern[str]] = []
        self.rule_of: list[int] = []  # the rule each pattern belongs to
        for i, rule in enumerate(rules):
            if heads:
                patterns = list(rule.heads)
            elif rule.kind == "phrase":
                patterns = [re.compile("(?i:" + "|".join(re.escape(p) for p in sorted(rule.phrases)) + ")")]
            else:
                patterns = list(rule.heads + rule.patterns)
            self.patterns += patterns
            self.rule_of += [i] * len(patterns)
        self.empty = not self.patterns
        self.screen = Screen(self.patterns)
        self._cache: dict[str, int] = {}
        self._recent: dict[str, int] = {}  # lines over CACHED_CHARS

    def rule_for(self, text: str) -> Rule | None:
        short = len(text) <= CACHED_CHARS
        cache = self._cache if short else self._recent
        hit = cache.get(text)
        if hit is None:
            if self.empty:
                return None
            j = self.screen.first(text)
            hit = self.rule_of[j] if j >= 0 else -1
            if len(cache) >= (CACHED_LINES if short else RECENT_LINES):
                cache.clear()
            cache[text] = hit
        return self.rules[hit] if hit >= 0 else None


@dataclass(frozen=True)
class Catalogue:
    rules: tuple[Rule, ...]
    version: str  # sha256 prefix of the catalogue file: changes whenever any rule changes
    by_id: dict[str, Rule] = field(default_factory=dict)
    _alternations: dict[tuple[str, ...], _Alternation] = field(default_factory=dict, repr=False, compare=False)
    _positions: dict[str, int] = field(default_factory=dict, repr=False, compare=False)

    def _alternation(self, key: tuple[str, ...]) -> _Alternation:
        alt = self._alternations.get(key)
        if alt is None:
            if key == ("heads",):
                alt = _Alternation([r for r in self.rules if r.heads], heads=True)
            else:
                alt = _Alternation(self.line_rules(*key))
            self._alternations[key] = alt
        return alt

    def _position(self, rule: Rule) -> int:
        """A rule's place in the catalogue (its order decides which of two matching rules applies)."""
        if not self._positions:
            self._positions.update((r.id, i) for i, r in enumerate(self.rules))
        return self._positions[rule.id]

    def head_rule(self, line: str, squashed: str | None = None) -> Rule | None:
        """The first rule for which the line opens a debris section."""
        return self._alternation(("heads",)).rule_for(squash(line) if squashed is None else squashed)

    def line_rules(self, *scopes: str) -> list[Rule]:
        return [r for r in self.rules if r.kind != "structural" and r.scope in scopes and r.scope != "inline"]

    def first_match(self, line: str, scopes: tuple[str, ...], squashed: str | None = None) -> tuple[Rule, dict[str, str]] | None:
        """The first rule of the given scopes (in catalogue order) that matches the whole line, with its facts."""
        text = squash(line) if squashed is None else squashed
        alternations = self._alternations
        if len(scopes) == 1:
            rule = (alternations.get(scopes) or self._alternation(scopes)).rule_for(text)
        else:
            # The first rule of several scopes is the earliest of each scope's first rule: one (cached) answer
            # per scope serves every combination of scopes the cleaner asks about.
            rule = None
            for scope in scopes:
                found = (alternations.get((scope,)) or self._alternation((scope,))).rule_for(text)
                if found is not None and (rule is None or self._position(found) < self._position(rule)):
                    rule = found
        if rule is None:
            return None
        found = rule.facts(line)
        if found is None:  # cannot happen: the alternation holds the rule's own patterns
            raise CatalogueError(f"rule {rule.id!r}: combined and single patterns disagree on {line!r}")
        return rule, found


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
    return Catalogue(rules=rules, version=catalogue_version(data), by_id=by_id)


def catalogue_version(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:12]


def catalogue_bytes() -> bytes:
    return resources.files("corpus_pkg.clean").joinpath("rules.toml").read_bytes()


@lru_cache(maxsize=1)
def default_version() -> str:
    """The shipped catalogue's version without parsing it (compiling its patterns takes a third of a second)."""
    return catalogue_version(catalogue_bytes())


@lru_cache(maxsize=1)
def default_catalogue() -> Catalogue:
    return parse_catalogue(catalogue_bytes())
