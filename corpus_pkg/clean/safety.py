"""Last looks before a line of a page is given up to a general signal.

Losing a sentence of the article is the worst thing a cleaner can do, and on pages of sites it has never
seen the general signals are what take one: a layout read as a label, a button or a page number (a short
line at the bottom edge, a line of plain words, a row of figures), where no rule of the catalogue names the
line by its words. These checks give such a line back when its own shape, or what stands around it (the
letter it opens or closes, the table it is a row of, the sentence that echoes it, the numbering it carries
on), says it is the article's. Catalogue rules that name debris by its words are not second-guessed here;
they carry their own must-not-match examples.
"""
from __future__ import annotations

import re
from itertools import islice
from typing import TYPE_CHECKING

from .careful import next_line
from .furniture import SENTENCE_END
from .guards import page_tools
from .neighbours import is_navigation

if TYPE_CHECKING:
    from .structure import Line

# Signals that judge a line by its shape or its place, not by words that name debris: meant for labels,
# buttons, names and figures, never for a sentence.
SHAPE_RULES = frozenset({
    "site-header", "bottom-label", "interface-line", "page-number", "separator-line", "timestamp",
    "repeated-line", "running-head", "menu-words", "menu-columns", "breadcrumb-trail", "infobox-row",
    "wiki-template-fragment", "image-slug", "credit-name", "category-tags", "contents-list",
})
PROSE_MIN_WORDS = 8  # "It appeared on the front page on six days.": a headline or a button is shorter, or has no stop
PROSE_MIN_LOWER_WORDS = 3  # words in lower case: a sentence's verbs and little words, which labels and names lack
PROSE_LOWER_SHARE = 0.3  # "In Nordkorea hat der Parteitag begonnen." has them too; a title in capitals has none
PROSE_MIN_CHARS_UNCASED = 24  # a sentence in Chinese, Japanese or Korean, whose words spaces do not count
# words every English paragraph shares with any headline: no evidence of an echo
SMALL_WORDS = frozenset("""a an the of to in on at by for from with and or but as is are was were be been has have
had it its this that these those which who not no into than then there their they we our he she his her i
""".split())
NOTICE_OPENERS = "【〔[［("
LIST_MARK = re.compile(r"^(?:[-*•]|\d{1,3}[.)])\s+")


def uncased(text: str) -> bool:
    """Letters, none of them cased: Korean, Japanese, Chinese (where capitals and spaces tell nothing)."""
    return any(c.isalpha() for c in text) and not any(c.isupper() or c.islower() for c in text)


def prose(text: str) -> bool:
    """The line reads as a sentence of running text: it ends as a sentence does, it is long, and many of its words
    are in lower case as a sentence's verbs and little words are (in a script without capitals: long enough,
    with no separator of a menu)."""
    if SENTENCE_END.search(text[-8:]) is None:
        return False
    body = LIST_MARK.sub("", text) if text[:1] in "-*•0123456789" else text
    if uncased(body):
        return (len(body) >= PROSE_MIN_CHARS_UNCASED and not any(c in body for c in "|·•›»")
                and body[:1] not in NOTICE_OPENERS)  # "【版权声明】…": a notice under its bracketed head
    words = body.split()
    if len(words) < PROSE_MIN_WORDS:
        return False
    lower = sum(w[:1].islower() for w in words)  # a sentence's verbs and little words, in any cased language
    return lower >= PROSE_MIN_LOWER_WORDS and lower >= PROSE_LOWER_SHARE * len(words)


def keep_prose(content: list[Line]) -> list[Line]:
    """Lines a shape signal took that read as sentences of the article: no label, button or figure is one."""
    return [ln for ln in content if ln.rule in SHAPE_RULES and prose(ln.sq)]


GREETING = re.compile(r"(?i)^(?:dear|hello|hi|hey) \w+(?: \w+){0,3},$")  # "Dear friends,", "Dear county party secretaries,"
LETTER_RULES = frozenset({"letter-furniture", "interface-line", "bottom-label", "bottom-aside", "site-header", "byline-name"})
LETTER_PARAGRAPH_MIN_WORDS = 12
CLOSING_MAX_WORDS = 5  # "More next week.", "With warm wishes,", "See you in March!"
SIGNATURE_MAX_WORDS = 3  # "Anna", "The board", "Kim Min-ji"


