"""The phrase matcher: leftmost-longest hits on characters, whole Latin words only."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from voicecheck.text.analysis import analyse
from voicecheck.text.matching import find

PHRASES = ["best ever", "best", "VIP", "#1", "全网最低价", "全网最", "最好", "you're", "亲们"]
PIECES = ["best", " ", "  ", "ever", "Best", "EVER", "VIP", "AVIPX", "vips", "#1", "a#1", "全网",
          "最低价", "最好", "最近", "亲们", "父亲们", "you're", "you’re", "\n", "😀", "ＶＩＰ", "!"]


def test_longest_phrase_wins_and_case_and_spacing_are_ignored() -> None:
    post = analyse("BEST  EVER deal, the best tea, 全网最低价 and 全网最好")
    found = [(post.text[h.start:h.end], h.phrase) for h in find(post, PHRASES)]
    assert found == [("BEST  EVER", "best ever"), ("best", "best"), ("全网最低价", "全网最低价"),
                     ("全网最", "全网最")]


def test_latin_phrases_are_whole_words_and_hash_one_is_a_symbol() -> None:
    post = analyse("AVIPX and VIPs are not VIP; a#1 counts, #12 does not")
    assert [post.text[h.start:h.end] for h in find(post, PHRASES)] == ["VIP", "#1"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=16))
def test_hits_are_ordered_disjoint_and_spell_their_phrase(parts: list[str]) -> None:
    post = analyse("".join(parts))
    hits = find(post, PHRASES)
    text = post.norm.canonical.lower()
    for a, b in zip(hits, hits[1:], strict=False):
        assert a.end <= b.start
    for h in hits:
        written = " ".join(text[h.start:h.end].replace("’", "'").split())
        assert written == h.phrase.lower().replace("’", "'")
        if re.match(r"[A-Za-z0-9]", h.phrase[-1]):
            assert not re.match(r"[A-Za-z0-9]", text[h.end:h.end + 1])
        if re.match(r"[A-Za-z0-9]", h.phrase[0]) and h.start:
            assert not re.match(r"[A-Za-z0-9]", text[h.start - 1])
