"""Whole-post conversion to a locale: script first, then regional vocabulary.

Used by `voicecheck convert` and as the suggestion of a post written entirely in the
wrong script. Only Chinese changes: URLs, English, emoji and layout are kept as they are.
Vocabulary uses the same word hits as the script check (jieba rejects hits across word
boundaries), so convert and check never disagree.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from .text import regional
from .text.analysis import AnalysedPost, analyse
from .text.matching import find
from .text.script import CONVERTIBLE_RUN, converter, is_han

LOCALES = ("zh-Hans", "zh-Hant", "zh-Hant-TW", "zh-Hant-HK")
# Locales with their own vocabulary: Taiwan and Hong Kong words for mainland ones, and
# for mainland posts the reverse (軟體, 滑鼠 drafted by a Taipei team -> 软件, 鼠标).
REGIONS = ("zh-Hans", "zh-Hant-TW", "zh-Hant-HK")


@dataclass(frozen=True)
class VocabHit:
    start: int
    end: int
    word: str  # the regional word to use


def vocabulary_hits(post: AnalysedPost, locale: str) -> list[VocabHit]:
    """Words of another region in a post for `locale` (normalized offsets)."""
    vocab = regional.vocabulary(locale)
    if not vocab.words:
        return []
    out = []
    hits = find(post, list(vocab.words), exceptions=vocab.exceptions,
                           whole_words=True)
    for hit in hits:
        word = vocab.words[hit.phrase]
        nexts = vocab.before.get(hit.phrase)
        if nexts and not post.text[hit.end :].lstrip(" ").startswith(nexts):
            continue
        if post.text[hit.start : hit.end] != word:
            out.append(VocabHit(hit.start, hit.end, word))
    return out


def _config(target: str) -> str:
    return regional.SCRIPT_CONFIG["zh-Hant-HK" if target == "zh-Hant-HK" else target]


def _same_length(conv: str, text: str, config: str) -> str:
    if len(conv) == len(text):
        return conv
    one = converter(config)  # a phrase changed length: fall back to characters
    return "".join(c if len(d := one.convert(c)) != 1 else d for c in text)


def expected_chars(post: AnalysedPost, target: str) -> str:
    """The post's text with every character in `target` script (same length)."""
    config = _config(target)
    source = post.text if target == "zh-Hans" else post.norm.canonical
    return _same_length(converter(config).convert(source), post.text, config)


def expected_at(post: AnalysedPost, target: str, positions: list[int]) -> dict[int, str]:
    """`expected_chars` at `positions` only: just the runs of Chinese holding one are
    converted (each converts as it would in place: see `script.convert_runs`)."""
    config = _config(target)
    source = post.text if target == "zh-Hans" else post.norm.canonical
    wanted = sorted(positions)
    out: dict[int, str] = {}
    for m in CONVERTIBLE_RUN.finditer(source):
        inside = wanted[bisect_left(wanted, m.start()) : bisect_left(wanted, m.end())]
        if inside:
            run = _same_length(converter(config).convert(m.group()), m.group(), config)
            out.update((i, run[i - m.start()]) for i in inside)
    return out


def convert(text: str, locale: str) -> str:
    """The text with Chinese in `locale`'s script and that region's words."""
    if locale not in LOCALES:
        raise ValueError(f"cannot convert to '{locale}' (one of: {', '.join(LOCALES)})")
    post = analyse(text)
    expected = expected_chars(post, locale)
    keep = regional.kept_as_written(post.text, locale)
    chars = list(text)
    for i, (ch, new) in enumerate(zip(post.text, expected, strict=True)):
        if ch != new and is_han(ch) and i not in keep:
            start, end = post.to_original(i, i + 1)
            if end - start == 1:
                chars[start] = new
    edits = []
    if locale in REGIONS:
        for hit in vocabulary_hits(post, locale):
            edits.append((*post.to_original(hit.start, hit.end), hit.word))
    for start, end, word in sorted(edits, reverse=True):
        chars[start:end] = [word]
    return "".join(chars)