def letter_frame(content: list[Line]) -> list[Line]:
    """A letter's frame: its greeting right above a paragraph of the letter ("Dear friends,"), and, in a
    letter so greeted, the closing and the signature right under its last paragraph ("More next week.",
    then "Anna", or the name alone). Read alone, each is a newsletter's furniture; around the letter's own text they are its
    first and last lines. A greeting above a headline (a digest's "Hi there," over its first story) is not one."""
    greetings = [ln for ln in content if (ln.rule is None or ln.rule in LETTER_RULES) and ln.sq[-1:] == "," and GREETING.match(ln.sq)
                 and _opens_paragraph(ln, content)]
    if not greetings:
        return []
    found = [ln for ln in greetings if ln.rule is not None]
    last = max((ln.pos for ln in content if ln.rule is None and ln.pos > greetings[0].pos), default=None)
    if last is None:
        return found
    if _closing(content[last].sq) and last > 0 and content[last - 1].rule is None and _ends_sentence(content[last - 1].sq):
        at = last  # the closing was kept ("With warm wishes,"): only the name under it is left to look at
    elif _ends_sentence(content[last].sq):
        closing = content[last + 1] if last + 1 < len(content) else None
        if closing is not None and closing.rule in LETTER_RULES and _closing(closing.sq):
            found.append(closing)
            at = last + 1
        else:
            at = last  # signed with no closing line: the name right under the last paragraph
    else:
        return found
    signature = content[at + 1] if at + 1 < len(content) else None
    if signature is not None and signature.rule in LETTER_RULES and _signature(signature.sq):
        found.append(signature)
    return found


def _opens_paragraph(ln: Line, content: list[Line]) -> bool:
    nxt = next_line(ln, content)
    return (nxt is not None and nxt.rule is None and _ends_sentence(nxt.sq)
            and len(nxt.sq.split()) >= LETTER_PARAGRAPH_MIN_WORDS)


def _ends_sentence(text: str) -> bool:
    return SENTENCE_END.search(text[-8:]) is not None or text.endswith(":")


def _closing(text: str) -> bool:
    return 0 < len(text.split()) <= CLOSING_MAX_WORDS and text[-1:] in ",.!" and text[:1].isupper()


def _signature(text: str) -> bool:
    """One to three words of a name, capitalised, with no figure and no stop ("Anna", "The board")."""
    words = text.lstrip("—–- ").split()
    return (0 < len(words) <= SIGNATURE_MAX_WORDS and words[0][:1].isupper() and text[-1:] not in ".!?:,;|"
            and not any(c.isdigit() for c in text))


FIGURE = re.compile(r"[-+−]?[$€£¥₩]?\d[\d.,]*%?")
TABLE_RULES = SHAPE_RULES - {"contents-list"}  # a signal for numbers, repeats or tags ("2021   57   261   318")
TABLE_MIN_FIGURES = 2
DIGIT = re.compile(r"\d")


def skeleton(text: str) -> tuple[str, int]:
    """The line with every figure replaced by one mark, and how many figures it had: rows of one table
    share the skeleton ("# | # | # | #"), whatever their values."""
    marked, n = FIGURE.subn("#", text)
    return marked, n


CELL_GAP = re.compile(r" {2,}|\t+| \| ")
TABLE_MIN_CELLS = 3


def cells(ln: Line) -> int:
    """How many cells the line is laid out in (columns set apart by runs of spaces, tabs or bars); 1: none."""
    core = ln.core.strip()
    if "  " not in core and "\t" not in core and "|" not in core:
        return 1
    return len(CELL_GAP.split(core))


def _same_layout(ln: Line, other: Line) -> bool:
    """Two rows of one table: the same skeleton of figures, or as many columns (three or more), each led by a
    figure (a post's header in columns, "asked Mar 4   user_name   1,203", is no row)."""
    shape = skeleton(ln.sq)
    if shape[1] >= TABLE_MIN_FIGURES and skeleton(other.sq) == shape:
        return True
    n = cells(ln)  # rows led by a year, a date or a number ("2021   57   261", "18 Sept   Cinema House   4 films")
    return n >= TABLE_MIN_CELLS and cells(other) == n and ln.sq[:1].isdigit() and other.sq[:1].isdigit()


def table_rows(content: list[Line]) -> list[Line]:
    """Rows of a table that a signal for numbers or repeats took ("2015 | 12.9 | 11.1", "2020-2025 38 (11.4) 97",
    "18 Sept   Cinema House   4 features"): a page number or a running footer holds one or two figures and
    stands alone between pages of text, while a table's row has a neighbour laid out as it is, with as many
    figures or as many columns."""
    found = []
    for ln in content:
        if ln.rule not in TABLE_RULES or DIGIT.search(ln.sq) is None:
            continue
        near = [content[i] for i in (ln.pos - 1, ln.pos + 1) if 0 <= i < len(content)]
        if any((c.rule is None or c.rule in TABLE_RULES) and _same_layout(ln, c) for c in near) or _heads_columns(ln, content):
            found.append(ln)
    return found


