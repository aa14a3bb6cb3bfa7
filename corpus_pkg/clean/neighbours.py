"""Neighbourhood signals: what a line is, judged by the lines around it as much as by its own words.

Debris comes in clusters at a page's top and bottom edges. A line that names nothing by itself (a site name,
a tag chip, a user's bio, a signature, a later post of a thread) is debris when it stands inside such a
cluster: navigation right under it, debris above and below it, nothing but debris down to the page's end.
None of these signals reaches past the first sentence of the article at the top or above its last long
paragraph at the bottom, so they never remove a line from the middle of the body.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable

from . import furniture

if TYPE_CHECKING:
    from .structure import Line

# A row whose key says its value is the page's title: forum and wiki thread pages ("Thread: Metro stations").
TITLE_ROW = re.compile(r"^(?:Thread|Topic|Subject|Board Thread)\s*:\s*(?P<value>\S.{4,})$")
FUNCTION_WORDS = frozenset("a an and as at by for from in into of on or the to with".split())  # "the rice, the fields": verse
SENTENCE_END = furniture.SENTENCE_END
LIST_ITEM = re.compile(r"^(?:[-*•]|\d{1,3}[.)])\s+\S")
NAME_SEPARATOR = re.compile(r" [—–·|] ")  # between a site's name and its tagline or section
SITE_NAME_MAX_WORDS = 8  # "Embassy of the Democratic People's Republic of Korea"; a title is seldom followed by a menu and then another headline
TAGLINE_MAX_WORDS = 10  # "Essays on art and life in Pyongyang", between a blog's name and its menu
LABEL_MAX_WORDS = 6  # "Report an accessibility problem", "5 comments Leave a comment": links, not a sentence
HEADLINE_VALUE_MIN_WORDS = 5
INTRO_MIN_WORDS = 8  # "The national championship ended on Friday. The winners were:"
ASIDE_MAX_WORDS = 20  # a bio, a signature or a one-line post; an article's closing paragraph is longer or follows text
ASIDE_MIN_DEBRIS_ABOVE = 2
ARTICLE_MIN_WORDS = 10  # a sentence this long above the debris is the article the aside follows
# Rules that name navigation: what stands between a site's name and the article's title.
NAV_RULES = frozenset({
    "menu", "menu-columns", "breadcrumb", "breadcrumb-trail", "social-follow", "result-count", "archive-header",
    "menu-home", "menu-words",
})
# Interface words that belong to a site's header rather than to an article's toolbar (share, print, like).
NAV_WORDS = frozenset("""
home menu search login log sign signin signup register subscribe subscribers subscription channel join preview
unread navigation skip explore forum forums index board archive archives about contact sections app account
members followers feed feeds rss
""".split())
# Debris placed inside an article's body by design: it says nothing about where the article ends.
INTERSTITIAL_RULES = frozenset({"advertisement", "sponsored-block", "photo-credit"})
# Rules for the furniture of a post (its author, its time, its signature, its comment box): text right under
# such furniture, below the article, is another post, a bio or a signature, not the article.
POST_RULES = frozenset({
    "username", "timestamp", "byline", "byline-name", "byline-loose", "forum-thread", "social-follow",
    "wordpress-comment-form", "author-box", "doc-comments",
})
POST_WORDS = frozenset("""views viewed likes liked followers following subscribers replies reply comments edited posted joined
members posts reactions points ago""".split())
HANDLE = re.compile(r"(?<![\w@])@?[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b|\bu/[\w-]{2,30}")
COLUMNS = re.compile(r"\S(?: {2,}|\t+)\S.*\S(?: {2,}|\t+)\S")
SIGNATURE_RULE = re.compile(r"_{3,}")
CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b")

Predicate = Callable[["Line"], bool]
RuleOf = Callable[["Line"], "str | None"]  # the rule a line has, or would get at this edge (None: not debris)


def words(text: str) -> list[str]:
    """Words as a reader counts them: tokens with a letter or digit ("Asia - Korea" has two)."""
    return [w for w in text.split() if any(c.isalnum() for c in w)]


def _is_sentence(text: str) -> bool:
    return SENTENCE_END.search(text[-8:]) is not None


def is_navigation(ln: Line) -> bool:
    """A line of a site's header: a menu, a breadcrumb, a log-in or subscribe button, a subscriber count."""
    if ln.rule == "social-follow":
        return any(c.isdigit() for c in ln.sq)  # a channel's subscriber count, not a "Follow" button under a title
    if ln.rule in ("menu-columns", "breadcrumb-trail"):  # laid out like a menu; a byline row has dates
        return not any(c.isdigit() for c in ln.sq)
    if ln.rule in NAV_RULES:
        return True
    if ln.rule is None and (furniture.is_column_row(ln.core) or furniture.is_breadcrumb(ln.sq)) and not ln.furniture:
        return not any(c.isdigit() for c in ln.sq)
    if ln.rule in (None, "interface-line") and ln.furniture == "interface":
        return any(w.strip(".:") in NAV_WORDS for w in re.findall(r"[\w.:-]+", ln.sq.casefold()))
    return False


