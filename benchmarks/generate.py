"""A synthetic raw/ folder of any size, deterministic from a seed, for benchmarks and scale tests.

Documents are 2-8 KB of English-like text in the shapes the seed corpus shows: news articles
republished on WordPress (share widgets, comment form) and Blogger (image slug, "Post a Comment",
post navigation), and wiki entries (banner, infobox rows, template residue, == headings ==, empty
parentheses). Photo credits such as "(Photo KCNA)", no-break spaces, CRLF files, page-break splits,
and exact and near duplicates occur at fixed rates. Every sidecar satisfies schemas/sidecar.schema.json.

    python benchmarks/generate.py --documents 10000 --out /tmp/raw-10k --seed 1
    corpus-pkg build --raw /tmp/raw-10k --out /tmp/dist-10k
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
from pathlib import Path

FUNCTION = ("the of and to in a for on with by as at from that was is were its which this their has have "
            "been will during also after more than new all other".split())
CONTENT = ("party committee people country work construction development economy meeting conference plenary "
           "session report delegates members plan year province city county farm factory school education "
           "science technology agriculture production workers youth army defence policy leadership struggle "
           "revolution history culture national socialist government cabinet minister premier officials "
           "speech lecture course training cadres organisation district campaign achievement success task "
           "movement project harvest power station railway housing flats hospital university institute "
           "exhibition anniversary celebration ceremony delegation visit cooperation friendship relations "
           "statement declaration programme resolution decision measure discussion review proposal").split()
NAMES = ["Kim", "Ri", "Pak", "Choe", "Jo", "Han", "Kang", "Jong", "Ryu", "Yun", "O", "Hwang"]
GIVEN = ["Yong Sik", "Chol", "Myong Su", "Song Nam", "Thae Song", "Jae Ryong", "Il", "Hyon Chol", "Sun Hui"]
PLACES = ["Pyongyang", "Wonsan", "Hamhung", "Chongjin", "Sinuiju", "Kaesong", "Nampho", "Haeju", "Kanggye"]
AGENCIES = ["KCNA", "Rodong Sinmun", "Minju Joson", "Voice of Korea"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def _word_pool(rng: random.Random) -> tuple[list[str], list[float]]:
    """Common words plus a long tail of made-up ones, with Zipf-like weights (so text compresses like text)."""
    syllables = ["ka", "ri", "son", "mo", "tel", "an", "dor", "pe", "lin", "gra", "vu", "chen", "ost", "ma", "ber"]
    tail = sorted({"".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(6000)})
    words = FUNCTION + CONTENT + tail
    weights = [1.0 / (rank + 1) ** 0.9 for rank in range(len(words))]
    total = 0.0
    cumulative = []
    for w in weights:
        total += w
        cumulative.append(total)
    return words, cumulative


class Writer:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.words, self.cum = _word_pool(random.Random(seed ^ 0x5EED))

    def sentence(self, low: int = 8, high: int = 28) -> str:
        rng = self.rng
        words = rng.choices(self.words, cum_weights=self.cum, k=rng.randint(low, high))
        if rng.random() < 0.3:
            words.insert(rng.randrange(len(words)), rng.choice(PLACES))
        if rng.random() < 0.2:
            words.insert(rng.randrange(len(words)), f"{rng.choice(NAMES)} {rng.choice(GIVEN)}")
        if rng.random() < 0.15:
            words.insert(rng.randrange(len(words)), f"on {rng.choice(MONTHS)} {rng.randint(1, 28)}")
        text = " ".join(words)
        if rng.random() < 0.1:
            text = text.replace(" ", ",", 1)
        return text[0].upper() + text[1:] + "."

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 6)))

    def title(self) -> str:
        words = self.rng.choices(CONTENT, k=self.rng.randint(3, 8))
        return " ".join(w.capitalize() for w in words)

    def body(self, target: int) -> list[str]:
        paragraphs: list[str] = []
        size = 0
        while size < target:
            p = self.paragraph()
            paragraphs.append(p)
            size += len(p) + 2
        return paragraphs


def _split_page_break(rng: random.Random, paragraphs: list[str]) -> list[str]:
    """A page-break artefact: a paragraph cut mid-sentence, continuing in lower case after blank lines."""
    i = rng.randrange(len(paragraphs))
    words = paragraphs[i].split(" ")
    if len(words) < 8:
        return paragraphs
    cut = rng.randint(3, len(words) - 3)
    left, right = " ".join(words[:cut]).rstrip(".,"), " ".join(words[cut:])
    if not left[-1:].isalnum():
        return paragraphs
    right = right[0].lower() + right[1:]
    return paragraphs[:i] + [left, right] + paragraphs[i + 1 :]


def wordpress(w: Writer, title: str, body: list[str], agency: str) -> str:
    rng = w.rng
    lines = ["", title, ""]
    if rng.random() < 0.5:
        lines += [w.title(), ""]
    lines += [p + "\n" for p in body]
    if rng.random() < 0.6:
        lines += [f"(Photo {agency})", ""]
    lines += ["Share this:", "", "Twitter", "Facebook", "", "Like this:", "", "Like Loading...", ""]
    lines += [
        "Leave a Reply Cancel reply", "", "Fill in your details below or click an icon to log in:", "",
        "Email (required) (Address never made public)", "", "Name (required)", "", "Website", "",
        "You are commenting using your WordPress.com account. Log\u00a0Out\u00a0/\u00a0 Change\u00a0)", "",
        "Connecting to %s", "", "Notify me of new comments via email.", "", "Notify me of new posts via email.", "",
    ]
    return "\n".join(lines)


def blogger(w: Writer, title: str, body: list[str], agency: str) -> str:
    rng = w.rng
    slug = title.lower()
    lines = [title, "", slug, ""]
    lines += [p + "\n" for p in body]
    lines += [f"(Photo {agency})", "", "", ""]
    if rng.random() < 0.5:
        lines += ["No comments:", "", "Post a Comment", "", "Newer Post Older Post Home", "",
                  "Subscribe to: Post Comments (Atom)", ""]
    else:
        lines += ["Post a Comment", "", "Previous Post Next Post", ""]
    return "\n".join(lines)


def wiki(w: Writer, title: str, body: list[str], agency: str) -> str:
    rng = w.rng
    lines = [f"= {title} =", "", "From Wikipedia, the free encyclopedia", "", title]
    lines += [f"- Established: {rng.randint(1945, 2020)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
              f"- Director: {rng.choice(NAMES)} {rng.choice(GIVEN)}", f"- Location: {rng.choice(PLACES)}"]
    if rng.random() < 0.5:
        lines.append("- President: | vice-president =")
    lines.append("")
    first = body[0]
    cut = first.find(" ", 20)
    lines += [first[:cut] + " ()" + first[cut:] if cut > 0 else first, ""]
    for i, p in enumerate(body[1:], 1):
        if i % 3 == 1:
            lines += [f"== {w.title()} ==", ""]
        lines += [p, ""]
    return "\n".join(lines)


SHAPES = (("news-article", "WordPress", wordpress), ("blog-post", "Blogger", blogger), ("encyclopedia-entry", None, wiki))


def sidecar(w: Writer, doc_type: str, platform: str | None, agency: str, n: int) -> dict:
    rng = w.rng
    year, month, day = rng.randint(2010, 2025), rng.randint(1, 12), rng.randint(1, 28)
    precision = rng.choice(["day", "month", "year", None])
    value = {"day": f"{year}-{month:02d}-{day:02d}", "month": f"{year}-{month:02d}", "year": f"{year}", None: None}[precision]
    licensed = rng.random() < 0.4
    return {
        "language": "en",
        "doc_type": doc_type,
        "title": None,
        "source": {
            "name": f"Site {n % 97}",
            "url": f"https://site{n % 97}.example.org/{year}/{month:02d}/post-{n}.html",
            "publisher": None if rng.random() < 0.5 else f"Publisher {n % 13}",
            "agency": agency if doc_type != "encyclopedia-entry" else None,
            "platform": platform,
        },
        "license": {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/"} if licensed else None,
        "date": {"value": value, "precision": precision,
                 "evidence": f"The page is dated {day} {MONTHS[month - 1]} {year}." if value else None},
        "retrieved": f"2025-{month:02d}-{day:02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00Z",
        "notes": None,
    }


def generate(out: Path, documents: int, seed: int = 1) -> None:
    """Write ``documents`` raw files and sidecars (and a corpus.toml) into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    w = Writer(seed)
    rng = w.rng
    previous: list[str] = []
    for n in range(documents):
        doc_type, platform, shape = SHAPES[n % 3 if rng.random() < 0.9 else rng.randrange(3)]
        agency = rng.choice(AGENCIES)
        roll = rng.random()
        if previous and roll < 0.02:
            text = rng.choice(previous)  # exact duplicate under another id
        elif previous and roll < 0.04:
            base = rng.choice(previous).split("\n")  # near duplicate: one line changed
            i = max(range(len(base)), key=lambda j: len(base[j]))
            base[i] = base[i] + " " + w.sentence()
            text = "\n".join(base)
        else:
            body = w.body(rng.randint(1800, 7000))
            if rng.random() < 0.1:
                body = _split_page_break(rng, body)
            if rng.random() < 0.1:
                body[0] = body[0].replace(" ", "\u00a0", 1)
            text = shape(w, w.title(), body, agency)
        if len(previous) < 500:
            previous.append(text)
        elif rng.random() < 0.01:
            previous[rng.randrange(len(previous))] = text
        data = text.encode("utf-8")
        if rng.random() < 0.05:
            data = data.replace(b"\n", b"\r\n")
        doc_id = f"{n:07d}_{hashlib.sha256(f'{seed}-{n}'.encode()).hexdigest()[:16]}"
        (out / f"{doc_id}.txt").write_bytes(data)
        meta = sidecar(w, doc_type, platform, agency, n)
        (out / f"{doc_id}.meta.json").write_bytes((json.dumps(meta, indent=2) + "\n").encode("utf-8"))
    (out / "corpus.toml").write_text(
        f'name = "synthetic-{documents}"\ntitle = "Synthetic corpus of {documents} documents (seed {seed})"\n'
        'version = "0.0.1"\ncreated = "2026-01-01T00:00:00Z"\n',
        encoding="utf-8",
    )


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--documents", "-n", type=int, default=1000)
    p.add_argument("--out", "-o", type=Path, required=True)
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args()
    generate(args.out, args.documents, args.seed)


if __name__ == "__main__":
    main()
