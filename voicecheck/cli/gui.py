"""`voicecheck gui [FILE]`: open the desktop app."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..messages import LANGUAGES
from .common import BUILTIN_GUIDE, UsageError, channel_key, load, read_input


def run(args: argparse.Namespace) -> int:
    """Open the desktop app; the guide, channel and draft are validated here first."""
    guide = load(args.guide) if args.guide else None
    channel = channel_key(guide or load(None), args.channel)
    text = read_input(args.file) if args.file else None
    if args.batch and not Path(args.batch).is_dir():
        raise UsageError(f"{args.batch}: no such folder")
    if args.screenshot and text is None:
        raise UsageError("--screenshot needs a FILE to check")
    from ..gui.system_libs import problem

    blocker = problem()
    if blocker is not None:
        raise UsageError(blocker)
    from ..gui.app import main as gui_main

    return gui_main(
        guide=guide,
        guide_path=Path(args.guide) if args.guide and args.guide != BUILTIN_GUIDE else None,
        text=text,
        file=Path(args.file) if args.file and args.file != "-" else None,
        channel=channel,
        screenshot=Path(args.screenshot) if args.screenshot else None,
        language=args.lang,
        theme=args.theme,
        tab=("review", "batch", "guide").index(args.tab),
        batch_folder=Path(args.batch) if args.batch else None,
    )


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    u = sub.add_parser("gui", help="open the desktop app (review, batch, style guide)")
    u.add_argument("file", nargs="?", metavar="FILE", help="draft to open and check")
    u.add_argument("--guide", "-g", help=f"style guide YAML, or {BUILTIN_GUIDE} "
                   "(default: the last one used)")
    u.add_argument("--channel", "-c", help="channel profile to review for")
    u.add_argument("--batch", metavar="FOLDER",
                   help="folder the Batch workspace starts with (default: the last one run)")
    u.add_argument("--screenshot", metavar="OUT.png",
                   help="check FILE, save a screenshot of the window and exit")
    u.add_argument("--lang", choices=LANGUAGES, help="UI language (default: remembered)")
    u.add_argument("--theme", choices=("system", "light", "dark"), help="colour theme")
    u.add_argument("--tab", choices=("review", "batch", "guide"), default="review",
                   help="workspace shown first (for --screenshot)")
    u.set_defaults(run=run)
