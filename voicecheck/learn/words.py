"""Names and phrases that are this brand's own: how often the posts use them against how
often general Chinese (jieba's dictionary frequencies) or English (spaCy's lexeme
probabilities, from spacy-lookups-data) does.

A phrase is proposed when it recurs (in two posts or more) and is far more common in the
posts than in general text. Names are written as found; a spelling of a name that the
posts use far less often than its usual one is a candidate `avoid` entry.
"""

from __future__ import annotations

import gzip
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..text.entities import ADDRESSES, entities
from ..text.script import HAN

MIN_POSTS = 2  # a phrase must recur in this many posts
MAX_HAN = 8  # longest Chinese phrase considered, in characters
CHINESE_RATIO = 30.0  # times more common in the posts than in jieba's dictionary
ENGLISH_LOGPROB = -12.5  # rarer than this in general English (spaCy's lexeme_prob)
_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_NAME = re.compile(r"\b[A-Z][a-z]+(?:[A-Z][a-z0-9]+)+\b|\b[A-Z][A-Za-z0-9]*(?:[ -][A-Z0-9][A-Za-z0-9]*)*\b")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")


@dataclass
class Phrase:
    """A recurring word or name: as written, how often, where, and why it stands out."""

    text: str
    count: int
    sources: list[str] = field(default_factory=list)  # posts it is in, in order
    why: str = ""
    score: float = 0.0
    name: bool = False  # a name (brand, product, place): written with capitals or a brand's own word
    variants: dict[str, int] = field(default_factory=dict)  # rarer spellings -> count


@lru_cache(maxsize=1)
def jieba_frequencies() -> tuple[dict[str, int], int]:
    """Word -> frequency from jieba's own dictionary, and their total (never the running
    tokenizer's, which has the guide's words boosted in it)."""
    from ..text.pipelines import _import_jieba

    freq: dict[str, int] = {}
    path = Path(_import_jieba().__file__).parent / "dict.txt"
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split(" ", 2)
            if len(parts) >= 2 and parts[1].isdigit():
                freq[parts[0]] = int(parts[1])
    return freq, sum(freq.values())


@lru_cache(maxsize=1)
def english_logprobs() -> dict[str, float]:
    """Lower-cased word -> natural-log probability in general English (spaCy's table)."""
    data = resources.files("spacy_lookups_data") / "data" / "en_lexeme_prob.json.gz"
    with data.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as f:
        table = json.load(f)
    out: dict[str, float] = {}
    for word, p in table.items():
        low = word.lower()
        out[low] = max(out.get(low, -99.0), p)
    return out


def _chinese_expected(phrase: str, freq: dict[str, int], total: int) -> float:
    """How likely general Chinese is to have `phrase` at a given character: the
    dictionary's own frequency, else the product of its parts' (longest first)."""
    if phrase in freq:
        return freq[phrase] / total
    p, i = 1.0, 0
    while i < len(phrase):
        for j in range(min(len(phrase), i + 4), i, -1):
            piece = phrase[i:j]
            if piece in freq or j == i + 1:
                p *= max(freq.get(piece, 0), 1) / total
                i = j
                break
    return p


def _prose(text: str, hashtags: bool = True) -> str:
    """The text with links, e-mail addresses, hashtag marks and @handles blanked out
    (a hashtag's words still count unless `hashtags` is False: #白桃乌龙 is the brand's
    phrase)."""
    chars = list(text)
    for e in entities(text):
        if e.kind in ADDRESSES or (e.kind == "hashtag" and not hashtags):
            chars[e.start:e.end] = " " * (e.end - e.start)
    return "".join(chars).replace("#", " ")


def chinese_phrases(posts: Sequence[tuple[str, str]], limit: int = 12) -> list[Phrase]:
    """Recurring Chinese phrases far more common in the posts than in general Chinese,
    longest form kept (白桃乌龙 rather than 白桃 and 桃乌 when those only occur in it)."""
    from ..text.pipelines import segment_chinese

    freq, total = jieba_frequencies()
    counts: Counter[str] = Counter()
    where: dict[str, list[str]] = defaultdict(list)
    aligned: dict[str, bool] = {}  # starts and ends on jieba's word boundaries somewhere
    han_total = 0
    for source, text in posts:
        seen: set[str] = set()
        for run in _HAN_RUN.findall(_prose(text)):
            han_total += len(run)
            cuts = {b for a, b in segment_chinese(run, 0, ())} | {0}
            for n in range(2, MAX_HAN + 1):
                for i in range(len(run) - n + 1):
                    g = run[i:i + n]
                    counts[g] += 1
                    aligned[g] = aligned.get(g, False) or (i in cuts and i + n in cuts)
                    if g not in seen:
                        seen.add(g)
                        where[g].append(source)
    candidates = {g: c for g, c in counts.items() if len(where[g]) >= MIN_POSTS}
    keep: list[tuple[str, int]] = []  # longest first: a part about as common as its whole
    for g, c in sorted(candidates.items(), key=lambda kv: -len(kv[0])):  # is that whole's
        if g[0] in _EDGE or g[-1] in _EDGE:
            continue
        if not any(g in k and c * 0.75 <= kc for k, kc in keep):
            keep.append((g, c))
    out = []
    for g, c in keep:
        expected = _chinese_expected(g, freq, total)
        ratio = (c / max(han_total, 1)) / expected
        if ratio < CHINESE_RATIO or _trivial(g, freq) or not aligned.get(g, False):
            continue
        known = f"{freq[g]:,} in jieba's dictionary" if g in freq else "not in jieba's dictionary"
        out.append(Phrase(g, c, where[g], score=len(where[g]) * min(math.log10(ratio), 6.0),
                          why=f"{_times(ratio)} as common as in general Chinese ({known})"))
    out.sort(key=lambda p: (-p.score, -p.count))
    return out[:limit]


