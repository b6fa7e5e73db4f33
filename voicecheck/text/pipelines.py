"""Tokenizers, loaded once per process and only when a check first needs tokens.

Chinese is segmented with jieba (spaCy's `zh` pipeline uses the same segmenter; calling
it directly keeps character offsets exact and saves spaCy's ~1 s import for Chinese
posts). English uses a blank spaCy `en` pipeline. The guide's brand words go into
jieba's user dictionary so they stay one token.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

_lock = threading.Lock()  # jieba's dictionary is shared mutable state
_load_lock = threading.Lock()  # the GUI's warm-up and first check may race to load
_user_words: set[str] = set()


@lru_cache(maxsize=1)
def _load_jieba() -> Any:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.initialize()
    return tok


@lru_cache(maxsize=1)
def _load_english() -> Any:
    import spacy

    return spacy.blank("en")


def jieba_tokenizer() -> Any:
    with _load_lock:
        return _load_jieba()


def english() -> Any:
    with _load_lock:
        return _load_english()


def add_user_words(words: Iterable[str]) -> None:
    """Teach jieba brand and term words (idempotent, thread-safe)."""
    new = {w for w in words if w and w not in _user_words}
    if not new:
        return
    with _lock:
        tok = jieba_tokenizer()
        for word in sorted(new):
            tok.add_word(word, freq=max(tok.suggest_freq(word, tune=False), 1000) * 10)
        _user_words.update(new)


def segment_chinese(text: str, offset: int, words: Iterable[str]) -> list[tuple[int, int]]:
    add_user_words(words)
    with _lock:
        return [(offset + s, offset + e) for _, s, e in jieba_tokenizer().tokenize(text)]


def tokenize_english(text: str, offset: int) -> list[tuple[int, int]]:
    doc = english()(text)
    return [(offset + t.idx, offset + t.idx + len(t.text)) for t in doc if not t.is_space]


def warm_up() -> None:
    """Load both tokenizers now (the GUI calls this off the UI thread at start-up)."""
    jieba_tokenizer()
    english()
