"""`voicecheck convert --to LOCALE FILE`: print a post in another script and region's words."""

from __future__ import annotations

import argparse
import sys

from ..convert import LOCALES
from .common import EXIT_OK, read_input


def run(args: argparse.Namespace) -> int:
    from ..convert import convert

    sys.stdout.write(convert(read_input(args.file), args.to))
    return EXIT_OK


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    k = sub.add_parser("convert", help="convert a post's script and regional wording")
    k.add_argument("file", metavar="FILE", help="draft file, or - for stdin")
    k.add_argument("--to", "-t", required=True, choices=LOCALES, metavar="LOCALE",
                   help=f"target locale: {', '.join(LOCALES)}")
    k.set_defaults(run=run)
