"""General signals for page furniture that no phrase list names: lines made only of interface words, timestamps,
page numbers, and lines a page repeats. These generalise to sites the catalogue has never seen."""
from __future__ import annotations

import re
from collections import Counter

from .dates import parse_date

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
forwarded channel join clap claps min-read listen-to-this-article open close ☰ emoji react reactions
""".split())
FILLER = frozenset("a an the of to in on at by for and or with this that it your you our my all is are was be".split())
MONTH_OR_DAY = frozenset("""january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday
mon tue tues wed thu thurs fri sat sun am pm a.m. p.m. kst utc gmt today yesterday hours hour days day weeks
week months month years year seconds second ago""".split())
TOKEN = re.compile(r"[\w][\w'’.-]*|[^\w\s]")
NUMBERISH = re.compile(r"^[\d.,:/+\-–—#%kKmM]+$|^\d+(st|nd|rd|th|k|K|m|M)$")
SEPARATORS = frozenset("| » › → ← · • / - – — : , . ( ) [ ] * ☰ ♥ ❤ 👍 ✓ > < + = & @ # ! ?".split())
PAGE_NUMBER = re.compile(r"^(?:[-–—]\s*)?(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?(?:\s*[-–—])?$", re.I)
MAX_WORDS = 12
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")


def kind_of(line: str) -> str | None:
    """'timestamp', 'interface' or 'page-number' when every token of the line is of that sort; else None."""
    text = line.strip()
    if not text or len(text) > 120:
        return None
    if PAGE_NUMBER.match(text):
        return "page-number"
    tokens = TOKEN.findall(text.casefold())
    words = [t for t in tokens if t not in SEPARATORS]
    if not words or len(words) > MAX_WORDS:
        return None
    dates = interface = 0
    for w in words:
        if NUMBERISH.match(w) or w in FILLER:
            continue
        if w in MONTH_OR_DAY:
            dates += 1
        elif w.strip(".") in INTERFACE:
            interface += 1
        else:
            return None
    if len(words) >= 4 and SENTENCE_END.search(text):
        return None  # a sentence, however plain its words
    if interface:
        return "interface"
    if dates and any(c.isdigit() for c in text):
        return "timestamp"
    return "page-number" if all(NUMBERISH.match(w) for w in words) else None


def timestamp_value(line: str) -> str | None:
    parsed = parse_date(line)
    return line.strip() if parsed else None


def masked(line: str) -> str:
    """A line with its digits masked, so "Page 3" and "Page 4" count as the same repeated line."""
    return re.sub(r"\d+", "#", " ".join(line.split()).casefold())


def repeated_lines(lines: list[str]) -> frozenset[str]:
    """Masked forms of short, sentence-less lines that occur two or more times in one document."""
    counts = Counter(masked(t) for t in lines if t.strip() and len(t) <= 120)
    return frozenset(k for k, n in counts.items() if n >= 2)
