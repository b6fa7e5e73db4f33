"""Chinese segmentation, loaded once per process and only when a check first needs it.

We call jieba directly rather than through spaCy's `zh` pipeline (which wraps the same
segmenter): offsets stay exact and a cold check does not pay spaCy's ~1.2 s import on
top of jieba's dictionary load (see benchmarks/cold_check.py). That load is cut further
by dropping the dictionary's rarest words, which does not change how everyday text is
segmented. The guide's brand and term words go into jieba's user dictionary so they
stay one token.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import threading
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

MIN_FREQ = 5  # keeps 137k of jieba's 349k words; loads about 2.5x faster
LISTED_FREQ = 100  # wins over single characters, not over a word jieba knows

_lock = threading.Lock()  # jieba's dictionary is shared mutable state
_load_lock = threading.Lock()  # the GUI's warm-up and first check may race to load
_user_words: set[str] = set()


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "voicecheck"


def _import_jieba() -> Any:
    """Import jieba without letting it import pkg_resources (~0.3 s) just to find its files."""
    blocked = "pkg_resources" not in sys.modules
    if blocked:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # jieba falls back to open()
    try:
        import jieba
    finally:
        if blocked:
            del sys.modules["pkg_resources"]
    return jieba


def _trimmed_dictionary(jieba: Any, folder: Path) -> Path | None:
    """jieba's dictionary without words rarer than MIN_FREQ, written once to the cache."""
    target = folder / f"jieba-{jieba.__version__}-f{MIN_FREQ}.txt"
    if target.exists():
        return target
    source = Path(jieba.__file__).parent / "dict.txt"
    try:
        kept = [line for line in source.read_text(encoding="utf-8").splitlines()
                if int(line.split(" ", 2)[1]) >= MIN_FREQ]
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write("\n".join(kept) + "\n")
        os.replace(tmp, target)
    except (OSError, ValueError, IndexError):
        return None  # unwritable cache or unexpected format: use the full dictionary
    return target


@lru_cache(maxsize=1)
def _load_jieba() -> Any:
    jieba = _import_jieba()
    jieba.setLogLevel(logging.WARNING)
    folder = cache_dir()
    dictionary = _trimmed_dictionary(jieba, folder)
    tok = jieba.Tokenizer(dictionary=str(dictionary) if dictionary else jieba.DEFAULT_DICT)
    if dictionary:
        tok.tmp_dir = str(folder)  # keep jieba's own prefix cache beside ours
    tok.initialize()
    _teach_dictionary_words(tok)
    return tok


def jieba_tokenizer() -> Any:
    with _load_lock:
        return _load_jieba()


_dictionary_words: frozenset[str] = frozenset()  # rebound, never mutated: read unlocked
_rule_words: frozenset[str] = frozenset()  # rebound, never mutated
_invented: set[str] = set()  # rule-list words jieba lacked before they were taught
_taught: list[object] = []  # the last word list taught: posts of one guide pass the same one
_dictionary = [0]  # bumped whenever words are taught: segmentations cached before are stale


def add_user_words(words: Iterable[str]) -> None:
    """Teach jieba brand and term words (idempotent, thread-safe)."""
    if _taught and _taught[0] is words:
        return
    new = {w for w in words if w and w not in _user_words}
    if not new:
        _taught[:] = [words]
        return
    with _lock:
        tok = jieba_tokenizer()
        _invented.update(w for w in new if w in _rule_words and not tok.FREQ.get(w))
        for word in sorted(new):
            tok.add_word(word, freq=max(tok.suggest_freq(word, tune=False), 1000) * 10)
        _user_words.update(new)
        _dictionary[0] += 1
        _taught[:] = [words]


def add_dictionary_words(words: Iterable[str]) -> None:
    """Words jieba's dictionary lacks, as ordinary words (士多啤梨 and 宅配 stay whole), unlike
    add_user_words, which forces them: a forced 数位 would split 三位数位置 as 三/位/数位/置.
    Kept until jieba loads, so naming them costs an English-only run nothing."""
    global _dictionary_words
    with _lock:
        _dictionary_words = _dictionary_words.union(words)
        if _load_jieba.cache_info().currsize:
            _teach_dictionary_words(_load_jieba())


def _teach_dictionary_words(tok: Any) -> None:
    new = sorted(w for w in _dictionary_words if not tok.FREQ.get(w))
    for word in new:
        tok.add_word(word, freq=LISTED_FREQ)
    if new:
        _dictionary[0] += 1


def add_rule_words(words: Iterable[str]) -> None:
    """Words of the rule tables' lists: taught like brand words, so 手刀 stays whole, but
    one jieba did not know (也能喝) is no evidence that 喝出 starts inside a word."""
    global _rule_words
    _rule_words = _rule_words.union(words)


def taught_only(word: str) -> bool:
    """A rule list's phrase that is a word only because it was taught (也能喝)."""
    return word in _invented


def knows(word: str) -> bool:
    """A word of jieba's dictionary or a brand or term word taught to it, not one its HMM
    guessed or a rule list's phrase it lacked."""
    return bool(jieba_tokenizer().FREQ.get(word)) and word not in _invented


def segment_chinese(text: str, offset: int, words: Iterable[str]) -> list[tuple[int, int]]:
    add_user_words(words)
    return [(offset + s, offset + e) for s, e in _segments(text, _dictionary[0])]


@lru_cache(maxsize=16384)
def _segments(text: str, dictionary: int) -> tuple[tuple[int, int], ...]:
    """jieba's words of one run of Han text. Kept per run and dictionary state: runs
    recur (a draft re-checked on every keystroke changes one run; 我们、谢谢 recur in
    every export)."""
    with _lock:
        return tuple((s, e) for _, s, e in jieba_tokenizer().tokenize(text))


def warm_up() -> None:
    """Load the segmenter now (the GUI calls this off the UI thread at start-up)."""
    jieba_tokenizer()