def site_name(ln: Line, content: list[Line], candidates: list[Line], nav: Predicate) -> list[Line]:
    """A short name above navigation above the title ("The Pyongyang Times", then a menu, then the headline),
    with its tagline if one stands between the name and the navigation; empty when there is none.

    The name must be the first line of the page that could be a title, with another line that could be the
    title below the navigation, before the article's first sentence.
    """
    text = ln.sq
    prev = content[ln.pos - 1] if ln.pos > 0 else None
    after_name = prev is not None and any(prev is c for c in candidates) and len(words(prev.sq)) <= 2  # a tagline under a short name
    parts = NAME_SEPARATOR.split(text, maxsplit=1)  # "NK Terms — a glossary of political words": name, then tagline
    if len(parts) == 2 and len(words(parts[0])) <= SITE_NAME_MAX_WORDS and len(words(parts[1])) <= TAGLINE_MAX_WORDS:
        text = parts[0]
    if len(words(text)) > (TAGLINE_MAX_WORDS if after_name else SITE_NAME_MAX_WORDS) or _is_sentence(text) or LIST_ITEM.match(text):
        return []
    header = [ln]
    nxt = content[ln.pos + 1] if ln.pos + 1 < len(content) else None
    if nxt is not None and any(nxt is c for c in candidates) and not nxt.furniture and not nav(nxt):  # a tagline
        if len(words(nxt.sq)) > TAGLINE_MAX_WORDS or _is_sentence(nxt.sq) or LIST_ITEM.match(nxt.sq):
            return []
        header.append(nxt)
        nxt = content[nxt.pos + 1] if nxt.pos + 1 < len(content) else None
    if nxt is not None and len(header) == 1 and (
            nxt.rule == "username" or (nxt.rule == "social-follow" and any(c.isdigit() for c in nxt.sq))):
        return header  # a channel's name above its handle or subscriber count, whether or not its post has a title
    if nxt is None or not nav(nxt):
        return []
    title_below = any(c.start > nxt.start and not c.furniture and not c.rule for c in candidates)
    return header if title_below else []


def dated_before(ln: Line, content: list[Line]) -> bool:
    """A date line stands above this one: the article's head has begun (a site's name comes before its dates)."""
    return any("date" in c.facts for c in content[: ln.pos])


def chip(ln: Line, content: list[Line], debris: Predicate) -> bool:
    """One or two words under the title with debris right below (a section chip, "Details", a category)."""
    text = ln.sq
    if len(words(text)) > 2 or _is_sentence(text) or LIST_ITEM.match(text) or text.endswith(":"):
        return False
    nxt = content[ln.pos + 1] if ln.pos + 1 < len(content) else None
    return nxt is not None and debris(nxt)


def _debris_run_above(ln: Line, content: list[Line], rule_of: RuleOf) -> list[tuple[Line, str]]:
    """The lines right above this one that look like debris, with their rules (interstitials such as ads end the run)."""
    run: list[tuple[Line, str]] = []
    for above in reversed(content[: ln.pos]):
        rule = rule_of(above)
        if rule is None or rule in INTERSTITIAL_RULES:
            break
        run.append((above, rule))
    return run


