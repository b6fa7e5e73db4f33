"""Chinese text for the guide editor and batch workspaces, on top of gui/i18n.py.

Source strings are English. `tr()` follows the app-wide UI language from gui/i18n.py
and looks here first, then in i18n's shared table, then falls back to the English.
"""

from __future__ import annotations

from . import i18n

ZH: dict[str, str] = {}


def tr(text: str, *args: object) -> str:
    """Translated `text`, with {0}… filled from args."""
    out = (ZH.get(text) or i18n.ZH.get(text, text)) if i18n.language().code == "zh" else text
    return out.format(*args) if args else out
