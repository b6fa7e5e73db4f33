"""Script conversion targets for the Review workspace (the work is voicecheck.convert)."""

from __future__ import annotations

from ..convert import LOCALES as TARGETS
from ..convert import convert as convert_text

LABELS = {
    "zh-Hans": "简体 zh-Hans",
    "zh-Hant": "繁體 zh-Hant",
    "zh-Hant-TW": "臺灣正體 zh-Hant-TW",
    "zh-Hant-HK": "香港繁體 zh-Hant-HK",
}

__all__ = ["LABELS", "TARGETS", "convert_text"]