def _article_sentence(ln: Line) -> bool:
    """A line of the article above the debris: kept so far, a sentence, and long enough not to be a headline."""
    return ln.rule is None and _is_sentence(ln.sq) and len(ln.sq.split(None, ARTICLE_MIN_WORDS)) >= ARTICLE_MIN_WORDS


def signature_separator(ln: Line) -> bool:
    """The separator above a signature ("--", "____"); a scene break ("***", "---") is not one."""
    return ln.sq in ("--", "—") or SIGNATURE_RULE.fullmatch(ln.sq) is not None


def post_header(ln: Line, rule: str | None) -> bool:
    """A post's header: a user name, alone or with the post's time ("dock_counter 3 hours ago")."""
    return rule in ("username", "reply-lines") or (ln.furniture in ("interface", "timestamp") and HANDLE.search(ln.sq) is not None)


def post_furniture(ln: Line, rule: str | None) -> bool:
    """A post's author, time, counts or signature (not a related-links list, a table or a gallery counter)."""
    if COLUMNS.search(ln.core.strip()):
        return False  # laid out in columns: a table row ("April 25   9   1   0") or a menu
    if rule in POST_RULES or ln.furniture == "timestamp" or signature_separator(ln):
        return True
    if ln.furniture in ("interface", "page-number"):
        text = ln.sq.casefold()
        return CLOCK.search(text) is not None or any(w in POST_WORDS for w in re.findall(r"\w+", text))
    return False


def bottom_label(ln: Line, content: list[Line], debris: Predicate) -> bool:
    """A short link-like line in the bottom cluster: one or two words anywhere below the text (tag chips), up to
    six when the line above is debris too ("Report an accessibility problem"), unless that debris is an
    interstitial such as a photo credit (then the line may be a caption)."""
    text = ln.sq
    if _is_sentence(text) or LIST_ITEM.match(text) or ln.gap_before >= 2 or ln.suffixes:
        return False
    n = len(words(text))  # after the cheap tests: the last line is often a long paragraph
    if n == 0:
        return False
    if n <= 2 or tag_list(text) or tag_chips(text):
        return True
    if n > LABEL_MAX_WORDS or ln.pos == 0:
        return False
    above = content[ln.pos - 1]
    if above.rule in INTERSTITIAL_RULES:
        return False
    return debris(above) or (len(words(above.sq)) <= 2 and not _is_sentence(above.sq))


def bottom_aside(ln: Line, content: list[Line], rule_of: RuleOf) -> bool:
    """A short passage inside the bottom cluster: debris all the way below (the caller walks up from the end),
    and right above it a signature's separator ("--", "____") or a run of debris that holds a post's
    furniture (a user name, a time, a view count). An article's closing paragraph may follow related links,
    a table or a gallery's controls, but not the furniture of a post."""
    text = ln.sq
    if len(text.split(None, ASIDE_MAX_WORDS)) > ASIDE_MAX_WORDS or LIST_ITEM.match(text) or ln.pos == 0 or ln.suffixes:
        return False
    run = _debris_run_above(ln, content, rule_of)
    top = run[-1][0].pos if run else ln.pos
    if not any(_article_sentence(c) for c in content[:top]):
        return False  # no article above: this is the first post, not a later one
    if run and run[0][0].furniture == "timestamp" and CLOCK.search(run[0][0].sq) is None and not (
            len(run) > 1 and post_header(run[1][0], run[1][1])):
        return False  # under a day's date with no author above it: the page's next dated entry, as the article was
    if run and signature_separator(run[0][0]):
        return True
    if run and post_header(run[0][0], run[0][1]):
        return True  # right under "dock_counter 3 hours ago": a reply
    return len(run) >= ASIDE_MIN_DEBRIS_ABOVE and any(post_furniture(r, rule) for r, rule in run)


TAG_CHIP = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def tag_chips(text: str) -> bool:
    """Three to six tags side by side, in lower case with no punctuation ("orthography north-korean hangul"):
    no sentence has only such words and none of the little words of a sentence."""
    items = text.split()
    return (3 <= len(items) <= LABEL_MAX_WORDS and all(TAG_CHIP.fullmatch(i) for i in items)
            and not any(i in FUNCTION_WORDS for i in items))


