"""The sizes voicecheck will not go past, in one place.

Each keeps a hostile or broken input from costing a run (memory, minutes, a hang); each
is named in the message that enforces it and listed in README.md ("Limits"). They are
far above what real posts, exports and guides need.
"""

from __future__ import annotations

MAX_INPUT_BYTES = 5 * 1024 * 1024  # a draft given to `check`, `convert`, `fix` or the app
MAX_POST_FILE_BYTES = 1024 * 1024  # a .txt / .md post in a batch folder
MAX_TABLE_FILE_BYTES = 64 * 1024 * 1024  # a .csv / .tsv / .json export
MAX_WORKBOOK_BYTES = 128 * 1024 * 1024  # an .xlsx once unpacked (its sheets' XML)
MAX_POST_CHARS = 100_000  # one post: a file, a table cell, a JSON field
MAX_TABLE_ROWS = 100_000  # rows read from one CSV, JSON list or worksheet
MAX_TABLE_COLUMNS = 1_024  # columns read from a worksheet (its cells cost no bytes to skip)
MAX_GUIDE_BYTES = 4 * 1024 * 1024  # a guide or a pack file
MAX_PACKS = 64  # packs one guide pulls in (each counted once)
MAX_EXTENDS_DEPTH = 16  # packs extending packs extending packs...
