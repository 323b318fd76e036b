"""Runs `dvc-kiosk` commands in-process through the real parser, as the entry point does."""

from __future__ import annotations

from kiosk.cli import build_parser


def run_cli(*argv: str) -> int:
    """Parse `argv` with kiosk.cli.build_parser() and run the chosen command; its exit code."""
    parser, _ = build_parser()
    args = parser.parse_args(list(argv))
    return int(args.func(args))