def tag_list(text: str) -> bool:
    """Three or more short items joined by commas, no sentence ("trade, economy, DPRK"): a list of tags."""
    items = [i.strip() for i in text.split(",")]
    return (len(items) >= 3 and all(0 < len(words(i)) <= 3 and i.split()[0].casefold() not in FUNCTION_WORDS for i in items)
            and not _is_sentence(text) and text[-1:] not in ",;:")


# "46    SONG JI-HO", "SONG JI-HO    47"; or (group c) an author and a short title: "JANG — REGIONAL LIGHT INDUSTRY"
RUNNING_HEAD = re.compile(r"^(?:\d{1,4}(?: {2,}|\t+)(?P<a>[A-Z][A-Z .,'’-]{2,60})|(?P<b>[A-Z][A-Z .,'’-]{2,60}?)(?: {2,}|\t+)\d{1,4}"
                          r"|(?P<c>[A-Z][A-Z .,'’-]{1,40} [—–|] [A-Z][A-Z .,'’-]{2,60}))$")


PAGE_DEBRIS = ("page-number", "repeated-line")


def running_head(ln: Line, content: list[Line]) -> bool:
    """A printed page's head: a name in capitals and a page number set apart in columns ("46    SONG JI-HO"),
    next to other page-break debris (a page number, a footer); or an author's name and a short title in
    capitals ("JANG — REGIONAL LIGHT INDUSTRY") inside a page break, the paragraph above cut off mid-sentence."""
    text = ln.core.strip()
    m = RUNNING_HEAD.match(text)
    if m is None:
        return False
    if m["c"]:
        if len(words(text)) > 8:
            return False
        near = [content[i] for i in (ln.pos - 1, ln.pos + 1) if 0 <= i < len(content)]
        if not any(c.rule in PAGE_DEBRIS or c.furniture == "page-number" or "#" in c.mask for c in near):
            return False
        repeated = furniture.repeated_lines([c.mask for c in content])

        def page_debris(c: Line) -> bool:  # a page number, or a header or footer the document repeats
            return c.rule in PAGE_DEBRIS or c.furniture == "page-number" or ("#" in c.mask and c.mask in repeated)

        above = next((c for c in reversed(content[: ln.pos]) if not page_debris(c)), None)
        cut = above is not None and above.rule is None and above.sq[-1:].isalnum()
        return cut and any(page_debris(c) for c in near)
    if len(words(m["a"] or m["b"])) > 6:
        return False
    near = [content[i] for i in (ln.pos - 1, ln.pos + 1) if 0 <= i < len(content)]
    return any(c.rule in PAGE_DEBRIS or c.furniture == "page-number" for c in near)


def introduces_list(text: str) -> bool:
    """A long line ending in a colon ("The winners were:"): the body's first sentence, leading into a list."""
    return text.endswith(":") and len(text.split()) >= INTRO_MIN_WORDS


CONTENTS_HEAD = re.compile(r"^(?:Contents|Table of contents|On this page)(?: \[?(?:hide|show)\]?)?$", re.I)
CONTENTS_HEAD_MAX_CHARS = len("Table of contents [hide]")  # the longest line CONTENTS_HEAD matches
CONTENTS_ITEM = re.compile(r"^(?P<n>\d{1,2})(?:\.\d{1,2})*\.? [^\W\d_][^.!?]{0,60}$")


def contents_box(content: list[Line]) -> list[Line]:
    """A table of contents: its head and two or more numbered items under it, the first numbered 1."""
    found: list[Line] = []
    for i, ln in enumerate(content):
        if ln.rule or len(ln.sq) > CONTENTS_HEAD_MAX_CHARS or not CONTENTS_HEAD.match(ln.sq):
            continue
        items = []
        for nxt in content[i + 1:]:
            m = CONTENTS_ITEM.match(nxt.sq)
            if nxt.rule or m is None:
                break
            items.append((int(m["n"]), nxt))
        numbers = [n for n, _ in items]
        if len(items) >= 2 and numbers[0] == 1 and numbers == sorted(numbers):
            found += [ln] + [item for _, item in items]
    return found


