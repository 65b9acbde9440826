"""`scripts/build_pdf.py`: one printable sheet, of a series or of exercises you choose."""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

from ..command_line import Parser, existing, one_of
from ..loader import load_catalog
from ..problems import ContentError
from .content import sheet_for_exercises, sheet_for_series
from .dates import source_date_epoch
from .errors import SheetError
from .paths import LOCAL_SITE, site_url
from .pictures import qr_code_uri
from .render import PAPERS, render_sheet


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    try:
        output = build(args)
    except ContentError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print("fix the content first (make check lists the same problems)", file=sys.stderr)
        return 1
    except SheetError as error:
        for line in str(error).splitlines():
            print(f"build_pdf.py: {line}", file=sys.stderr)
        return 1
    if args.site_url == LOCAL_SITE:
        print(
            f"note: the QR code leads to the local preview, {LOCAL_SITE}; give --site-url or SITE_URL", file=sys.stderr
        )
    print(output)
    return 0


def build(args: argparse.Namespace) -> Path:
    root = Path.cwd()
    catalog = load_catalog(args.content_dir, root=root)
    if args.exercises is not None:
        slugs = [slug.strip() for slug in args.exercises.split(",") if slug.strip()]
        sheet = sheet_for_exercises(catalog, slugs, args.title or "", site_url=args.site_url, root=root)
    elif args.series in catalog.series:
        sheet = sheet_for_series(catalog.series[args.series], site_url=args.site_url, root=root)
    else:
        raise SheetError(_no_series(args.series, list(catalog.series)))
    output = args.output or Path(f"{sheet.slug}-{args.paper}.pdf")
    pdf = render_sheet(sheet, args.paper).pdf
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(pdf)
    except OSError as error:
        raise SheetError(f"cannot write {output}: {error.strerror}") from None
    return output


def _parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="build_pdf.py",
        description="Build a one-page printable sheet of a series, or of exercises you choose.",
        epilog='Examples: build_pdf.py desk-break --paper letter;  build_pdf.py --exercises cat-cow,thread-the-needle --title "My floor break"',
    )
    parser.add_argument("series", nargs="?", help="the series' slug, e.g. desk-break")
    parser.add_argument("--exercises", metavar="SLUG,SLUG", help="a custom sheet of these exercises, in this order")
    parser.add_argument("--title", help="the custom sheet's title (with --exercises)")
    parser.add_argument(
        "--paper", type=one_of(*PAPERS), default="a4", metavar="|".join(PAPERS), help="paper size (default: a4)"
    )
    parser.add_argument("--output", type=Path, help="the PDF to write (default: SLUG-PAPER.pdf here)")
    parser.add_argument(
        "--content-dir", type=existing("folder"), default=Path("content"), help="the content folder (default: content)"
    )
    parser.add_argument(
        "--site-url",
        default=site_url(),
        help="the guide's address, for the QR code (default: $SITE_URL, else the local preview)",
    )
    return parser


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = _parser()
    args = parser.parse_args(argv)
    if (args.series is None) == (args.exercises is None):
        parser.error("name a series, or give --exercises and --title, not both")
    if args.exercises is not None and not (args.title or "").strip():
        parser.error('--exercises needs a --title, e.g. --title "My desk break"')
    if args.title and args.exercises is None:
        parser.error("--title goes with --exercises; a series has its own title")
    try:
        qr_code_uri(args.site_url)  # a series' own address is longer, and is checked when its sheet is made
    except SheetError as error:
        parser.error(f"--site-url: {error}")
    try:
        source_date_epoch()
    except SheetError as error:
        parser.error(str(error))
    return args


def _no_series(slug: str, known: list[str]) -> str:
    close = difflib.get_close_matches(slug, known, n=1)
    return f"no series '{slug}'" + (
        f"; did you mean '{close[0]}'?" if close else f"; the series are {', '.join(known)}"
    )
