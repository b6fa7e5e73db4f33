"""How long a post is, the way each channel counts it.

Most channels count characters. X weighs text like twitter-text v3: Latin, Greek,
Cyrillic and common punctuation weigh 1; CJK, other scripts and every emoji (however
many code points its sequence has) weigh 2; any link weighs 23 whatever its length.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .entities import URL
from .spans import SpanSet

TWITTER_URL_WEIGHT = 23
_LIGHT = ((0x0000, 0x10FF), (0x2000, 0x200D), (0x2010, 0x201F), (0x2032, 0x2037))
EMOJI = re.compile(
    "(?:[\U0001F1E6-\U0001F1FF]{2})"  # flags
    "|(?:[0-9#*]\ufe0f?\u20e3)"  # keycaps
    "|(?:[\U0001F000-\U0001FAFF\u2600-\u27BF\u2300-\u23FF\u2B00-\u2BFF\u3030\u303D\u3297\u3299]"
    "[\ufe0f\U0001F3FB-\U0001F3FF]*"
    "(?:\u200d[\U0001F000-\U0001FAFF\u2600-\u27BF\u2640\u2642][\ufe0f\U0001F3FB-\U0001F3FF]*)*)"
)


def _char_weight(ch: str) -> int:
    cp = ord(ch)
    return 1 if any(lo <= cp <= hi for lo, hi in _LIGHT) else 2


def units(text: str, counting: str = "chars") -> Iterator[tuple[int, int, int]]:
    """(start, end, weight) pieces covering the text in order."""
    if counting != "twitter":
        for i in range(len(text)):
            yield (i, i + 1, 1)
        return
    special = {m.start(): (m.end(), TWITTER_URL_WEIGHT) for m in URL.finditer(text)}
    links = SpanSet((a, e) for a, (e, _) in special.items())
    for m in EMOJI.finditer(text):
        if not links.covers(m.start()):
            special[m.start()] = (m.end(), 2)
    i = 0
    while i < len(text):
        if i in special:
            end, weight = special[i]
            yield (i, end, weight)
            i = end
        else:
            yield (i, i + 1, _char_weight(text[i]))
            i += 1


def length(text: str, counting: str = "chars") -> int:
    return sum(w for _, _, w in units(text, counting))


def post_length(text: str, counting: str = "chars") -> int:
    """What the platform counts: trailing spaces and line breaks are not posted."""
    return length(text.rstrip(), counting)


def cut_index(text: str, limit: int, counting: str = "chars") -> int | None:
    """Where the text first exceeds `limit` (start of the piece that overflows), or None."""
    total = 0
    for start, _, weight in units(text, counting):
        total += weight
        if total > limit:
            return start
    return None
