"""The analysed post every check reads: normalized text, language, sentences, tokens.

Tokens are computed on first use, so a post no check needs to segment never pays for
loading jieba's dictionary (about 1 s), and the English Doc (spaCy) only exists for posts
with English words.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from . import english, pipelines
from .normalize import Normalized, fold_case, normalize, to_canonical
from .script import HAN, ScriptCounts, count_scripts
from .spans import SpanIndex

_SENTENCE_END = re.compile(r"[。！？!?；;…]+[”’」』）)\"']*|\.(?=\s|$)[”’\"')]*|\n+")
_HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUN = re.compile(f"[{_HAN_CLASS}]+|[^{_HAN_CLASS}]+")
_LATIN_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|\S")


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Sentence(Span):
    language: str


@dataclass
class AnalysedPost:
    """Offsets of sentences and tokens index `norm.text` (and `norm.canonical`)."""

    norm: Normalized
    scripts: ScriptCounts
    sentences: list[Sentence]
    user_words: tuple[str, ...] = ()
    english_model: str | None = None  # an installed spaCy pipeline the guide or user named

    @property
    def original(self) -> str:
        return self.norm.original

    @property
    def text(self) -> str:
        return self.norm.text

    @property
    def language(self) -> str:
        return self.scripts.language

    @cached_property
    def folded(self) -> str:
        """The canonical text in lower case: what case-blind word lists are matched on."""
        return fold_case(self.norm.canonical)

    @cached_property
    def tokens(self) -> list[Span]:
        """Words of the post: jieba for Han runs, word/number/symbol runs elsewhere."""
        return [Span(s, e) for k in range(len(self._runs)) for s, e in self._run_tokens(k)]

    @cached_property
    def _runs(self) -> list[tuple[int, int]]:
        """The post cut into alternating Han and other runs; no token crosses one."""
        return [m.span() for m in _RUN.finditer(self.text)]

    @cached_property
    def _run_starts(self) -> list[int]:
        return [s for s, _ in self._runs]

    @cached_property
    def _segmented(self) -> dict[int, tuple[frozenset[int], frozenset[int]]]:
        return {}

    def _run_tokens(self, k: int) -> list[tuple[int, int]]:
        start, end = self._runs[k]
        if HAN.match(self.text, start):
            # jieba's dictionary is Simplified: Traditional text is segmented on its
            # canonical (same-length, Simplified) form, so 回覆 or 軟體 are words.
            return pipelines.segment_chinese(self.norm.canonical[start:end], start,
                                             self.user_words)
        return [(w.start() + start, w.end() + start)
                for w in _LATIN_TOKEN.finditer(self.text, start, end)]

    def _bounds_at(self, pos: int) -> tuple[frozenset[int], frozenset[int]]:
        """Token starts and ends of the run holding `pos`: only the runs a check asks
        about are segmented (jieba is most of a Chinese post's analysis)."""
        k = bisect_right(self._run_starts, pos) - 1
        found = self._segmented.get(k)
        if found is None:
            toks = self._run_tokens(k)
            found = self._segmented[k] = (frozenset(s for s, _ in toks),
                                          frozenset(e for _, e in toks))
        return found

    def starts_token(self, pos: int) -> bool:
        """Whether a word starts at `pos` (segmenting only the run around it)."""
        return 0 <= pos < len(self.text) and pos in self._bounds_at(pos)[0]

    def ends_token(self, pos: int) -> bool:
        """Whether a word ends at `pos`."""
        return 0 < pos <= len(self.text) and pos in self._bounds_at(pos - 1)[1]

    def word_at(self, pos: int) -> tuple[int, int]:
        """The word holding `pos` (segmenting only its run)."""
        starts, ends = self._bounds_at(pos)
        return (max((s for s in starts if s <= pos), default=pos),
                min((e for e in ends if e > pos), default=pos + 1))

    @cached_property
    def doc(self) -> Any | None:
        """The spaCy Doc of the normalized text (token offsets index `text`), or None for a
        post without English words: Chinese-only posts never load spaCy."""
        if not english.has_english(self.text):
            return None
        return english.parse(self.text, self.english_model,
                             [s.start for s in self.sentences])

    @cached_property
    def _sentence_index(self) -> SpanIndex[Sentence]:
        return SpanIndex(self.sentences)

    @cached_property
    def _token_index(self) -> SpanIndex[Span]:
        return SpanIndex(self.tokens)

    def sentence_at(self, pos: int) -> Sentence | None:
        return self._sentence_index.at(pos)

    def token_at(self, pos: int) -> Span | None:
        return self._token_index.at(pos)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        return self.norm.to_original(start, end)

    def in_chinese_sentence(self, pos: int) -> bool:
        """Chinese sentences take full-width punctuation (！), English ones half-width (!)."""
        s = self.sentence_at(pos)
        return s is not None and s.language != "en"


def split_sentences(text: str) -> list[Span]:
    spans: list[Span] = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        if text[pos : m.end()].strip():
            spans.append(Span(pos, m.end()))
        pos = m.end()
    if text[pos:].strip():
        spans.append(Span(pos, len(text)))
    return spans


def analyse(text: str, user_words: tuple[str, ...] = (), english_model: str | None = None
            ) -> AnalysedPost:
    norm = normalize(text)
    sentences = [
        Sentence(s.start, s.end, count_scripts(norm.text[s.start : s.end]).language)
        for s in split_sentences(norm.text)
    ]
    return AnalysedPost(
        norm=norm,
        scripts=count_scripts(norm.text),
        sentences=sentences,
        user_words=_segmenter_words(user_words),
        english_model=english_model,
    )


@lru_cache(maxsize=8)
def _segmenter_words(words: tuple[str, ...]) -> tuple[str, ...]:
    """The Chinese ones among a guide's words, also in their canonical (Simplified) form
    that Traditional text is segmented on: once per guide, not once per post."""
    han = [w for w in words if HAN.search(w)]
    return tuple(dict.fromkeys([*han, *map(to_canonical, han)]))
