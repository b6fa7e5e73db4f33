"""Shared test setup: Qt runs offscreen so the suite needs no display (or CJK font)."""

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# No test reads the developer's own configuration (~/.config/voicecheck/config.yaml).
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="voicecheck-xdg-")