def headline_value(value: str) -> bool:
    """The value of a "Key: value" line reads as a headline (five words or more, some in lower case), not as
    an infobox value (a name, a date, a number)."""
    ws = words(value)
    return len(ws) >= HEADLINE_VALUE_MIN_WORDS and sum(w[:1].islower() for w in ws) >= 2


def thread_title(candidates: list[Line], lone: set[int], header: Predicate) -> Line | None:
    """A lone row keyed Thread, Topic or Subject whose value reads as a headline, with only the site's header
    above it ("Korea Wiki", a menu, "Thread: Should the metro article list closed stations?"): the title."""
    for i, c in enumerate(candidates):
        m = TITLE_ROW.match(c.sq)
        if i in lone and m and headline_value(m["value"]):
            above = candidates[:i]
            return c if all(a.furniture or a.rule or header(a) for a in above) else None
    return None


TEASER_HEADLINE_MAX_WORDS = 15
TEASER_EXCERPT_MAX_WORDS = 80
DATE_SEPARATOR = re.compile(r"\s*[·|•—–]\s*")  # "March 21, 2024 · Agriculture"
DATE_LINE_MAX_CHARS = 80


def _date_line(ln: Line) -> bool:
    """A date on a line of its own, with a byline or labels at most ("March 21, 2024 · Agriculture")."""
    if "date" in ln.facts or ln.furniture == "timestamp" or ln.rule == "timestamp":
        return True
    if ln.rule is not None or len(ln.sq) > DATE_LINE_MAX_CHARS:
        return False
    if ln.furniture == "interface":
        return furniture.timestamp_value(ln.sq) is not None  # "May 20, 2025 · 3 min read"
    if ln.furniture is not None or DATE_SEPARATOR.search(ln.sq) is None:
        return False
    parts = DATE_SEPARATOR.split(ln.sq)
    return len(parts) <= 3 and ln.sq.count(" ") < 10 and any(furniture.kind_of(p) == "timestamp" for p in parts)


def _teaser_headline(ln: Line) -> bool:
    text = ln.sq
    return (ln.rule is None and not ln.suffixes and text.count(" ") < TEASER_HEADLINE_MAX_WORDS
            and not _is_sentence(text) and not LIST_ITEM.match(text) and " " in text)


def _teaser_at(content: list[Line], i: int) -> bool:
    """A headline with a date line right under it."""
    return 0 <= i < len(content) - 1 and _teaser_headline(content[i]) and _date_line(content[i + 1])


def teasers(content: list[Line], dated: list[int]) -> list[Line]:
    """Excerpts of other posts under the article of a blog or tag listing: two or more headlines, each with a
    date line under it and perhaps a short excerpt, the excerpts cut off ("… Read more", "[…]", a read-more
    link) or none at all. An article's own dated sections (a live blog) are printed in full, so they never
    qualify; links and buttons already named between the teasers are passed over.

    ``dated``: positions of the short lines with digits and no sentence end (the only ones a date line can be), in order.
    """
    if len(dated) < 2:
        return []
    begun: int | None = None  # where the article's first sentence is, once needed
    done = 0
    for p in dated:
        i = p - 1
        if i < done or i < 1 or not _date_line(content[p]) or not _teaser_headline(content[i]):
            continue
        if begun is None:
            begun = next((n for n, c in enumerate(content) if _article_sentence(c)), len(content))
        if i <= begun:
            continue
        found: list[Line] = []
        heads, excerpts, cut = 0, 0, False
        j = i
        while j < len(content):
            if content[j].rule is not None:
                j += 1  # a read-more link, a share button between two teasers
                continue
            if not _teaser_at(content, j):
                break
            k = j + 1
            while k < len(content) and _date_line(content[k]):
                k += 1
            found += content[j:k]
            nxt = content[k] if k < len(content) else None
            if (nxt is not None and nxt.rule is None and not _teaser_at(content, k)
                    and (_is_sentence(nxt.sq) or nxt.suffixes) and len(nxt.sq.split()) <= TEASER_EXCERPT_MAX_WORDS):
                found.append(nxt)
                excerpts += 1
                cut = cut or any(rule == "truncation-marker" for _, _, rule in nxt.suffixes) or (
                    k + 1 < len(content) and content[k + 1].rule == "read-more")
                k += 1
            heads += 1
            j = k
        if heads >= 2 and (cut or not excerpts):
            return [ln for ln in found if ln.rule is None]
        done = j
    return []


