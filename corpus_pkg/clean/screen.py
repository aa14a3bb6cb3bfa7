"""Which of a list of patterns can match a whole line, told from its first and last characters and its length.

A pattern that fully matches a line starts its match with the line's first character and ends it with the
last one, and matches as many characters as the line has: from the parsed pattern we know which single-character
items can open and close a match, and its fewest and most characters. A line whose first character no opening
item of a pattern accepts cannot match that pattern, whatever follows; most prose lines are ruled out for all
but a few of the catalogue's patterns this way, and the regex engine runs only on those few.

Each opening or closing item is compiled alone and asked about each distinct character once, so the screen
answers exactly what the engine would (case-insensitive matching included). Whatever the parser cannot tell
(a private module of the standard library) makes a pattern a candidate for every line: never a wrong answer.
"""
from __future__ import annotations

import re
import _sre
from functools import lru_cache
from typing import Any, Iterable

try:
    from re import _compiler, _constants as _c, _parser
except ImportError:  # Python 3.10 and older name these modules differently: every pattern is then a candidate
    _compiler = _c = _parser = None  # type: ignore[assignment]

Items = list[tuple[Any, Any, int]]  # single-character items (op, argument, flags in effect)
ANY_WIDTH = 1 << 16  # the parser's "no upper bound"


def _seq(items: Iterable, flags: int, last: bool) -> tuple[Items, bool] | None:
    """(items that can take the first (or last) character of a match, whether the sequence may match nothing);
    None when any character can."""
    out: Items = []
    for op, av in (reversed(list(items)) if last else items):
        found = _item(op, av, flags, last)
        if found is None:
            return None
        out += found[0]
        if not found[1]:
            return out, False
    return out, True


def _item(op, av, flags: int, last: bool) -> tuple[Items, bool] | None:
    c = _c
    if op in (c.LITERAL, c.NOT_LITERAL, c.IN):
        return [(op, av, flags)], False
    if op is c.AT or op in (c.ASSERT, c.ASSERT_NOT):
        return [], True  # anchors, boundaries and lookarounds take no character
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", c.MAX_REPEAT)):
        low, high, sub = av
        if high == 0:
            return [], True
        found = _seq(sub, flags, last)
        return None if found is None else (found[0], low == 0 or found[1])
    if op is c.SUBPATTERN:
        _, add_flags, del_flags, sub = av
        return _seq(sub, _compiler._combine_flags(flags, add_flags, del_flags), last)
    if op is getattr(c, "ATOMIC_GROUP", None):
        return _seq(av, flags, last)
    if op is c.BRANCH:
        out: Items = []
        empty = False
        for sub in av[1]:
            found = _seq(sub, flags, last)
            if found is None:
                return None
            out += found[0]
            empty = empty or found[1]
        return out, empty
    return None  # ANY, group references and the rest: any character


Need = tuple[tuple[str, bool], ...]  # strings of which a match holds one at least; True: in the lower-cased line
NEED_MIN_CHARS = 3  # shorter strings are found in most lines: not worth looking for …
COMMON_CHARS = frozenset(" .,;:'\"’-()")  # … unless made of characters prose seldom holds (not these, letters or digits)
NEED_MAX = 3  # a requirement of more strings takes longer to look for than most patterns take to fail


@lru_cache(maxsize=4096)
def shape(pattern: str, flags: int = 0) -> tuple[Items | None, Items | None, int, int, Need | None, Need | None]:
    """What the screen knows of a pattern's matches: (opening items, closing items, fewest characters, most
    characters, strings one of which every match holds, the same for ASCII lines); None and the widest bounds
    where it cannot tell."""
    if _parser is None:
        return None, None, 0, ANY_WIDTH, None, None
    try:
        parsed = _parser.parse(pattern, flags)
        lo, hi = parsed.getwidth()
        flags = parsed.state.flags
        first, last = _seq(parsed.data, flags, False), _seq(parsed.data, flags, True)
        need = _needs(parsed.data, flags)
        need_ascii = _needs(parsed.data, flags, True)
    except Exception:  # a private module of the standard library: never let it decide anything on its own
        return None, None, 0, ANY_WIDTH, None, None
    if need and not _usable(need):
        need = None
    if need_ascii and not _usable(need_ascii, True):
        need_ascii = None
    # (a pattern that may match nothing may still match a line: its items then hold every possible first character)
    return (None if first is None else first[0], None if last is None else last[0], lo, min(hi, ANY_WIDTH), need,
            need_ascii or need)