YEAR_CELL = re.compile(r"(?:1[89]|20)\d\d(?:[-–/]\d{2,4})?")


def _heads_columns(ln: Line, content: list[Line]) -> bool:
    """A table's header of years ("2023     2024     2025") over a row whose last cells, as many, are figures
    ("Real GDP growth (%)    3.1    3.7    3.7"): the years head the columns."""
    parts = CELL_GAP.split(ln.core.strip())
    below = next_line(ln, content)
    if len(parts) < 2 or not all(YEAR_CELL.fullmatch(p) for p in parts) or below is None:
        return False
    row = CELL_GAP.split(below.core.strip())
    return (below.rule is None or below.rule in TABLE_RULES) and len(row) in (len(parts), len(parts) + 1) and all(
        FIGURE.fullmatch(c) for c in row[-len(parts):])


SPEAKER = re.compile(r"^(?:[A-Z][\w.'’-]*(?: [\w.'’-]+){0,4})(?:, [A-Z][\w.'’ -]{1,30})?:$")  # "MODERATOR:", "ANNE MURRAY, HOST:"
SPEAKER_MIN_LABELS = 2


def speaker_labels(content: list[Line]) -> list[Line]:
    """Speakers' labels of a transcript or an interview, each on its own line above what the speaker said
    ("MODERATOR:", "ANNE MURRAY, HOST:", "Press Secretary Ogawa:"): read alone, a word and a colon; two or more
    of them, each over a sentence, are the text's."""
    labels = [ln for ln in content if ln.sq[-1:] == ":" and SPEAKER.match(ln.sq) and _over_sentence(ln, content)]  # (a line has no "\n" for $ to stop at)
    if len(labels) < SPEAKER_MIN_LABELS:
        return []
    return [ln for ln in labels if ln.rule in SHAPE_RULES]


def _over_sentence(ln: Line, content: list[Line]) -> bool:
    nxt = next_line(ln, content)
    return nxt is not None and nxt.rule is None and SENTENCE_END.search(nxt.sq[-8:]) is not None


ARTICLE_WORDS = re.compile(r"(?i)^(?:the|a|an) ")
SUBJECT_MAX_WORDS = 6
SUBJECT_MIN_CHARS = 3
SUBJECT_RULES = frozenset({"site-header"})


def subject_title(content: list[Line]) -> list[Line]:
    """A short line above the article that its first sentence opens with ("Chongjin", then "Chongjin is a port
    city …"; "Chollima Movement", then "The Chollima Movement was …"): the subject of an entry, its title,
    which a rule for site names took for being short. A site's name stands above its menu instead, and a
    category's word that only begins a longer name in the sentence ("Education", then "The Education
    Commission …") is not the subject; neither is a line with the site's navigation under it."""
    if not any(ln.rule in SUBJECT_RULES for ln in content):
        return []
    first = next((ln for ln in content if ln.rule is None and prose(ln.sq)), None)
    if first is None:
        return []
    opening = ARTICLE_WORDS.sub("", first.sq).casefold()
    found = []
    for ln in content[: first.pos]:
        if ln.rule not in SUBJECT_RULES:
            continue
        key = ARTICLE_WORDS.sub("", ln.sq).casefold()
        rest = first.sq[len(first.sq) - len(opening) + len(key):] if opening.startswith(key) else None
        if (rest is None or len(key) < SUBJECT_MIN_CHARS or len(key.split()) > SUBJECT_MAX_WORDS
                or not _continues_as_predicate(rest)):
            continue
        if any(is_navigation(c) and not page_tools(c) for c in content[ln.pos + 1 : first.pos]):
            continue  # a site's name over its menu ("Gyeonggi Province", then "Government | News | …")
        found.append(ln)
    return found[:1]


def _continues_as_predicate(rest: str) -> bool:
    """What follows the subject in the sentence: a verb or a clause (" is a …", ", also known as", " (KCU)"), not
    another capitalised word of a longer name."""
    if not rest:
        return False
    if rest[0] in ",(’'":
        return True
    return rest[0] == " " and rest[1:2].islower()



HEAD_RULES = frozenset({"infobox-row", "site-header"})
KEY_MIN_WORDS = 3  # "Running the Marathon: what to expect"; a field's label is one or two words ("Full name")
VALUE_MIN_WORDS = 5
YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d\b")  # "Letters from Pyongyang, 1948–1960": a title may name its years
SHARED_MIN_WORDS = 2
ECHO_PARAGRAPHS = 8  # a digest's title names its stories, which its paragraphs take up one by one
CONTENT_WORD = re.compile(r"[^\W\d_]{4,}")


