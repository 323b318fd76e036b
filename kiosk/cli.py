"""The Qt-free part of the `dvc-kiosk` command line: the parser and the core subcommands.

The console entry point is `ui.entry:main`, which adds the commands that need Qt (run,
simulate, self-test, screenshots) to the parser built here. Each command module offers
`register(subparsers)` and sets `func(args) -> int` on its parser; commands import their heavy
dependencies inside `func`, so `dvc-kiosk catalog check` never loads Qt or SQLAlchemy.
"""

from __future__ import annotations

import argparse
import importlib
import logging

from kiosk import __version__

# Modules that register core subcommands, in help order. A module that is not there yet
# (an unfinished part) is skipped rather than breaking the whole command line.
CORE_COMMAND_MODULES = (
    "kiosk.catalog.commands",  # catalog check | catalog search
    "kiosk.journal.commands",  # status | export
    "kiosk.sync.commands",  # sync
    "kiosk.provision",  # provision
)

log = logging.getLogger(__name__)


def build_parser() -> tuple[argparse.ArgumentParser, argparse._SubParsersAction]:
    """The parser with every core subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="dvc-kiosk",
        description="DVC Kiosk: hướng dẫn dịch vụ công trực tuyến (online public services guide)",
    )
    parser.add_argument("--version", action="version", version=f"dvc-kiosk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in CORE_COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.register(sub)
    return parser, sub
