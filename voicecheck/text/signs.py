"""Signs in a post that are not words: exclamation marks, emoji, reading length.

Promotion counts them against the guide's limits and tone hears them; both see the same
emoji and the same runs of marks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .counting import EMOJI as EMOJI_CANDIDATE
from .normalize import Normalized
from .script import HAN, LATIN_WORD


def with_curly_apostrophes(phrases: Iterable[str]) -> list[str]:
    """Each phrase plus its typographic-apostrophe spelling (don't / don’t)."""
    out: list[str] = []
    for p in phrases:
        out.append(p)
        if "'" in p:
            out.append(p.replace("'", "\u2019"))
    return out


_EXCLAMATION = re.compile("[!！‼⁉]+")
# Symbols the emoji pattern's broad blocks include but that are typography, not emoji,
# unless followed by the emoji variation selector (★ ✓ ❶ ♪ ➤ ⌘).
_TEXT_SYMBOLS = re.compile(
    "[\u2300-\u2319\u231c-\u23e8\u23f4-\u23f7\u23fb-\u23ff\u2605\u2606\u2610\u2612"
    "\u2660-\u2662\u2664\u2667\u2669-\u266f\u2713\u2715\u2717-\u271c\u2720\u2722-\u2727"
    "\u2729-\u2732\u2735-\u2743\u2745\u2746\u2748-\u274b\u274d\u274f-\u2752\u2756"
    "\u2758-\u2762\u2765-\u2794\u2798-\u27af\u27b1-\u27be\u2b00-\u2b04\u2b08-\u2b1a"
    "\u2b1d-\u2b4f\u2b51-\u2b54\u2b56-\u2bff]"
)


def exclamation_runs(text: str) -> list[tuple[int, int, int]]:
    """(start, end, marks) for each run of ! / ！ (‼ counts two)."""
    return [
        (m.start(), m.end(), len(m.group()) + m.group().count("‼"))
        for m in _EXCLAMATION.finditer(text)
    ]


def emoji_clusters(norm: Normalized) -> list[tuple[int, int]]:
    """Emoji as a reader sees them, on normalized offsets.

    A ZWJ family, a flag, a keycap or a skin-toned hand is one emoji. Normalization drops
    zero-width joiners, so pieces whose original text was joined by one are merged back.
    """
    spans: list[tuple[int, int]] = []
    for m in EMOJI_CANDIDATE.finditer(norm.text):
        s, e = m.start(), m.end()
        if e - s == 1 and _TEXT_SYMBOLS.match(norm.text[s]):
            continue
        if spans and spans[-1][1] == s and _joined(norm, s):
            spans[-1] = (spans[-1][0], e)
        else:
            spans.append((s, e))
    return spans


def _joined(norm: Normalized, i: int) -> bool:
    """Was normalized character i glued to the one before by a zero-width joiner?"""
    gap = norm.original[norm.ends[i - 1] : norm.starts[i]]
    return gap != "" and set(gap) == {"\u200d"}


def units(text: str) -> int:
    """Reading length: Han characters plus two per Latin word."""
    return len(HAN.findall(text)) + 2 * len(LATIN_WORD.findall(text))
