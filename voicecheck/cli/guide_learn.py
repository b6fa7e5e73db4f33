"""`voicecheck guide learn FOLDER`: a draft guide from a folder of approved posts."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..atomic import write_atomic
from ..learn import NoPosts, learn, render_learned
from ..readers import ColumnMap
from .common import EXIT_OK, UsageError


def run(args: argparse.Namespace) -> int:
    folder = Path(args.folder)
    if not folder.exists():
        raise UsageError(f"{folder}: no such folder")
    out = Path(args.out) if args.out else None
    if out is not None and out.exists() and not args.force:
        raise UsageError(f"{out}: exists; choose another name or add --force (the old file is "
                         "kept as .bak)")
    if out is not None and not out.resolve().parent.is_dir():
        raise UsageError(f"{out}: folder does not exist")
    columns = ColumnMap(args.text_column, args.channel_column)
    tty = sys.stderr.isatty()
    try:
        learned = learn(folder, brand=args.brand, default_channel=args.channel, columns=columns,
                        progress=(lambda s: print(f"… {s}", file=sys.stderr)) if tty else None)
    except NoPosts as exc:
        raise UsageError(str(exc)) from None
    text = render_learned(learned)
    if out is None:
        sys.stdout.write(text)
    else:
        write_atomic(out, [text], backup=out.exists())
    accepted = sum(p.accepted for p in learned.proposals)
    state = ("all pass" if not learned.failing
             else f"{len(learned.failing)} still fail")
    print(f"{out or 'standard output'}: {accepted} proposals from {len(learned.posts):,} posts "
          f"({len(learned.proposals) - accepted} more as comments); checked against them: "
          f"{state}", file=sys.stderr)
    for s in learned.skipped[:10]:
        print(f"skipped {s.source}: {s.reason}", file=sys.stderr)
    return EXIT_OK


def add_parser(gsub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    g = gsub.add_parser("learn", help="propose a guide from a folder of approved posts")
    g.add_argument("folder", metavar="FOLDER", help="approved posts: a folder or an export file")
    g.add_argument("--out", "-o", metavar="GUIDE", help="write the draft here (default: print it)")
    g.add_argument("--force", action="store_true", help="replace --out if it exists (kept as .bak)")
    g.add_argument("--brand", help="the brand's name as it must be written (default: the name "
                                   "the posts use most)")
    g.add_argument("--channel", "-c", help="channel for posts whose file, column or folder "
                                           "names none")
    g.add_argument("--text-column", metavar="NAME", help="column / JSON field holding the text")
    g.add_argument("--channel-column", metavar="NAME", help="column holding the channel")
    g.set_defaults(run=run)
