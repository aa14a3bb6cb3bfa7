"""General signals for page furniture that no phrase list names: lines made only of interface words, timestamps,
page numbers, and lines a page repeats. These generalise to sites the catalogue has never seen."""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from .catalogue import LINE_MEMO
from .dates import parse_date
from .fast import has_digit
from .intl import CALENDAR_WORDS, INTERFACE_WORDS, SECTION_WORDS as SECTION_WORDS_INTL

# Words of site interfaces. A line made only of these (with numbers, dates and separators) is furniture.
INTERFACE = frozenset("""
home about contact archive archives search menu login logout signin signup register subscribe subscribed
subscribers subscription unsubscribe share shares shared sharing tweet tweets email e-mail mail print pdf
facebook twitter x telegram whatsapp vk vkontakte linkedin reddit pinterest instagram youtube tiktok weibo
mastodon threads bluesky like likes liked dislike reply replies replied quote quoted comment comments commented
report permalink link links copy copied views view viewed follow followers following top back next previous prev
older newer post posts page pages more read min mins minute minutes listen play pause audio video videos watch
photo photos image images gallery slideshow download app apps accept reject cookies cookie settings preferences
close skip content toggle navigation nav rss feed feeds atom tags tag categories category edit save saved
bookmark bookmarks notes reblog reblogged retweet retweets repost reposts translate translation language languages
select english korean chinese russian japanese french spanish german arabic updated published posted
sponsored promoted advertisement ads ad newsletter account profile joined member members online offline
upvote upvotes downvote points votes vote score sort best newest oldest expand collapse show hide loading
forwarded channel join clap claps min-read listen-to-this-article open close ☰ ✕ emoji react reactions
sign log password username user remember me forgot account accounts member subscriber subscribers paid free now
already enter your address inbox up out get access unlimited continue reading edit edits edited modified created
last first moderator guest guests bot online thread threads topic topics forum
forums board index reply-to restack restacks recommend recommended trending popular latest new main explore
community wiki wikis fandom talk discussion discussions submit send cancel faq terms privacy
help status careers blog teams speech users created
policy policies cookie-settings manage consent necessary analytics marketing close-menu open-menu
times mp3 mp4 amp version rate send transcript captions subtitles fullscreen mute volume speed
article articles unread preview player estimated hits friendly click tap scroll sitemap donate advertise careers notifications
favourites favorites increase decrease reset contrast font accessibility podcast podcasts mobile desktop
logged browser enlarge zoom typo downloads premiered boosts boosted asked answered viewed
embed load web create clip helpful submitted faves fave favs quotes website
""".split()) | INTERFACE_WORDS
FILLER = frozenset("a an the of to in on at by for and or with via this that it your you our my all is are was be".split())
MONTH_OR_DAY = frozenset("""january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday
mon tue tues wed thu thurs fri sat sun am pm a.m. p.m. kst utc gmt bst cet cest est edt pst pdt jst msk
hkt aedt aest acst awst sgt wib pht cdt cst mdt mst nzst nzdt eet eest
today yesterday hours hour days day weeks juche
week months month years year seconds second ago""".split()) | CALENDAR_WORDS
WORD = re.compile(r"[^\W_][\w'’.-]*")
NUMBERISH = re.compile(
    r"^[\d.,:/+\-–—#%kKmM]+$|^[\d.,]+(st|nd|rd|th|k|K|m|M|[smhdwyx]|hr|hrs|min|mins)\.?$"
    r"|^\d{4}-\d{2}-\d{2}t[\d:.]+(z|[+-]\d{2}:?\d{2})?$"  # ISO 8601 date-times
    r"|^\d{4}年\d{1,2}月(\d{1,2}日)?$|^juche\d+$"  # East Asian dates; the Juche calendar's years
    r"|^\d{1,2}-[a-z]{3}-\d{2,4}$"  # "05-jun-2024"
    r"|^\d{1,4}(년|월|일|시|분)$|^\d{1,2}(:\d{2})?(am|pm)$"  # Korean dates ("2025년 12월 29일"); "6:02pm"
)
HANDLE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)+")  # a user name ("harbour_watch"): furniture of a post
ISO_DATETIME = re.compile(r"\b\d{4}-\d{2}-\d{2}t\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?\b")  # colons would split it
DOMAIN = re.compile(r"(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|kp|kr|cn|ru|jp|info|io|co|uk|de|fr)")  # a site's address
NUMBERED_HEAD = re.compile(r"(?i)^(article|chapter|section|part|clause)\s+[\divx]+\b")
# A numbered section of the text standing alone ("Verse 2", "Chapter 3", "Step 4", "Round 1"): each repeats the
# others but for its number, as a running head does, yet it heads what follows it.
NUMBERED_SECTION = re.compile(
    r"(?i)^(?:article|chapter|section|part|clause|verse|stanza|chorus|refrain|act|scene|step|stage|round|day|lesson|"
    r"question|q|episode|movement)\s+(?:\d{1,3}|[ivx]{1,5})[.:]?$")
