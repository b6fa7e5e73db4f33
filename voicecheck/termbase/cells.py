"""Plain-text cells for per-language values, shared by the guide editor's tables and the
CSV term base: `zh-Hans: 会员; en: member` for words per locale, `en: …; zh: …` for a
note or definition per message language."""

from __future__ import annotations

import re

from ..guide.model import LOCALES, MESSAGE_LANGUAGES, Note

_LOCALE_NAMES = "|".join(re.escape(x) for x in sorted((*LOCALES, "zh"), key=len, reverse=True))
LOCALE_PART = re.compile(rf"^\s*({_LOCALE_NAMES})\s*[:：]\s*(.+?)\s*$")
_NOTE_LANGS = "|".join(MESSAGE_LANGUAGES)
_NOTE_PART = re.compile(rf"^\s*({_NOTE_LANGS})\s*[:：]\s*(.+?)\s*$", re.S)
# A note splits only before a language label, so its own semicolons stay in the text.
_NOTE_SPLIT = re.compile(rf"[;；]\s*(?=(?:{_NOTE_LANGS})\s*[:：])")


def format_pairs(pairs: dict[str, str]) -> str:
    return "; ".join(f"{key}: {text}" for key, text in pairs.items())


def format_note(note: Note) -> str:
    return note if isinstance(note, str) else format_pairs(note)


def parse_note(text: str) -> Note:
    """`en: Our name is one word.; zh: 品牌名是一个词。` -> per language; else a plain note."""
    matches = [_NOTE_PART.match(part) for part in _NOTE_SPLIT.split(text)]
    pairs = {m.group(1): m.group(2) for m in matches if m}
    if not pairs or len(pairs) != len(matches):
        return text
    return pairs


def split_words(text: str) -> list[str]:
    """Comma-separated words (ASCII or full-width commas), blanks dropped."""
    return [w.strip() for w in text.replace("，", ",").split(",") if w.strip()]
