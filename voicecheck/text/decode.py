"""Decode exported files whatever their encoding, and say why when we cannot."""

from __future__ import annotations

import codecs
import unicodedata
from functools import cache

from .. import limits

MAX_BYTES = limits.MAX_INPUT_BYTES


class DecodeError(ValueError):
    """Raised with a user-facing reason (binary, empty, too large, unknown encoding)."""


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_bytes(data: bytes, max_bytes: int = MAX_BYTES) -> tuple[str, str]:
    """Return (text, encoding). UTF-8 is tried first: detection guesses wrong on short posts."""
    if len(data) > max_bytes:
        raise DecodeError(f"file is too large ({len(data) // 1024} KiB > {max_bytes // 1024} KiB)")
    if not data.strip():
        raise DecodeError("file is empty")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as err:
                raise DecodeError(f"starts with a {enc.upper()} byte-order mark but is not "
                                  f"valid {enc.upper()} at byte {err.start}") from None
    if b"\x00" not in data:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = None
        if text is not None and not _foreign_only(text):
            return text, "utf-8"
        chinese = _chinese_legacy(data, perfect=text is not None)
        if chinese is not None:
            return chinese
        if text is not None:
            return text, "utf-8"
    from charset_normalizer import from_bytes

    # UTF-16 without a byte-order mark has a NUL in every ASCII character; text without
    # one read as UTF-16 is Chinese-looking noise (a Big5 'Twitter和YouTube' post was).
    isolation = ["gb18030", "big5", "cp1252"]
    if b"\x00" in data:
        isolation += ["utf_16", "utf_16_le", "utf_16_be"]
    best = from_bytes(data, cp_isolation=isolation).best()
    if best is None or "\x00" in str(best):
        raise DecodeError("binary file (not text in a known encoding)")
    return str(best), best.encoding


def _foreign_only(text: str) -> bool:
    """Valid UTF-8 that reads as letters of an alphabet we do not check, and nothing else.

    A short GB18030 post can be valid UTF-8 byte for byte: 专专专专 is D7 A8 x4, Hebrew
    רררר as UTF-8, and 源:;同时 reads as Armenian, Greek and IPA. Such a reading has no
    ASCII letter and nothing but U+0180-U+07FF (Latin Extended-B to NKo) beyond ASCII:
    text with an English word or a Western European letter (café, α-arbutin, β testing,
    £5) stays UTF-8.
    """
    wide = [c for c in text if ord(c) > 0x7F]
    return bool(wide) and all(0x180 <= ord(c) <= 0x7FF for c in wide) and not any(
        c.isascii() and c.isalpha() for c in text)


def _plausibility(text: str, traditional: bool) -> tuple[float, float]:
    """How much a legacy reading looks like everyday Chinese: the mean and the least,
    over non-ASCII characters, of 1 for a frequent one, 0.8 for a common one, 0 for a
    rare one and -1 for one no real text holds.

    GB2312 level 1 (lead bytes 0xB0-0xD7) holds the 3,755 most common characters and
    rows 0xA1-0xA3 CJK punctuation: a wrong GBK/Big5 guess produces rare characters,
    kana or Hangul instead, so this tells the two apart even on a four-character post;
    the 1,000 most frequent (lexicons/frequent-hanzi.yaml) decide between two common
    readings (間 over 丁). A Big5 reading is folded to Simplified first. Row 0xA8's
    pinyin letters with tone marks are common only inside a Latin word (营(yíng)销);
    alone, like its bopomofo and row 0xA1's modifier marks (ˇ ¨), they are a Big5
    character misread (备ê, be崩約ㄤA, Centerˇs). Read as Big5, such a pinyin letter
    becomes a character wedged inside the word (y赤ng), which counts 3/4: Twitter和YouTube
    is real. Private-use and unassigned code points are what GB18030 makes of byte pairs
    that are not GB characters.
    """
    from .script import converter

    folded = converter("t2s").convert(text) if traditional else text
    if len(folded) != len(text):
        folded = text
    scores = [_char_score(folded, i, text) for i, c in enumerate(folded) if ord(c) > 0x7F]
    return (sum(scores) / len(scores), min(scores)) if scores else (0.0, 0.0)


def _char_score(folded: str, i: int, text: str) -> float:
    c = folded[i]
    if unicodedata.category(c) in ("Co", "Cn", "Cc"):
        return -1.0
    try:
        lead = c.encode("gb2312")[0]
    except UnicodeEncodeError:
        return 0.0
    after_latin = i > 0 and _latin(text[i - 1])
    before_latin = i < len(text) - 1 and _latin(text[i + 1])
    if lead == 0xA8:  # pinyin letters, then bopomofo
        latin = unicodedata.name(c, "").startswith("LATIN")
        return float((after_latin or before_latin) and latin)
    if 0xA1 <= lead <= 0xA3:
        return float(unicodedata.category(c) not in ("Lm", "Sk"))
    if 0xB0 <= lead <= 0xD7:
        weight = 1.0 if c in _frequent() else 0.8
        return weight * 0.75 if after_latin and before_latin else weight
    return 0.0


@cache
def _frequent() -> frozenset[str]:
    from ..data import lexicon

    return frozenset("".join(lexicon("frequent-hanzi")["characters"].split()))


def _latin(c: str) -> bool:
    return c.isascii() and c.isalpha()


def _chinese_legacy(data: bytes, perfect: bool = False) -> tuple[str, str] | None:
    """GB18030 or Big5, whichever decodes to more common Chinese; None if neither fits
    (with `perfect`, if the better one has a character that is not common).

    Statistical detectors guess wrong on short posts (a GBK `你好` reads as Big5 `斕疑`),
    so both strict decodings are scored on character frequency instead. On a tie (a
    single character can be common in both: 丁 and 間 are the same two bytes) GB18030,
    the more common of the two, wins.
    """
    best: tuple[float, float, str, str] | None = None
    for enc in ("gb18030", "big5"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        mean, least = _plausibility(text, traditional=enc == "big5")
        if best is None or mean > best[0]:
            best = (mean, least, text, enc)
    if best is None or best[0] < 0.6 or (perfect and best[1] < 0.6):
        return None
    return best[2], best[3]
