"""Searches of one or two Chinese characters, which no trigram index can answer.

A trigram index lists the rows containing a text of three characters or more; `智能` or `智`
has no trigram. Beside it, each database keeps a second index over the CJK characters of the
same columns, as tokens: every CJK character, and every pair of neighbouring CJK characters.
A row contains `智能` exactly when its tokens include `智能`, and `智` when they include `智`
(or, on SQLite, a token beginning with it: see `sqlite_tokens`), so the index gives the same
rows as `icontains` — CJK characters have no case, which both databases' `icontains` would
otherwise fold.

"CJK" here is the ideographs, kana and hangul (`RANGES`): characters without case, outside
ASCII. A text of one or two characters with any other character (`A智`, `ai`) has no index,
and each row is tested with `icontains` (directory/search/__init__.py).

The indexes hold the tokens of every row: a change to `RANGES` or to the tokens needs them
built again — on SQLite a new `CJK_TOKENS` suffix in sqlite.py (the next migrate then makes
the table anew), on PostgreSQL a migration running `add_cjk_indexes` after dropping them.
"""

import re

# Code points, inclusive: kana, CJK extension A, unified ideographs, hangul, compatibility
# ideographs, and the supplementary ideographic planes.
RANGES = [
    (0x3040, 0x30FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xAC00, 0xD7AF),
    (0xF900, 0xFAFF),
    (0x20000, 0x3FFFF),
]
SHORTEST, LONGEST = 1, 2  # the texts these indexes answer, in characters

CHARACTER = "[" + "".join(f"{chr(low)}-{chr(high)}" for low, high in RANGES) + "]"
RUN = re.compile(CHARACTER + "+")


def answers(text):
    """Whether `text` is one or two CJK characters, which the CJK index answers."""
    return SHORTEST <= len(text) <= LONGEST and RUN.fullmatch(text) is not None


def sqlite_tokens(text):
    """SQLite's document for `text`: for each CJK character, it and the next one if that is CJK
    too, else it alone, separated by spaces. `智能` is then a token, and `智` begins one at
    each place it appears (the FTS5 prefix query `"智" *`): no separate one-character tokens.
    Nothing for NULL or a number (SQLite lets any column hold one)."""
    if not isinstance(text, str):
        return ""
    return " ".join(run[i : i + 2] for run in RUN.findall(text) for i in range(len(run)))


def postgresql_pattern():
    """`CHARACTER` in PostgreSQL's regular expression syntax (`\\uXXXX`, `\\UXXXXXXXX`)."""

    def escape(code):
        return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"

    return "[" + "".join(f"{escape(low)}-{escape(high)}" for low, high in RANGES) + "]+"
