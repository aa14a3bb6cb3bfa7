"""Check that every labelled page has exactly one well-formed label per line; exit 1 when any does not."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pages import SETS, check_page, load_set  # noqa: E402


def main() -> int:
    problems: list[str] = []
    count = 0
    for name in SETS:
        for page in load_set(name):
            count += 1
            problems += check_page(page)
    for message in problems:
        print(message, file=sys.stderr)
    print(f"{count} pages, {len(problems)} problems")
    return 1 if problems or count == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