def edges(pattern: str) -> tuple[Items | None, Items | None, int, int]:
    """(opening items, closing items, fewest, most characters) of a pattern's matches; None: any character."""
    return shape(pattern)[:4]


def needs(pattern: str) -> Need | None:
    """Literal strings a match of the pattern must contain (one of them at least), or None when it has none.

    Under IGNORECASE a string counts only where ``str.lower`` gives what the engine compares: ASCII characters
    except "i" and "s" (which match "İ", "ı", "ſ" too), and characters without case.
    """
    return shape(pattern)[4]


def ascii_needs(pattern: str) -> Need | None:
    """What ``needs`` gives, for lines of ASCII characters only: there "i" and "s" count under IGNORECASE too,
    since the only characters the engine matches to them beyond "I" and "S" ("İ", "ı", "ſ") are not ASCII, and
    ``str.lower`` of an ASCII line lowers character by character as the engine does. On lines of prose in
    English most (?i) patterns of the catalogue hold a word with one of them."""
    return shape(pattern)[5]


def _usable(need: Need, ascii_line: bool = False) -> bool:
    """Worth looking for: every string long enough, or made of characters few lines hold ("|", "»", "@"), or
    (``ascii_line``) holding a character no ASCII line holds ("版权")."""
    return all(len(s) >= NEED_MIN_CHARS or not any(c.isalnum() or c.isspace() or c in COMMON_CHARS for c in s)
               or (ascii_line and not s.isascii()) for s, _ in need)


def _score(need: Need, ascii_line: bool = False) -> tuple[bool, bool, int, int]:
    """Longer strings are rarer in lines that do not match; fewer of them are quicker to look for."""
    return (ascii_line and foreign(need)), _usable(need, ascii_line), min(len(s) for s, _ in need), -len(need)


def foreign(need: Need) -> bool:
    """Every string of the requirement holds a character beyond ASCII: no line of ASCII characters holds one."""
    return all(not s.isascii() for s, _ in need)


def _needs(items, flags: int, ascii_line: bool = False) -> Need | None:
    """The best requirement of a sequence: one of its runs of literal characters, or one of its parts' own."""
    c = _c
    found: list[Need] = []
    run: list[str] = []
    mode: bool | None = None  # how the run is looked for: in the lower-cased line (True), the line (False), either (None)
    for op, av in items:
        if op is c.IN and run:
            found.append((("".join(run), bool(mode)),))
            run, mode = [], None
        if op is c.IN:  # a class of a few characters spelled out ("[|•·]"): a match holds one of them
            members = [chr(a) for o, a in av if o is c.LITERAL]
            if (len(members) == len(av) and len(members) <= NEED_MAX
                    and all(_literal(ord(ch), flags, ascii_line) == (ch, False) for ch in members)):
                found.append(tuple((ch, False) for ch in dict.fromkeys(members)))
            continue
        if op is c.LITERAL:
            ch, fold = _literal(av, flags, ascii_line)
            if run and (ch is None or (fold is not None and mode is not None and fold != mode)):
                found.append((("".join(run), bool(mode)),))
                run, mode = [], None
            if ch is not None:
                run.append(ch)
                mode = fold if fold is not None else mode
            continue
        if run:
            found.append((("".join(run), bool(mode)),))
            run, mode = [], None
        part: Need | None = None
        if op is c.SUBPATTERN:
            _, add_flags, del_flags, sub = av
            part = _needs(sub, _compiler._combine_flags(flags, add_flags, del_flags), ascii_line)
        elif op is getattr(c, "ATOMIC_GROUP", None):
            part = _needs(av, flags, ascii_line)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", c.MAX_REPEAT)) and av[0] >= 1:
            part = _needs(av[2], flags, ascii_line)
        elif op is c.ASSERT:  # what a lookaround looks for is in the line too (a whole line has nothing around it)
            part = _needs(av[1], flags, ascii_line)
        elif op is c.BRANCH:  # each branch must hold one of its own strings
            options: list[tuple[str, bool]] = []
            for sub in av[1]:
                own = _needs(sub, flags, ascii_line)
                if not own:
                    break
                options += own
            else:
                part = tuple(dict.fromkeys(options))
        if part:
            found.append(part)
    if run:
        found.append((("".join(run), bool(mode)),))
    return max(found, key=lambda need: _score(need, ascii_line), default=None)


