"""`dvc-kiosk catalog check` and `dvc-kiosk catalog search`: the catalog seen from an editor's side.

`check` is what content editors run before committing a procedure file (docs/catalog-format.md);
`search` lets them see what a resident's words would find. Neither loads Qt.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

EXIT_OK = 0
EXIT_ERRORS = 1


def _default_root() -> Path:
    from kiosk.paths import resources_dir

    return resources_dir() / "catalog"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `catalog` command with its `check` and `search` subcommands."""
    catalog = subparsers.add_parser("catalog", help="check or search the procedure catalog")
    sub = catalog.add_subparsers(dest="catalog_command", metavar="SUBCOMMAND", required=True)

    check = sub.add_parser("check", help="validate every catalog file (exit 1 on any error)")
    check.add_argument("--root", type=Path, default=None, help="catalog folder (default: bundled)")
    check.add_argument(
        "--max-age-days",
        type=int,
        default=365,
        metavar="N",
        help="warn when facts were last checked more than N days ago (default 365)",
    )
    check.add_argument(
        "--as-of",
        type=date.fromisoformat,
        default=None,
        metavar="YYYY-MM-DD",
        help="count those days back from this date instead of today (what will be stale then)",
    )
    check.set_defaults(func=run_check)

    search = sub.add_parser("search", help="show what a resident's query would find")
    search.add_argument("query", help="the words, as a resident would type them")
    search.add_argument("--limit", type=int, default=10, metavar="N", help="at most N hits")
    search.add_argument("--json", action="store_true", help="print JSON instead of lines")
    search.add_argument("--root", type=Path, default=None, help="catalog folder (default: bundled)")
    search.set_defaults(func=run_search)


@contextmanager
def _quiet_loader() -> Iterator[None]:
    """The loader logs each problem for the kiosk's log file; here they are printed once."""
    logger = logging.getLogger("kiosk.catalog.loader")
    before = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(before)


def run_check(args: argparse.Namespace) -> int:
    """Print every problem as `file: field: message` and one summary line; 1 if any error."""
    from kiosk.catalog.check import run_check as check
    from kiosk.catalog.model import Severity

    root = args.root or _default_root()
    if not (root / "catalog.toml").is_file():
        print(f"{root}: no catalog.toml here (is --root the catalog folder?)", file=sys.stderr)
        return EXIT_ERRORS
    with _quiet_loader():
        report = check(root, max_age_days=args.max_age_days, today=args.as_of)
    for problem in report.problems:
        if problem.severity is Severity.WARNING:
            print(f"{problem.file}: {problem.field}: warning: {problem.message}")
        else:
            print(f"{problem.file}: {problem.field}: {problem.message}")
    print(report.summary())
    print(report.facts.line())
    return EXIT_ERRORS if report.errors else EXIT_OK


def run_search(args: argparse.Namespace) -> int:
    """Print the hits for a query (or the not-offered message), as lines or JSON."""
    from kiosk.catalog.loader import CatalogError, load_catalog
    from kiosk.catalog.search import CatalogSearch

    root = args.root or _default_root()
    try:
        with _quiet_loader():
            catalog = load_catalog(root)
    except CatalogError as exc:
        for problem in exc.problems:
            print(str(problem), file=sys.stderr)
        return EXIT_ERRORS
    result = CatalogSearch(catalog).search(args.query, limit=args.limit)
    if args.json:
        payload = {
            "query": args.query,
            "hits": [
                {
                    "id": hit.procedure_id,
                    "score": hit.score,
                    "name": catalog.procedures[hit.procedure_id].short_name.vi,
                }
                for hit in result.hits
            ],
            "not_offered": result.not_offered.message.vi if result.not_offered else None,
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return EXIT_OK
    if result.not_offered is not None:
        print(f"(not offered) {result.not_offered.message.vi}")
    for rank, hit in enumerate(result.hits, start=1):
        name = catalog.procedures[hit.procedure_id].short_name.vi
        print(f"{rank:2}. {hit.procedure_id}  ({hit.score:g})  {name}")
    if not result.hits and result.not_offered is None:
        print("Không tìm thấy thủ tục nào (nothing found).")
    return EXIT_OK
