"""Decode exported files whatever their encoding, and say why when we cannot."""

from __future__ import annotations

import codecs

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
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
        chinese = _chinese_legacy(data)
        if chinese is not None:
            return chinese
    from charset_normalizer import from_bytes

    best = from_bytes(
        data, cp_isolation=["gb18030", "big5", "utf_16", "utf_16_le", "utf_16_be", "cp1252"]
    ).best()
    if best is None or "\x00" in str(best):
        raise DecodeError("binary file (not text in a known encoding)")
    return str(best), best.encoding


def _common_share(text: str) -> float:
    """Share of non-ASCII characters that are everyday Chinese (after folding to Simplified).

    GB2312 level 1 (lead bytes 0xB0-0xD7) holds the 3,755 most frequent characters, rows
    0xA1-0xA3 hold CJK punctuation and row 0xA8 pinyin with tone marks (营(yíng)销); a
    wrong GBK/Big5 guess produces rare characters, kana or Hangul instead, so this tells
    the two apart even on a four-character post. Read as Big5, a GB pinyin letter becomes
    a character wedged inside a Latin word (y赤ng): that counts against the guess.
    """
    from .script import converter, is_han

    folded = converter("t2s").convert(text)
    if len(folded) != len(text):
        folded = text
    wide = good = 0
    for i, c in enumerate(folded):
        if ord(c) <= 0x7F:
            continue
        wide += 1
        if 0 < i < len(text) - 1 and is_han(c) and _latin(text[i - 1]) and _latin(text[i + 1]):
            continue  # a character inside a Latin word
        try:
            lead = c.encode("gb2312")[0]
        except UnicodeEncodeError:
            continue
        good += 0xB0 <= lead <= 0xD7 or 0xA1 <= lead <= 0xA3 or lead == 0xA8
    return good / wide if wide else 0.0


def _latin(c: str) -> bool:
    return c.isascii() and c.isalpha()


def _chinese_legacy(data: bytes) -> tuple[str, str] | None:
    """GB18030 or Big5, whichever decodes to more common Chinese; None if neither fits.

    Statistical detectors guess wrong on short posts (a GBK `你好` reads as Big5 `斕疑`),
    so both strict decodings are scored on character frequency instead.
    """
    best: tuple[float, str, str] | None = None
    for enc in ("gb18030", "big5"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        share = _common_share(text)
        if best is None or share > best[0]:
            best = (share, text, enc)
    if best is None or best[0] < 0.6:
        return None
    return best[1], best[2]