# A post's counters or reply button: "74 comments share save hide report", "12 boosts 31 favourites", "Reply With Quote".
THREAD_COUNT = re.compile(r"(?i)(?<![\w.,])\d[\d,.]*[km]?\+? (?:comments?|replies|reposts|boosts|reblogs|retweets|quotes)\b")
REPLY_WORD = re.compile(r"(?i)\breply\b")
REPLY_MAX_SPACES = 40  # a line this long under the counters is article text, not a reply (as under a to-end head)


def replies(content: list[Line], third: float) -> list[Line]:
    """The replies under a post: everything below the first line of the post's own interface that counts or
    offers replies (a line made only of interface words, "23 comments • 9 reposts", "Like · Reply · 2d"), past
    the first third of the page and under a sentence of the article. A thread prints its opening post first and
    its replies after these counters; an article never prints them in its middle. Replies stand apart, each
    under its own furniture (a name, a time, a button): two article sentences in a row below the counters are
    an article's paragraphs (a byline with a comment count under a standfirst), and nothing is taken; nor is
    anything when no furniture of a post follows (the buttons of a post embedded in an article). Lines
    already named keep their rule; a long paragraph ends the run (the article resumes)."""
    for i, ln in enumerate(content):
        if (ln.start < third or not (ln.furniture == "interface" or ln.rule == "interface-line")
                or not (THREAD_COUNT.search(ln.sq) or REPLY_WORD.search(ln.sq))
                or not any(_article_sentence(c) for c in content[:i])):
            continue
        found: list[Line] = []
        after_sentence = posts = False
        for below in content[i + 1:]:
            if below.rule is not None or below.furniture:
                after_sentence = False
                posts = posts or post_furniture(below, below.rule)
                continue
            if below.sq.count(" ") >= REPLY_MAX_SPACES:
                break
            sentence = _article_sentence(below)
            if sentence and after_sentence:
                return []
            after_sentence = sentence
            posts = posts or below.sq.startswith("@")  # "@haeun_lim congratulations!": a reply to the author
            found.append(below)
        return found if posts else []  # no author, time or reply button below: an embedded post's buttons, not a thread
    return []


POST_VERB = re.compile(r"(?i)\b(asked|answered|edited|posted|submitted|joined|replied|commented|wrote)\b")
CARD_NAME_MAX_WORDS = 4
PROFILE_NAME_MAX_WORDS = 6
NAME_MAX_CHARS = 60  # a name of six words is shorter: longer lines are not looked at as names
FOLLOW_WORDS = frozenset("follow following followers subscribe subscribers subscribed".split())


DIGIT = re.compile(r"\d")


def _name_like(text: str, most: int) -> bool:
    """A person's, a group's or a channel's name: a few capitalised words, no figures, no sentence."""
    if not text[:1].isupper() or _is_sentence(text) or DIGIT.search(text):
        return False
    ws = text.split()
    return len(ws) <= most and ws[-1][:1].isupper() and all(w[:1].isupper() or w.casefold() in FUNCTION_WORDS for w in ws)


def user_card(ln: Line, content: list[Line]) -> bool:
    """An author's name between the furniture of a post: its time above ("answered Sep 20, 2022 at 8:41") and
    its counts below (a reputation, a rank): the user card of a Q&A site or a forum, not a heading."""
    if ln.pos == 0 or ln.pos + 1 >= len(content):
        return False
    above, below = content[ln.pos - 1], content[ln.pos + 1]
    if not (below.furniture in ("interface", "page-number") or below.rule in ("interface-line", "page-number")
            or below.rule in POST_RULES):
        return False
    timed = (above.rule in ("timestamp", "interface-line") or above.furniture in ("interface", "timestamp")) and (
        CLOCK.search(above.sq) is not None or POST_VERB.search(above.sq) is not None)
    return timed and _name_like(ln.sq, CARD_NAME_MAX_WORDS)


