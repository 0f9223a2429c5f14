"""The dashboard's files from the command line, made by the same code as its download buttons.

    python -m itclusters export --format png --query "region=east&lang=uk" --out east.png
    python -m itclusters export --format pptx --story overview --out slides.pptx

Exit codes: 0 written; 1 the data files have errors; 2 a usage error (a bad format, query value,
story or --out); 3 the file could not be written (a full disk, no permission). The query takes the
dashboard's URL parameters; a value the address would ignore with a notice is an error here, with
the same message. --out is a regular file, new or replaced whole: a directory, a device, a FIFO or
a symbolic link is refused (a link is followed with --follow-symlinks). Nothing is written on an
error.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path
from urllib.parse import parse_qs

from . import address, i18n
from . import filters as flt
from .data import load_dataset
from .files import Refused, check, write_file
from .geo import load_oblasts
from .maps import MapOptions
from .outputs import FORMATS, Request, make
from .stories import load_stories

# The address's parameters a file can follow: the filters, the map's layers, the language.
QUERY_PARAMETERS = (*flt.PARAMETERS, *address.LAYER_FLAGS, "shading", "lang")
USAGE, DATA, WRITE = 2, 1, 3


def parser() -> argparse.ArgumentParser:
    parse = argparse.ArgumentParser(prog="python -m itclusters", description=__doc__.split("\n\n")[0])
    commands = parse.add_subparsers(dest="command", required=True)
    export = commands.add_parser("export", help="write the map, slides, pack or data for a view to a file")
    export.add_argument("--format", required=True, choices=list(FORMATS))
    export.add_argument("--query", default="", help='the URL parameters, e.g. "region=east&lang=uk"')
    export.add_argument("--story", default="overview", help="the story the slides follow (pptx, zip)")
    export.add_argument("--out", required=True, help="the file to write: a new or regular file, replaced whole")
    export.add_argument(
        "--follow-symlinks", action="store_true", help="when --out is a symbolic link, write to its target"
    )
    return parse


def fail(code: int, lines: list[str]) -> int:
    for line in lines:
        print(f"error: {line}", file=sys.stderr)
    return code


def export(args: argparse.Namespace) -> int:
    params = parse_qs(args.query.lstrip("?"), keep_blank_values=True)
    unknown = sorted(set(params) - set(QUERY_PARAMETERS))
    if unknown:
        return fail(USAGE, [f"unknown parameter {name!r}; expected {', '.join(QUERY_PARAMETERS)}" for name in unknown])
    lang = params.pop("lang", [i18n.DEFAULT])[0]
    if lang not in i18n.LANGUAGES:
        return fail(USAGE, [f"Ignored lang={lang[:40]!r}: not one of {', '.join(i18n.LANGUAGES)}."])
    i18n.set_language(lang)
    loaded = load_dataset()
    errors = [p for p in loaded.problems if p.severity == "error"]
    if loaded.dataset is None or errors:
        return fail(DATA, [str(p) for p in errors] or ["no data could be loaded"])
    dataset = loaded.dataset
    vocabulary = dataset.vocabulary()
    parsed = address.parse(params, vocabulary, ())
    if parsed.notices:
        return fail(USAGE, parsed.notices)
    layers = parsed.address.layers
    options = MapOptions(
        relocations=layers.relocations,
        hubs=layers.hubs,
        choropleth=None if layers.shading == "none" else layers.shading,
        labels=layers.labels,
    )
    stories, problems = load_stories(vocabulary)
    if args.story not in stories:
        known = ", ".join(sorted(stories)) or "none"
        return fail(USAGE, [str(p) for p in problems] + [f"unknown story {args.story!r}; the stories are {known}"])
    oblasts, _geo_problems = load_oblasts()
    filters = parsed.address.filters
    request = Request(dataset, oblasts, filters, options, stories[args.story], vocabulary, datetime.date.today())
    content = make(args.format, request)
    try:  # written beside the target and renamed: a failure never leaves half a file
        written = write_file(args.out, content, args.follow_symlinks)
    except Refused as refused:
        return fail(USAGE, [str(refused)])
    except OSError as error:
        return fail(WRITE, [f"cannot write to {args.out!r}: {error.strerror or error}"])
    print(f"wrote {Path(written).resolve()} ({len(content):,} bytes)")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:  # before the work of making the file
        check(args.out, args.follow_symlinks)
    except Refused as refused:
        return fail(USAGE, [str(refused)])
    return export(args)


if __name__ == "__main__":
    sys.exit(main())
