"""Normalization that remembers where every character came from.

Each step rewrites some ranges of its input; every output character carries the span
of the original text it stands for. Any span of the normalized text therefore maps to
one exact span of the original, which is what findings are reported on.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

# (start, end, replacement) edits of a step, non-overlapping, in order.
Edit = tuple[int, int, str]

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Comments are never shown (Markdown, HTML) and carry voicecheck's own directives.
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_HTML_DROP = re.compile(
    r"<(script|style|rt|rp)\b[^<>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL
)
# Only real HTML elements with attribute-shaped insides: posts use angle brackets as
# text too (<新品>, "<best ever!!! 史上最低>", 价格<100元>50元).
_HTML_ELEMENTS = (
    "a|abbr|article|aside|b|big|blockquote|body|br|button|caption|center|cite|code|col|dd|del|"
    "details|div|dl|dt|em|figcaption|figure|font|footer|h[1-6]|head|header|hr|html|i|iframe|img|"
    "input|ins|label|li|link|main|mark|meta|nav|ol|p|pre|q|rb|rp|rt|ruby|s|section|small|source|"
    "span|strike|strong|sub|summary|sup|table|tbody|td|tfoot|th|thead|time|title|tr|tt|u|ul|video"
)
_HTML_ATTR = r"""\s+[A-Za-z_:][-A-Za-z0-9_:.]*(?:\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|[^\s"'=<>`]+))?"""


def _tag(names: str) -> re.Pattern[str]:
    return re.compile(rf"</?(?:{names})(?![-A-Za-z0-9_])(?:{_HTML_ATTR})*\s*/?>", re.IGNORECASE)


_HTML_BLOCK = _tag("br|p|div|li|ul|ol|h[1-6]|tr|blockquote")  # line breaks in the text
_HTML_TAG = _tag(_HTML_ELEMENTS)
_HTML_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_PINYIN = "a-zA-ZāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüÜńňǹḿ"
_RUBY = re.compile(rf"(?<=[\u3400-\u9fff\uf900-\ufaff])[(（][{_PINYIN}]{{1,7}}[1-5]?[)）]")
_FULLWIDTH_ALNUM = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\u3000]")
# A letter followed by combining marks (e + U+0301): composed where Unicode has one
# character for it (é), so a decomposed café in a post or a guide matches a composed one.
_DECOMPOSED = re.compile("[^\u0300-\u036f][\u0300-\u036f]+")


@dataclass(frozen=True)
class Normalized:
    """Normalized text plus, per character, the original span it came from.

    `canonical` has the same length as `text`: Simplified script, for matching terms
    regardless of the script a post is written in.
    """

    original: str
    text: str
    canonical: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalized span [start, end) to the original span it came from."""
        if not self.text:
            return (0, len(self.original))
        if start >= end:
            pos = self.starts[start] if start < len(self.text) else len(self.original)
            return (pos, pos)
        return (self.starts[start], self.ends[end - 1])

    def to_normalized(self, pos: int) -> int:
        """First normalized index whose original span ends after `pos` (for editors)."""
        for i, e in enumerate(self.ends):
            if e > pos:
                return i
        return len(self.text)


def _apply(text: str, starts: list[int], ends: list[int], edits: Iterator[Edit]):
    out: list[str] = []
    new_starts: list[int] = []
    new_ends: list[int] = []
    pos = 0
    for a, b, rep in edits:
        out.append(text[pos:a])
        new_starts.extend(starts[pos:a])
        new_ends.extend(ends[pos:a])
        if rep:
            # A replacement stands for the whole range it replaced.
            s = starts[a] if a < len(starts) else (ends[-1] if ends else 0)
            e = ends[b - 1] if b > a else s
            out.append(rep)
            new_starts.extend([s] * len(rep))
            new_ends.extend([e] * len(rep))
        pos = b
    out.append(text[pos:])
    new_starts.extend(starts[pos:])
    new_ends.extend(ends[pos:])
    return "".join(out), new_starts, new_ends


def _regex_step(pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str]):
    def step(text: str) -> Iterator[Edit]:
        for m in pattern.finditer(text):
            rep = repl(m)
            if rep != m.group(0):
                yield (m.start(), m.end(), rep)

    return step


def _entity(m: re.Match[str]) -> str:
    return html.unescape(m.group(0))


def _nfkc(m: re.Match[str]) -> str:
    return unicodedata.normalize("NFKC", m.group(0))


STEPS = (
    _regex_step(_HTML_COMMENT, lambda m: ""),
    _regex_step(_ZERO_WIDTH, lambda m: ""),
    _regex_step(_HTML_DROP, lambda m: ""),
    _regex_step(_HTML_BLOCK, lambda m: "\n"),
    _regex_step(_HTML_TAG, lambda m: ""),
    _regex_step(_HTML_ENTITY, _entity),
    _regex_step(_RUBY, lambda m: ""),
    _regex_step(_FULLWIDTH_ALNUM, _nfkc),
    _regex_step(_DECOMPOSED, lambda m: unicodedata.normalize("NFC", m.group(0))),
)


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


class _CharT2S(dict[int, str]):
    """str.translate's table: each character's Simplified form, looked up once per
    character; one that would change the length stays as it is."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        out = _t2s().convert(ch)
        found = out if len(out) == 1 else ch
        if len(self) < 65536:
            self[code] = found
        return found


_CHAR_T2S = _CharT2S()
_MAY_CHANGE = re.compile("[\u3400-\u9fff\uf900-\ufaff]")


def fold_case(text: str) -> str:
    """Lower case, without changing the length (İ stays: its lower case is two characters)."""
    low = text.lower()
    if len(low) == len(text) and "\u03a3" not in text:  # Σ: lower() reads its context
        return low  # (no character grew, so each is its own lower case)
    return "".join(c if len(low := c.lower()) != 1 else low for c in text)


def to_canonical(text: str) -> str:
    """Simplified script, same length as the input (so offsets stay valid)."""
    if _MAY_CHANGE.search(text) is None:
        return text
    return text.translate(_CHAR_T2S)


def normalize(original: str) -> Normalized:
    text = original
    starts = list(range(len(original)))
    ends = list(range(1, len(original) + 1))
    for step in STEPS:
        edits = list(step(text))
        if edits:
            text, starts, ends = _apply(text, starts, ends, iter(edits))
    return Normalized(original, text, to_canonical(text), tuple(starts), tuple(ends))
