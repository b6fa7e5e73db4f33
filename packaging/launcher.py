"""The bundle's one program, under two names: `voicecheck` is the command line (every
subcommand), `voicecheck-app` opens the desktop app (what the desktop entry, a
double-click on Windows and the macOS .app start) and passes its arguments to `gui`."""

import multiprocessing
import sys
from pathlib import Path

if __name__ == "__main__":
    multiprocessing.freeze_support()  # batch workers are spawned as this program again
    from voicecheck.cli import main

    if Path(sys.argv[0]).stem.lower() == "voicecheck-app":  # as started: a link on Linux
        sys.exit(main(["gui", *sys.argv[1:]]))
    sys.exit(main())
