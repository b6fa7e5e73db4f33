"""Whole-post conversion to a locale: script first, then regional vocabulary.

Used by `voicecheck convert` and as the suggestion of a post written entirely in the
wrong script. Only Chinese changes: URLs, English, emoji and layout are kept as they are.
Vocabulary uses the same word hits as the script check (jieba rejects hits across word
boundaries), so convert and check never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from .text import regional
from .text.analysis import AnalysedPost, analyse
from .text.matching import find
from .text.script import converter, is_han

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
        if post.text[hit.start : hit.end] != word:
            out.append(VocabHit(hit.start, hit.end, word))
    return out


def expected_chars(post: AnalysedPost, target: str) -> str:
    """The post's text with every character in `target` script (same length)."""
    text = post.text
    config = regional.SCRIPT_CONFIG["zh-Hant-HK" if target == "zh-Hant-HK" else target]
    if target == "zh-Hans":
        out = converter(config).convert(text)
    else:
        out = converter(config).convert(post.norm.canonical)
    if len(out) != len(text):  # a phrase changed length: fall back to characters
        conv = converter(config)
        out = "".join(c if len(d := conv.convert(c)) != 1 else d for c in text)
    return out




def convert(text: str, locale: str) -> str:
    """The text with Chinese in `locale`'s script and that region's words."""
    if locale not in LOCALES:
        raise ValueError(f"cannot convert to '{locale}' (one of: {', '.join(LOCALES)})")
    post = analyse(text)
    expected = expected_chars(post, locale)
    keep = regional.also_traditional(locale) if locale != "zh-Hans" else frozenset()
    chars = list(text)
    for i, (ch, new) in enumerate(zip(post.text, expected, strict=True)):
        if ch != new and is_han(ch) and ch not in keep:
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
