"""Whole-post conversion to a locale: script first, then regional vocabulary.

Used by `voicecheck convert` and as the suggestion of a post written entirely in the
wrong script. Only Chinese changes: URLs, English, emoji and layout are kept as they are.
Vocabulary uses the same word hits as the script check (jieba rejects hits across word
boundaries), so convert and check never disagree.
"""

from __future__ import annotations

from .checks.script import REGIONS, expected_chars, vocabulary_hits
from .text import regional
from .text.analysis import analyse
from .text.script import is_han

LOCALES = ("zh-Hans", "zh-Hant", "zh-Hant-TW", "zh-Hant-HK")


def convert(text: str, locale: str) -> str:
    """The text with Chinese in `locale`'s script and that region's words."""
    if locale not in LOCALES:
        raise ValueError(f"cannot convert to '{locale}' (one of: {', '.join(LOCALES)})")
    post = analyse(text)
    expected = expected_chars(post, locale)
    keep = regional.also_traditional() if locale != "zh-Hans" else frozenset()
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