PAGE_NUMBER = re.compile(r"^(?:[-–—]\s*)?(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?(?:\s*[-–—])?$", re.I)
MAX_WORDS = 12
HEADING_WORDS = frozenset("""notes transcript references summary introduction conclusion conclusions background
methods results sources bibliography appendix acknowledgements acknowledgments abstract""".split())
YEAR = re.compile(r"^(1[89]|20)\d\d(\s*[-–—]\s*((1[89]|20)\d\d|\d\d))?s?$")
QUESTION = re.compile(r"^(and|but|so|or|what|why|how|who|when|where|which|is|are|do|does|did|can|could|will|would)\b.*\?$", re.I)
# A sentence's last mark, with the closing quotes and brackets that may follow it; the full stops of Chinese and
# Japanese text too ("。"), whose paragraphs have no spaces to count words by.
SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’)\]」』）]*$")


def kind_of(line: str) -> str | None:
    """'timestamp', 'interface', 'page-number' or 'separator' when every token of the line is of that sort; else None."""
    text = line.strip()
    if not text or len(text) > 120 or text.count(" ") > 2 * MAX_WORDS:
        return None
    return _kind_of(text)


@lru_cache(maxsize=LINE_MEMO)  # site furniture repeats from page to page; only short lines get here
def _kind_of(text: str) -> str | None:
    if YEAR.match(text):
        return None  # "1956", "1959–1961": a year heading of a chronology, not a page number
    if PAGE_NUMBER.match(text):
        return "page-number"
    if NUMBERED_HEAD.match(text):
        return None  # "Article 1" of a law, "Chapter 3": a heading of the text, not the site's interface
    words = WORD.findall(ISO_DATETIME.sub("0", text.casefold()))  # emoji, symbols and separators are not words
    if not words:
        return "separator" if len(text) >= 2 else None
    dates = interface = 0
    named = 0  # words other than numbers: counts and times do not make a line long ("14 replies   1.2k views")
    for w in words:
        if NUMBERISH.match(w):
            continue
        named += 1
        if named > MAX_WORDS:
            return None
        if w in FILLER:
            continue
        if w in MONTH_OR_DAY or w.strip(".") in MONTH_OR_DAY:  # "May." as well as "a.m."
            dates += 1
        elif w.strip(".") in INTERFACE or DOMAIN.fullmatch(w) or HANDLE.fullmatch(w):
            interface += 1
        elif w[-1].isdigit() and w.rstrip("0123456789") in INTERFACE:
            interface += 1  # a button glued to its count ("Facebook0", "views0")
        else:
            return None
    if text.casefold().rstrip(":") in HEADING_WORDS:
        return None  # "Notes", "Transcript" alone on a line: a heading of the text, not a button
    if QUESTION.match(text):
        return None  # "And now?": an interviewer's question, however few its words
    if len(words) >= 4 and SENTENCE_END.search(text) and any(w.isalpha() and w not in MONTH_OR_DAY for w in words):
        return None  # a sentence, however plain its words (a date such as "Juche 113 (2024) 9. 8." is none)
    if interface:
        return "interface"
    if dates and any(c.isdigit() for c in text):
        return "timestamp"
    return "page-number" if all(NUMBERISH.match(w) for w in words) else None


def timestamp_value(line: str) -> str | None:
    """The line as a date fact when it holds a date with a year (interface lines such as "Posted on 8 April
    2024 by admin" included)."""
    parsed = parse_date(line)
    return line.strip() if parsed and not parsed[0].startswith("--") else None


