"""`voicecheck guide terms export|import`: the guide's terms as a CSV or TBX term base."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..files import display_name
from ..guide import load_guide, parse_guide, read_own_guide, save_text
from ..guide.loader import guide_text
from ..guide.splice import rewrite
from ..termbase import merge, read_terms, write_terms
from .common import EXIT_OK, UsageError


def export(args: argparse.Namespace) -> int:
    own = read_own_guide(args.guide_file)
    load_guide(args.guide_file)  # a guide with problems is not exported
    out = Path(args.out)
    if out.suffix.lower() not in (".csv", ".tsv", ".tbx"):
        raise UsageError(f"{args.out}: write a .csv, .tsv or .tbx file")
    if not out.resolve().parent.is_dir():
        raise UsageError(f"{args.out}: folder does not exist")
    title = own.brand.name or Path(args.guide_file).stem
    write_terms(own.terms, out, own.language, title)
    print(f"{args.out}: {len(own.terms)} terms", file=sys.stderr)
    return EXIT_OK


def import_(args: argparse.Namespace) -> int:
    path = Path(args.guide_file)
    own = read_own_guide(path)
    imported, notes = read_terms(args.termbase, display_name(args.termbase))
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    if args.replace:
        own.terms, replaced, added = imported, len(own.terms), len(imported)
    else:
        own.terms, replaced, added = merge(own.terms, imported)
    before = guide_text(path)
    text = rewrite(before, own, display_name(path))
    parse_guide(text, display_name(path), path.resolve().parent)  # GuideError: not saved
    if args.dry_run:
        sys.stdout.write(text)
    elif text != before:
        save_text(text, path)
    verb = "would get" if args.dry_run else "now has"
    print(f"{display_name(path)}: {verb} {len(own.terms)} terms ({added} added, {replaced} "
          f"{'removed' if args.replace else 'replaced'})", file=sys.stderr)
    return EXIT_OK


def add_parsers(gsub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    t = gsub.add_parser("terms", help="export or import the guide's terms (CSV, TBX)")
    tsub = t.add_subparsers(dest="terms_command", required=True, metavar="ACTION")
    e = tsub.add_parser("export", help="write the guide's terms as a term base")
    e.add_argument("guide_file", metavar="GUIDE")
    e.add_argument("out", metavar="OUT", help="a .csv (UTF-8 with BOM) or .tbx (TBX-Basic) file")
    e.set_defaults(run=export)
    i = tsub.add_parser("import", help="fold a term base (.csv, .tbx) into the guide")
    i.add_argument("guide_file", metavar="GUIDE")
    i.add_argument("termbase", metavar="TERMBASE", help="a .csv/.tsv or .tbx file")
    i.add_argument("--replace", action="store_true",
                   help="replace the guide's terms instead of merging (same id or a shared "
                        "word: replaced; others added)")
    i.add_argument("--dry-run", action="store_true",
                   help="print the guide as it would be; change nothing")
    i.set_defaults(run=import_)
