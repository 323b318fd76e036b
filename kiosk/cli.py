"""The Qt-free part of the `dvc-kiosk` command line: the parser and the core subcommands.

The console entry point is `ui.entry:main`, which adds the commands that need Qt (run,
simulate, self-test, screenshots) to the parser built here. Each command module offers
`register(subparsers)` and sets `func(args) -> int` on its parser; commands import their heavy
dependencies inside `func`, so `dvc-kiosk catalog check` never loads Qt or SQLAlchemy.
"""

from __future__ import annotations

import argparse
import logging

from kiosk import __version__, provision
from kiosk.catalog import commands as catalog_commands
from kiosk.journal import commands as journal_commands
from kiosk.sync import commands as sync_commands

log = logging.getLogger(__name__)


def build_parser() -> tuple[argparse.ArgumentParser, argparse._SubParsersAction]:
    """The parser with every core subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="dvc-kiosk",
        description="DVC Kiosk: hướng dẫn dịch vụ công trực tuyến (online public services guide)",
    )
    parser.add_argument("--version", action="version", version=f"dvc-kiosk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    # In help order. Each module imports its heavy dependencies only inside its command.
    catalog_commands.register(sub)  # catalog check | catalog search
    journal_commands.register(sub)  # status | export
    sync_commands.register(sub)  # sync
    provision.register(sub)  # provision
    return parser, sub
