"""Code-point <-> UTF-16 conversion: round trips with emoji and CJK Extension B."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from voicecheck.gui.offsets import OffsetMap, utf16_length

# Mix BMP Chinese/Latin with astral emoji and CJK Extension B so pairs are common.
CHARS = st.one_of(
    st.sampled_from(list("清泉茶飲 aZ！#\n")),
    st.sampled_from(["😀", "🍵", "👍", "𠀀", "𪚥", "𠮷"]),
    st.characters(codec="utf-8", exclude_categories=("Cs",)),
)
TEXTS = st.lists(CHARS, max_size=60).map("".join)


@given(TEXTS)
def test_round_trip_every_index(text: str) -> None:
    m = OffsetMap(text)
    for i in range(len(text) + 1):
        assert m.to_py(m.to_qt(i)) == i


@given(TEXTS)
def test_qt_position_matches_utf16_prefix_length(text: str) -> None:
    m = OffsetMap(text)
    for i in range(len(text) + 1):
        assert m.to_qt(i) == utf16_length(text[:i])
    assert m.to_qt(len(text)) == utf16_length(text)


@given(TEXTS)
def test_position_inside_surrogate_pair_rounds_down(text: str) -> None:
    m = OffsetMap(text)
    for i, ch in enumerate(text):
        if ord(ch) > 0xFFFF:
            assert m.to_py(m.to_qt(i) + 1) == i


def test_known_example() -> None:
    text = "😀清𠮷a"
    m = OffsetMap(text)
    assert [m.to_qt(i) for i in range(5)] == [0, 2, 3, 5, 6]
    assert [m.to_py(p) for p in range(7)] == [0, 0, 1, 2, 2, 3, 4]