def _trivial(phrase: str, freq: dict[str, int]) -> bool:
    """Common words and function-word pairs are not the brand's (我们的, 一下)."""
    return phrase in freq and freq[phrase] > 20_000


def _times(ratio: float) -> str:
    return f"{ratio:,.0f}×" if ratio < 1e6 else "over a million times"


_STOP = frozenset(["a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has",
                   "have", "i", "in", "is", "it", "its", "of", "on", "or", "our", "so", "that",
                   "the", "their", "there", "this", "to", "was", "we", "were", "will", "with",
                   "you", "your", "us", "me", "my", "he", "she", "they", "them", "here", "more",
                   "all", "any", "not", "no", "can", "just", "if", "than", "then"])
# Characters a Chinese phrase does not start or end with: particles and function words.
_EDGE = frozenset("的了和与及或在是也都就很把被给对从向着过吗呢吧啊呀哦嘛")


def english_phrases(posts: Sequence[tuple[str, str]], limit: int = 12) -> list[Phrase]:
    """Recurring English words and two-word phrases that general English rarely uses."""
    probs = english_logprobs()
    counts: Counter[str] = Counter()
    written: dict[str, Counter[str]] = defaultdict(Counter)
    where: dict[str, list[str]] = defaultdict(list)
    for source, text in posts:
        words = _WORD.findall(_prose(text))
        seen: set[str] = set()
        grams = [*words, *(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))]
        for g in grams:
            key = g.lower()
            if any(w in _STOP for w in key.split()) or "'" in key or "’" in key:
                continue
            counts[key] += 1
            written[key][g] += 1
            if key not in seen:
                seen.add(key)
                where[key].append(source)
    out = []
    for key, c in counts.items():
        if len(where[key]) < MIN_POSTS or len(key) < 3:
            continue
        parts = key.split()
        logp = sum(probs.get(w, -20.0) for w in parts) if len(parts) == 1 else max(
            probs.get(w, -20.0) for w in parts)
        if logp > ENGLISH_LOGPROB:
            continue
        if len(parts) == 2 and (counts[parts[0]] > c or counts[parts[1]] > c) and \
                all(len(where[p]) >= MIN_POSTS for p in parts):
            continue  # the words recur on their own: the pair is not a phrase of its own
        form = written[key].most_common(1)[0][0]
        rarity = ("not in spaCy's English word list" if all(w not in probs for w in parts)
                  else f"rare in general English (log probability {logp:.1f})")
        out.append(Phrase(form, c, where[key], why=rarity, score=-logp * len(parts),
                          name=form[0].isupper()))
    # a word that only occurs inside a recurring pair is that pair
    pairs = [p for p in out if " " in p.text]
    out = [p for p in out if " " in p.text or not any(
        p.text.lower() in q.text.lower().split() and p.count <= q.count for q in pairs)]
    out.sort(key=lambda p: (-p.score, -p.count))
    return out[:limit]


def latin_names(posts: Sequence[tuple[str, str]]) -> list[Phrase]:
    """Latin names (ClearSpring, NorthPeak) with their spellings grouped: the same letters
    with other capitals, a space or a hyphen (Clearspring, Clear Spring, Clear-Spring) are
    variants of the most common one. Hashtags are left out (#SpringOolong is a tag's
    camel case, not a name)."""
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    where: dict[str, list[str]] = defaultdict(list)
    for source, text in posts:
        prose = _prose(text, hashtags=False)
        found = [m.group() for m in re.finditer(r"\b[A-Za-z][A-Za-z0-9]+\b", prose)]
        found += [m.group() for m in re.finditer(r"\b[A-Z][a-z0-9]+[ -][A-Z][a-z0-9]+\b", prose)]
        for form in found:
            key = re.sub(r"[\s-]+", "", form).lower()
            forms[key][form] += 1
            if source not in where[key]:
                where[key].append(source)
    out = []
    for key, written in forms.items():
        ranked = written.most_common()
        main, n = max(ranked, key=lambda fc: (_camel(fc[0]), fc[1]))
        if not _camel(main):
            continue
        variants = {f: c for f, c in ranked if f != main and c * 2 <= n}
        out.append(Phrase(main, n, where[key], name=True, variants=variants,
                          why="a name written with a capital inside it"))
    out.sort(key=lambda p: (-len(p.sources), -p.count, p.text))
    return out


def _camel(form: str) -> bool:
    """ClearSpring, NorthPeak: capitals inside one word."""
    return " " not in form and "-" not in form and bool(re.fullmatch(r"[A-Z][a-z]+(?:[A-Z][a-z0-9]+)+",
                                                                     form))


def chinese_names(posts: Sequence[tuple[str, str]], candidates: Iterable[Phrase]) -> list[Phrase]:
    """Which recurring Chinese phrases read as names: not in jieba's dictionary, and
    each a 3-6 character phrase."""
    freq, _ = jieba_frequencies()
    return [p for p in candidates if p.text not in freq and 3 <= len(p.text) <= 6
            and HAN.match(p.text)]