def _literal(code: int, flags: int, ascii_line: bool = False) -> tuple[str | None, bool | None]:
    """(the character as the line, or its lower-cased copy, holds it; True: the lower-cased copy, None: both);
    ``ascii_line``: for a line of ASCII characters only, where "i" and "s" fold as str.lower folds them."""
    ch = chr(code)
    if not flags & _c.SRE_FLAG_IGNORECASE:
        return ch, False
    if not _sre.unicode_iscased(code):
        return (ch, None) if ch.lower() == ch else (None, None)
    if flags & (_c.SRE_FLAG_LOCALE | _c.SRE_FLAG_ASCII) or code >= 128 or (ch in "iIsS" and not ascii_line):
        return None, None
    return ch.lower(), True


class CharTests:
    """The single-character items of all screened patterns, each compiled alone; and, per character seen,
    which of them accept it (worked out once per character, as characters repeat from line to line)."""

    def __init__(self) -> None:
        self.index: dict[tuple, int] = {}
        self.regexes: list[re.Pattern[str]] = []
        self.known: dict[str, tuple[int, int]] = {}  # character -> (items it was tested on, bits of those it passes)

    def add(self, item: tuple[Any, Any, int]) -> int | None:
        op, av, flags = item
        key = (op, repr(av), flags)
        if key not in self.index:
            try:
                state = _parser.State()
                state.flags = flags
                regex = _compiler.compile(_parser.SubPattern(state, [(op, av)]), flags)
            except Exception:
                return None
            self.index[key] = len(self.regexes)
            self.regexes.append(regex)
        return self.index[key]

    def passes(self, ch: str) -> int:
        tested, bits = self.known.get(ch, (0, 0))
        if tested < len(self.regexes):
            for i in range(tested, len(self.regexes)):
                if self.regexes[i].match(ch):
                    bits |= 1 << i
            self.known[ch] = (len(self.regexes), bits)
        return bits


TESTS = CharTests()


