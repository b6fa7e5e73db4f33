"""`voicecheck check FILE...`: check drafts and print findings."""

from __future__ import annotations

import argparse

from .common import (
    EXIT_FAILED,
    EXIT_OK,
    UsageError,
    add_colour_option,
    add_guide_option,
    add_lang_option,
    colour,
    load,
    read_input,
)


def run(args: argparse.Namespace) -> int:
    from ..draft import FrontMatterError, check_draft
    from ..engine import UnknownChannel
    from ..report import json_report, text_report

    guide = load(args.guide)
    texts = [(name, read_input(name)) for name in args.files]
    reports = []
    for name, text in texts:
        try:
            reports.append(check_draft(text, guide, args.channel, file=name, lang=args.lang))
        except UnknownChannel as exc:
            raise UsageError(str(exc)) from None
        except FrontMatterError as exc:
            raise UsageError(f"{name}:{exc.line}:{exc.column}: {exc}") from None
    if args.format == "json":
        print(json_report.render(reports, as_array=len(reports) > 1))
    else:
        print(text_report.render(reports, colour=colour(args), lang=args.lang))
    return EXIT_OK if all(r.passed for r in reports) else EXIT_FAILED


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    c = sub.add_parser("check", help="check drafts and print findings")
    c.add_argument("files", nargs="+", metavar="FILE", help="draft files, or - for stdin")
    add_guide_option(c)
    c.add_argument("--channel", "-c", help="channel profile from the guide (weibo, x, ...)")
    c.add_argument("--format", "-f", choices=("text", "json"), default="text")
    add_colour_option(c)
    add_lang_option(c)
    c.set_defaults(run=run)
