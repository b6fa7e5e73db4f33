"""Shared test setup: Qt runs offscreen so the suite needs no display (or CJK font)."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