def profile_header(ln: Line, content: list[Line]) -> bool:
    """A name with its Follow button or follower count right under it ("Seung-woo Baek", then "Follow"): the
    profile of the post's author or channel, not a heading of the text."""
    if ln.pos + 1 >= len(content):
        return False
    below = content[ln.pos + 1]
    if below.rule == "social-follow":
        followed = any(c.isdigit() for c in below.sq)
    elif below.furniture == "interface" or below.rule == "interface-line":
        followed = any(w in FOLLOW_WORDS for w in re.findall(r"\w+", below.sq.casefold()))
    else:
        return False
    return followed and _name_like(ln.sq, PROFILE_NAME_MAX_WORDS)


# "… the same thing. – Pak Ki 19 Sep 2022 at 15:02": a comment on a Q&A site, signed with a name and a time
SIGNED_COMMENT = re.compile(r"[.!?)\"”] [–—] [A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3} \d{1,2} [A-Z][a-z]{2}(?: \d{4})? at \d{1,2}:\d{2}$")


def signed_comment(ln: Line) -> bool:
    """A comment signed at its end with its author's name and time; only lines ending in a time are searched."""
    text = ln.sq
    return text[-3:-2] == ":" and text[-2:].isdigit() and SIGNED_COMMENT.search(text) is not None


# A social post's age under its author: "3d • Edited •", "2h", "Edited", or its time with the audience's icon
# ("14 September at 18:40 · 🌏"): a news page dates its articles, never so
POST_AGE = re.compile(r"(?i)(?:^|[\s•·|])(?:\d{1,2}(?:s|m|h|d|w|mo|y)|edited)(?=$|[\s•·|])|\bat \d{1,2}:\d{2} ?· ?[^\w\s]+$")
BIO_MAX_WORDS = 12
AUTHOR_HEADER_LINES = 12  # a post's header stands among the first lines of the page


def author_header(content: list[Line]) -> list[Line]:
    """The header of a social post above its text: the author's name, perhaps a one-line bio ("Research Fellow |
    Trade | Sanctions"), then the post's age ("3d • Edited •"). Read as headlines they would take the title's place;
    only lines above the article's first sentence are looked at."""
    for i, ln in enumerate(content[:AUTHOR_HEADER_LINES]):
        if ln.rule is not None or ln.furniture:
            continue
        if len(ln.sq) > NAME_MAX_CHARS:
            if _article_sentence(ln):
                return []
            continue
        if not _name_like(ln.sq, PROFILE_NAME_MAX_WORDS):
            continue
        for k, c in enumerate(content[i + 1:i + 3]):
            if c.furniture in ("interface", "timestamp") and POST_AGE.search(c.sq):
                between = content[i + 1:i + 1 + k]
                if all(b.rule is None and not b.furniture and not _is_sentence(b.sq) and len(words(b.sq)) <= BIO_MAX_WORDS
                       for b in between):
                    return [ln, *between]
                break
    return []


# The card of a post's author: "Sunjin · 5 years ago", "Mirae K asked · 5 years ago"; "nuri_88 · Level 2"
AGED_CARD = re.compile(r"[\w@][\w .'’@-]{0,50}+[·•|] ?(?:\d+|an?|one) (?:second|minute|hour|day|week|month|year)s? ago")
HANDLE_CARD = re.compile(r"@?(?=[a-z]{1,30}+[_.\d])[a-z][a-z0-9_.]{1,30}+ [·•] [^.!?]{1,100}")


def post_card(ln: Line) -> bool:
    """A post's author with its age or rank; only lines ending in " ago" or opening with a handle are tried."""
    text = ln.sq
    if text.endswith(" ago"):
        return AGED_CARD.fullmatch(text) is not None
    return (text[:1].islower() or text[:1] == "@") and " · " in text and HANDLE_CARD.fullmatch(text) is not None
