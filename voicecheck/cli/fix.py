"""`voicecheck fix FILE...`: apply the safe suggestions in place (or `--diff` to preview).

Files keep their encoding, BOM, line endings, mode and links; a file with nothing to fix
is not written at all. `-` reads standard input and writes the fixed text to standard
output in the same encoding.
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from functools import partial

from ..readers import TEXT_SUFFIXES
from .check import config_path
from .common import (
    EXIT_BAD,
    EXIT_OK,
    UsageError,
    add_config_options,
    add_guide_option,
    add_lang_option,
    channel_key,
    configured_channel,
    guide_for,
    lang_for,
    project,
    read_decoded,
)


def run(args: argparse.Namespace) -> int:
    from ..atomic import ChangedOnDisk, write_atomic
    from ..draft import FrontMatterError, check_draft
    from ..fix import CannotWrite, fix_text, rule_selection, write_back

    try:
        rules = rule_selection(args.rules.split(",")) if args.rules else ()
    except ValueError as exc:
        raise UsageError(f"--rules: {exc}") from None
    proj = project(args)
    failed = False
    for name in args.files:
        if name != "-" and not name.lower().endswith(TEXT_SUFFIXES):
            print(f"error: {name}: not fixed: fix rewrites drafts (.txt, .md); an export "
                  "table is checked with voicecheck batch", file=sys.stderr)
            failed = True
            continue
        settings = proj.settings(config_path(name, args.stdin_filename))
        if settings.ignored.value and name != "-":
            print(f"{name}: not fixed: ignored by '{settings.ignored.value}' "
                  f"({settings.ignored.source})", file=sys.stderr)
            continue
        guide = guide_for(args, settings)
        channel, fallback = channel_key(guide, args.channel), configured_channel(settings, guide)
        before = None if name == "-" else os.stat(name)
        text, encoding, data = read_decoded(name)
        shown = args.stdin_filename if name == "-" and args.stdin_filename else name
        check = partial(check_draft, guide=guide, channel=channel, file=shown,
                        lang=lang_for(args, settings), fallback_channel=fallback,
                        project=settings.suppressions(), strict=True)

        try:
            fixed, applied = fix_text(text, check, rules)
            out = write_back(text, fixed, encoding, data) if fixed != text else data
        except FrontMatterError as exc:
            raise UsageError(f"{name}:{exc.line}:{exc.column}: {exc}") from None
        except CannotWrite as exc:
            print(f"error: {name}: {exc}", file=sys.stderr)
            failed = True
            continue
        if args.diff:
            a, b = (name, name) if os.path.isabs(name) else (f"a/{name}", f"b/{name}")
            for line in difflib.unified_diff(text.splitlines(keepends=True),
                                             fixed.splitlines(keepends=True), a, b):
                sys.stdout.write(line if line.endswith("\n") else
                                 line + "\n\\ No newline at end of file\n")
        elif name == "-":
            sys.stdout.flush()
            sys.stdout.buffer.write(out)
        elif fixed != text:
            try:
                write_atomic(name, out, expect=before)
            except (ChangedOnDisk, OSError) as exc:
                print(f"error: {name}: {exc}", file=sys.stderr)
                failed = True
                continue
        if name != "-" or args.diff:
            print(_summary(name, applied, args.diff), file=sys.stderr)
    return EXIT_BAD if failed else EXIT_OK


def _summary(name: str, applied: dict[str, int], preview: bool) -> str:
    if not applied:
        return f"{name}: nothing to fix"
    total = sum(applied.values())
    parts = ", ".join(f"{rule} ×{n}" if n > 1 else rule for rule, n in sorted(applied.items()))
    verb = "would fix" if preview else "fixed"
    return f"{name}: {verb} {total} finding{'s' if total != 1 else ''} ({parts})"


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    f = sub.add_parser("fix", help="apply safe suggestions (terminology, script, formatting)")
    f.add_argument("files", nargs="+", metavar="FILE", help="draft files, or - for stdin")
    add_guide_option(f)
    f.add_argument("--channel", "-c", help="channel profile from the guide: its key or name")
    f.add_argument("--rules", metavar="RULE,...",
                   help="only these rules or categories (default: every rule with a safe fix)")
    f.add_argument("--diff", action="store_true",
                   help="print what would change as a unified diff; write nothing")
    f.add_argument("--stdin-filename", metavar="NAME",
                   help="the file standard input stands for, for its configuration (editors)")
    add_config_options(f)
    add_lang_option(f)
    f.set_defaults(run=run)