def headline_over_body(content: list[Line]) -> list[Line]:
    """Headlines above the article that a rule for fields or site names took ("PRK at the Summer Olympics:
    medals by Games", "This week: a new bridge, a grain law and a long speech" read as a field and its value),
    sharing two words or more with the article's first paragraphs, with no navigation of the site between
    them and the text."""
    heads = [ln for ln in content if ln.rule in HEAD_RULES and _headline(ln.sq)]
    if not heads:
        return []  # most documents: nothing a field's or a name's rule took is written as a headline
    opening = list(islice((ln for ln in content if ln.rule is None and prose(ln.sq)), ECHO_PARAGRAPHS))
    if not opening:
        return []
    first = opening[0]
    body = {w.casefold() for ln in opening for w in CONTENT_WORD.findall(ln.sq)} - SMALL_WORDS
    found = []
    for ln in heads:
        if not 0 < ln.pos < first.pos:
            continue
        shared = {w.casefold() for w in CONTENT_WORD.findall(ln.sq)} & body
        if len(shared) < SHARED_MIN_WORDS:
            continue
        if any(is_navigation(c) and not page_tools(c) for c in content[ln.pos + 1: first.pos]):
            continue
        found.append(ln)
    return found


def _headline(text: str) -> bool:
    """Written as a headline: either side of a colon reads as one (three words or more before it, or five or
    more after it, some in lower case as a headline's words are and a name's or a field's value's are not); no
    figures but a year (a row's count or date) and no separators of a menu or a trail."""
    key, colon, value = text.partition(": ")
    if not colon:
        return False  # most lines: no colon, no field
    if any(c.isdigit() for c in YEAR.sub("", text)) or any(c in text for c in "|·›»>/\t") or prose(text):
        return False
    key_words, value_words = key.split(), value.split()
    return ((len(key_words) >= KEY_MIN_WORDS and any(w[:1].islower() for w in key_words))
            or (len(value_words) >= VALUE_MIN_WORDS and any(w[:1].islower() for w in value_words)))


def given_back(content: list[Line]) -> list[Line]:
    """Every line these last looks give back to the article, once (see the functions above)."""
    found: dict[int, Line] = {}
    for ln in (keep_prose(content) + letter_frame(content) + table_rows(content) + subject_title(content)
               + headline_over_body(content) + numbered_sequence(content) + people_list(content)
               + speaker_labels(content)):
        found.setdefault(ln.pos, ln)
    return [found[p] for p in sorted(found)]


ORDINAL = re.compile(r"^(?P<n>\d{1,2})[.)] \S")
SEQUENCE_RULES = SHAPE_RULES - {"contents-list"}


def numbered_sequence(content: list[Line]) -> list[Line]:
    """Numbered lines that carry on the article's own numbering ("1. The new premier" and "2. The grain law"
    kept, "3. The speech" read as buttons): the next number of a sequence the text has begun is the text's."""
    kept = {int(m["n"]) for ln in content if ln.rule is None and ln.sq[:1].isdecimal() and (m := ORDINAL.match(ln.sq))}  # (\d: isdecimal)
    found = []
    for ln in content:
        m = ORDINAL.match(ln.sq) if ln.rule in SEQUENCE_RULES else None
        if m is not None and int(m["n"]) - 1 in kept and int(m["n"]) - 1 > 0:
            kept.add(int(m["n"]))
            found.append(ln)
    return found


NAME_RULES = frozenset({"byline-name"})
LIST_HEAD_RULES = frozenset({"bottom-label", "site-header", "interface-line"})
LIST_HEAD_MAX_WORDS = 4


def people_list(content: list[Line]) -> list[Line]:
    """Two or more names with what each person is, line under line ("Choe Sang-gon, engineer", then "Ri Yong-sun,
    computer scientist"), and the short heading over them ("Notable alumni"): a list of the text's, as a cast or a
    team is. A byline names the article's authors once, on one line."""
    found: list[Line] = []
    names = [ln.pos for ln in content if ln.rule in NAME_RULES]
    if len(names) < 2:
        return found  # most documents: one byline at most
    i = 0
    while i < len(content):
        j = i
        while j < len(content) and content[j].rule in NAME_RULES and ", " in content[j].sq:
            j += 1
        if j - i >= 2:
            head = content[i - 1] if i > 0 else None
            if (head is not None and head.rule in LIST_HEAD_RULES and len(head.sq.split()) <= LIST_HEAD_MAX_WORDS
                    and head.sq[-1:] not in ".!?,;"):
                found.append(head)
            found += content[i:j]
        i = max(j, i + 1)
    return found