class Screen:
    """Patterns tried in order on whole lines: which is the first to match, trying only those that can.

    Sets of patterns are bits of an int, pattern j the bit ``top - j`` (``top`` = the last index): the earliest
    candidate is then the highest bit, found by ``int.bit_length`` and cleared with a mask made once, two steps on
    a long int where the lowest bit took four.
    """

    def __init__(self, patterns: list[re.Pattern[str]], tests: CharTests = TESTS) -> None:
        self.patterns = patterns
        self.tests = tests
        self.widths: list[tuple[int, int]] = []
        self.need: list[Need | None] = []
        self.need_ascii: list[Need | None] = []  # what ``need`` is for lines of ASCII characters (ascii_needs)
        self.any_first = self.any_last = 0  # patterns whose first (last) character can be any
        self.first_items: dict[int, int] = {}  # item -> bits of the patterns it can open
        self.last_items: dict[int, int] = {}
        self.top = len(patterns) - 1
        self.ascii_mask = (1 << len(patterns)) - 1  # patterns an ASCII line may match: not those that need a foreign character
        for j, pattern in enumerate(patterns):
            first, last, lo, hi, need, need_ascii = shape(pattern.pattern, pattern.flags)
            self.widths.append((lo, hi))
            self.any_first |= self._index(first, self.first_items, 1 << (self.top - j))
            self.any_last |= self._index(last, self.last_items, 1 << (self.top - j))
            self.need.append(need if need is not None and len(need) <= NEED_MAX else None)
            self.need_ascii.append(need_ascii if need_ascii is not None and len(need_ascii) <= NEED_MAX else self.need[-1])
            if need_ascii is not None and foreign(need_ascii):
                self.ascii_mask ^= 1 << (self.top - j)
        # Past the longest bounded width every length has the same candidates: one entry serves them all.
        self.longest = max([lo for lo, _ in self.widths] + [hi for _, hi in self.widths if hi < ANY_WIDTH], default=0) + 1
        self._lengths: list[int] = self._length_table()
        self._first: dict[str, int] = {}
        self._last: dict[str, int] = {}
        # by bit: the pattern of bit b is pattern top - b
        self.tries = [_try(need, pattern) for need, pattern in zip(self.need, patterns)][::-1]
        self.tries_ascii = [_try(need, pattern) for need, pattern in zip(self.need_ascii, patterns)][::-1]
        self._masks = [1 << b for b in range(len(patterns))]

    def _index(self, items: Items | None, index: dict[int, int], bit: int) -> int:
        """Files the pattern (``bit``) under each of its items; returns ``bit`` when any character will do."""
        if items is None:
            return bit
        for item in items:
            i = self.tests.add(item)
            if i is None:
                return bit
            index[i] = index.get(i, 0) | bit
        return 0

    def _by_char(self, ch: str, index: dict[int, int], anyway: int) -> int:
        passes = self.tests.passes(ch)
        bits = anyway
        for i, patterns in index.items():
            if passes >> i & 1:
                bits |= patterns
        return bits

    def _length_table(self) -> list[int]:
        """For each length up to ``longest``, the patterns whose bounds admit it: made in one sweep (a pattern's bit
        turns on at its fewest characters and off past its most), since an unseen document brings lengths no
        earlier line had, and working each out over every pattern then cost more than the matching."""
        flips = [0] * (self.longest + 2)
        for j, (lo, hi) in enumerate(self.widths):
            if lo <= hi:
                flips[min(lo, self.longest + 1)] ^= 1 << (self.top - j)
                flips[min(hi + 1, self.longest + 1)] ^= 1 << (self.top - j)
        table, bits = [], 0
        for k in range(self.longest + 1):
            bits ^= flips[k]
            table.append(bits)
        return table

    def _by_length(self, n: int) -> int:
        return self._lengths[min(n, self.longest)]

    def candidates(self, text: str) -> int:
        """Bit ``top - j`` set: pattern j may fully match ``text`` (unset: it certainly does not)."""
        n = len(text)
        bits = self._lengths[n if n < self.longest else self.longest]
        if not n or not bits:
            return bits
        first = self._first.get(text[0])
        if first is None:
            first = self._first[text[0]] = self._by_char(text[0], self.first_items, self.any_first)
        last = self._last.get(text[-1])
        if last is None:
            last = self._last[text[-1]] = self._by_char(text[-1], self.last_items, self.any_last)
        return bits & first & last

    def first(self, text: str) -> int:
        """The index of the first pattern that fully matches ``text``; -1 when none does."""
        n = len(text)  # (``candidates``, written out: a call less for every line asked about)
        bits = self._lengths[n if n < self.longest else self.longest]
        if n and bits:
            first = self._first.get(text[0])
            if first is None:
                first = self._first[text[0]] = self._by_char(text[0], self.first_items, self.any_first)
            last = self._last.get(text[-1])
            if last is None:
                last = self._last[text[-1]] = self._by_char(text[-1], self.last_items, self.any_last)
            bits &= first & last
        if text.isascii():
            bits &= self.ascii_mask
            tries = self.tries_ascii
        else:
            tries = self.tries
        masks = self._masks
        lower = None
        while bits:
            b = bits.bit_length() - 1  # the earliest candidate left
            bits ^= masks[b]
            need, folded, fullmatch = tries[b]
            if need is not None:  # a string every match holds (most patterns: one), or several one of which
                if folded is None:
                    for s, f in need:
                        if f:
                            if lower is None:
                                lower = text.lower()
                            if s in lower:
                                break
                        elif s in text:
                            break
                    else:
                        continue
                elif folded:
                    if lower is None:
                        lower = text.lower()
                    if need not in lower:
                        continue
                elif need not in text:
                    continue  # none of the strings every match holds: no match
            if fullmatch(text):
                return self.top - b
        return -1


def _try(need: Need | None, pattern: re.Pattern[str]) -> tuple[Any, bool | None, Any]:
    """How Screen.first tries a pattern: (the one string a match holds, whether in the lower-cased line, fullmatch),
    or (the strings one of which it holds, None, fullmatch), or (None, False, fullmatch)."""
    if need is None:
        return None, False, pattern.fullmatch
    if len(need) == 1:
        return need[0][0], need[0][1], pattern.fullmatch
    return need, None, pattern.fullmatch
