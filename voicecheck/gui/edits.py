"""Document edits that stay one undo step and keep the cursor where the user left it."""

from __future__ import annotations

from difflib import SequenceMatcher

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from .offsets import OffsetMap


def replace_span(cursor: QTextCursor, replacement: str) -> None:
    """Replace the cursor's selection with `replacement` as one undoable edit."""
    cur = QTextCursor(cursor)
    cur.beginEditBlock()
    cur.insertText(replacement)
    cur.endEditBlock()


def replace_text(editor: QPlainTextEdit, new_text: str) -> bool:
    """Turn the document into `new_text` by replacing only the parts that differ.

    Whole-text replacement would lose the cursor, scroll position and the live marks;
    a character diff (script conversion changes a few characters or phrases) applied
    back to front inside one edit block keeps them and undoes in one step.
    """
    old = editor.toPlainText()
    if old == new_text:
        return False
    ops = [op for op in SequenceMatcher(None, old, new_text, autojunk=False).get_opcodes()
           if op[0] != "equal"]
    offsets = OffsetMap(old)
    cur = QTextCursor(editor.document())
    cur.beginEditBlock()
    for _tag, i1, i2, j1, j2 in reversed(ops):
        cur.setPosition(offsets.to_qt(i1))
        cur.setPosition(offsets.to_qt(i2), QTextCursor.MoveMode.KeepAnchor)
        cur.insertText(new_text[j1:j2])
    cur.endEditBlock()
    return True
