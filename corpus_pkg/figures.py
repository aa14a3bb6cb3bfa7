"""Figures for the dataset card, as SVG written by hand: no plotting library, no timestamps, byte-reproducible."""
from __future__ import annotations

from html import escape
from typing import Sequence

WIDTH = 640
BAR_COLOUR = "#3b6ea5"
FONT = 'font-family="DejaVu Sans, Helvetica, Arial, sans-serif"'


def _num(x: float) -> str:
    """Coordinates with at most one decimal, so output never depends on float printing quirks."""
    return f"{x:.1f}".rstrip("0").rstrip(".")


def hbar_chart(title: str, labels: Sequence[str], values: Sequence[int], unit: str) -> str:
    """A horizontal bar chart: one labelled bar per value, the value printed at the bar's end."""
    row, top, left, right = 22, 44, 230, 70
    height = top + row * max(len(values), 1) + 16
    span = WIDTH - left - right
    peak = max(values, default=0) or 1
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" role="img">',
        f"<title>{escape(title)}</title>",
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
        f'<text x="{WIDTH // 2}" y="24" text-anchor="middle" font-size="15" {FONT}>{escape(title)}</text>',
    ]
    for i, (label, value) in enumerate(zip(labels, values)):
        y = top + i * row
        w = span * value / peak
        out.append(f'<text x="{left - 8}" y="{_num(y + 14)}" text-anchor="end" font-size="12" {FONT}>{escape(label)}</text>')
        out.append(f'<rect x="{left}" y="{_num(y + 3)}" width="{_num(max(w, 1))}" height="{row - 6}" fill="{BAR_COLOUR}"/>')
        out.append(f'<text x="{_num(left + w + 6)}" y="{_num(y + 14)}" font-size="12" {FONT}>{value} {escape(unit)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def histogram(title: str, values: Sequence[int], xlabel: str, ylabel: str = "documents", bins: int = 10) -> str:
    """A histogram of integer values in equal-width bins; with few values each bar is still one bin."""
    lo, hi = (min(values), max(values)) if values else (0, 1)
    width = max(1, -(-(hi - lo + 1) // bins))  # ceiling division: bins cover [lo, hi] exactly
    counts = [0] * bins
    for v in values:
        counts[min((v - lo) // width, bins - 1)] += 1
    while len(counts) > 1 and counts[-1] == 0:
        counts.pop()
    left, right, top, bottom = 50, 20, 40, 50
    height = 300
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    peak = max(counts) or 1
    bar_w = plot_w / len(counts)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" role="img">',
        f"<title>{escape(title)}</title>",
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
        f'<text x="{WIDTH // 2}" y="24" text-anchor="middle" font-size="15" {FONT}>{escape(title)}</text>',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#333333"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="#333333"/>',
        f'<text x="{left - 6}" y="{top + 4}" text-anchor="end" font-size="11" {FONT}>{peak}</text>',
        f'<text x="{left - 6}" y="{top + plot_h}" text-anchor="end" font-size="11" {FONT}>0</text>',
        f'<text x="{left + plot_w // 2}" y="{height - 10}" text-anchor="middle" font-size="12" {FONT}>{escape(xlabel)}</text>',
        f'<text x="14" y="{top + plot_h // 2}" text-anchor="middle" font-size="12" transform="rotate(-90 14 {top + plot_h // 2})" {FONT}>{escape(ylabel)}</text>',
    ]
    for i, count in enumerate(counts):
        x = left + i * bar_w
        h = plot_h * count / peak
        start = lo + i * width
        out.append(f'<rect x="{_num(x + 1)}" y="{_num(top + plot_h - h)}" width="{_num(bar_w - 2)}" height="{_num(h)}" fill="{BAR_COLOUR}">'
                   f"<title>{start}–{start + width - 1}: {count}</title></rect>")
        if count:
            out.append(f'<text x="{_num(x + bar_w / 2)}" y="{_num(top + plot_h - h - 4)}" text-anchor="middle" font-size="11" {FONT}>{count}</text>')
        out.append(f'<text x="{_num(x + bar_w / 2)}" y="{top + plot_h + 16}" text-anchor="middle" font-size="10" {FONT}>{start}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"
