"""Decode exported files whatever their encoding, and say why when we cannot."""

from __future__ import annotations

import codecs

MAX_BYTES = 5 * 1024 * 1024


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
            return data.decode(enc), enc
    if b"\x00" not in data:
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(
        data, cp_isolation=["gb18030", "big5", "utf_16", "utf_16_le", "utf_16_be", "cp1252"]
    ).best()
    if best is None or "\x00" in str(best):
        raise DecodeError("binary file (not text in a known encoding)")
    return str(best), best.encoding