BREADCRUMB_SEPARATORS = re.compile(r"\s*(?:>>|»|›|⟩|‹|→|::|>|/|\\|•|·|\|)\s*")
BREADCRUMB_MARK = re.compile(r"[»›⟩‹→:>/\\•·|]")  # in every separator: a line without one is no trail
BREADCRUMB_START = re.compile(r"(?i)^(home|index|forums?|board index|pages|main|start|trace:|you are here:?)\b")


def is_breadcrumb(line: str) -> bool:
    """A trail of short items joined by a separator ("Home ⟩ Society ⟩ Health", "Forum > Korea > Transport")."""
    text = line.strip()
    if not text or len(text) > 160 or text[-1] in ".!?" or BREADCRUMB_MARK.search(text) is None:
        return False
    parts = [p for p in BREADCRUMB_SEPARATORS.split(text) if p.strip()]
    seps = BREADCRUMB_SEPARATORS.findall(text)
    if len(parts) < 2 or len({s.strip() for s in seps}) != 1 or any(len(p.split()) > 5 for p in parts):
        return False
    return len(parts) >= 3 or bool(BREADCRUMB_START.match(text)) or seps[0] in PAIR_SEPARATORS


PAIR_SEPARATORS = frozenset({" › ", " » ", " > ", " ⟩ "})  # "Obituaries › 2025": an arrow joins a trail of two, never prose


COLUMNS = re.compile(r"\S(?: {2,}|\t+)\S")


def is_column_row(line: str) -> bool:
    """Items laid out in columns (two or more gaps of several spaces): a menu bar or a widget row."""
    text = line.strip().removesuffix("...").removesuffix("…")
    if "  " not in text and "\t" not in text:
        return False  # no gap of two spaces or a tab: no columns (and no scan of a long paragraph)
    return len(COLUMNS.findall(text)) >= 2 and text[-1:] not in ".!?" and all(
        len(item.split()) <= 4 for item in re.split(r" {2,}|\t+", text))


# Names of a site's sections, as its menu bar lists them ("Reviews Features Festivals Podcast Newsletter").
SECTION_WORDS = frozenset("""
news sport sports business opinion opinions culture features feature reviews review festivals topics regions
commentary data research publications events programs programmes projects experts analysis insights media press
jobs homes motors lifestyle travel world politics economy science tech technology health education entertainment
arts books film films music obituaries weather local national international magazine issues columns interviews
essays explainers stories series shop store donate membership
law crime environment climate defence defense diplomacy security society photography broadcasting policy calendar
markets property food style games puzzles crosswords investigations newsletters archives asia europe americas africa
""".split()) | SECTION_WORDS_INTL
MENU_LOWER_WORDS = frozenset("we are us and & of".split())
MENU_MIN_WORDS = 4
MENU_SHARE = 0.6


def is_word_menu(line: str) -> bool:
    """A menu bar written as plain words ("Reviews Features Festivals Podcast Newsletter", "Topics Regions
    Commentary Podcasts Data Who we are"): capitalised words with no sentence's mark, most of them names of
    a site's sections or its interface."""
    words = line.split(None, MAX_WORDS)  # all of them when there are few enough (a paragraph is not split whole)
    if not MENU_MIN_WORDS <= len(words) <= MAX_WORDS or line[-1] in ".!?:,;" or has_digit(line):
        return False
    named = 0
    for w in words:
        low = w.casefold()
        # Scripts without capitals ("政治  経済"), and the second syllable of a Vietnamese name ("Thời sự"), pass.
        if not w[0].isupper() and low not in MENU_LOWER_WORDS and (w[0].islower() and low not in SECTION_WORDS_INTL and low not in INTERFACE_WORDS):
            return False
        named += low in SECTION_WORDS or low in INTERFACE
    return named >= MENU_SHARE * len(words)


DIGITS = re.compile(r"\d+")


def masked(line: str) -> str:
    """A (squashed) line with its digits masked, so "Page 3" and "Page 4" count as the same repeated line."""
    return _masked(line) if len(line) <= 120 else ""


@lru_cache(maxsize=LINE_MEMO)  # the same lines recur on every page of a site
def _masked(line: str) -> str:
    return DIGITS.sub("#", line.casefold())


def repeated_lines(masks: list[str]) -> frozenset[str]:
    """Masked forms of short lines that occur two or more times in one document."""
    counts = Counter(m for m in masks if m)
    return frozenset(k for k, n in counts.items() if n >= 2)
