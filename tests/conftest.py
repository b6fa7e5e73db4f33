"""Shared test setup: Qt runs offscreen so the suite needs no display (or CJK font)."""

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# No test reads the developer's own configuration (~/.config/voicecheck/config.yaml), nor
# writes to their data folder (the run history, the app's autosaves): subprocesses the
# tests start inherit both.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="voicecheck-xdg-")
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="voicecheck-data-")
