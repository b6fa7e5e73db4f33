"""`voicecheck guide ACTION`: style-guide tools."""

from __future__ import annotations

import argparse

from . import guide_learn, guide_terms
from .common import EXIT_OK, load


def validate(args: argparse.Namespace) -> int:
    load(args.guide_file)
    print(f"{args.guide_file}: ok")
    return EXIT_OK


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    g = sub.add_parser("guide", help="style guide tools")
    gsub = g.add_subparsers(dest="guide_command", required=True, metavar="ACTION")
    v = gsub.add_parser("validate", help="validate a guide and its packs")
    v.add_argument("guide_file", metavar="GUIDE")
    v.set_defaults(run=validate)
    guide_terms.add_parsers(gsub)
    guide_learn.add_parser(gsub)
