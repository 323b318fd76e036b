"""The `dvc-kiosk` console entry point: the core commands plus those that need Qt.

Qt is imported only inside the commands that need it, so `dvc-kiosk catalog check` or
`dvc-kiosk status` start quickly and work on a machine without a screen.
"""

from __future__ import annotations

import argparse
import logging
import sys

from kiosk.cli import build_parser


def _run(args: argparse.Namespace) -> int:
    from ui.display import NO_DISPLAY, no_display

    if no_display():  # before Qt, which would abort with a core dump
        print(NO_DISPLAY, file=sys.stderr)
        return 2
    from ui.app import run

    return run(windowed=args.windowed)


def _screenshots(args: argparse.Namespace) -> int:
    from ui.screenshots import main as shots

    return shots(args.out, sizes=args.sizes, languages=args.languages)


def register_qt_commands(sub: argparse._SubParsersAction) -> None:
    """Add the commands that drive the Qt application."""
    run = sub.add_parser("run", help="start the kiosk (full screen, kiosk mode)")
    run.add_argument("--windowed", action="store_true", help="a normal window, for development")
    run.set_defaults(func=_run)

    shots = sub.add_parser("screenshots", help="render every screen to PNG files")
    shots.add_argument("--out", default="shots", help="folder for the PNG files")
    shots.add_argument("--sizes", nargs="*", default=["normal", "large", "xlarge"])
    shots.add_argument("--languages", nargs="*", default=["vi", "en"])
    shots.set_defaults(func=_screenshots)

    # Listed so that `--help` is complete; `main` runs it before parsing anything else.
    sub.add_parser("speech", help="the read-aloud worker (the kiosk starts it itself)")

    # Both modules import Qt only inside their commands.
    from ui import self_test, simulate

    simulate.register(sub)
    self_test.register(sub)


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run one command (`run` when none is given)."""
    # Commands print what they have to say; the terminal gets only warnings and errors from
    # the log (no library INFO lines around `status`'s JSON). `run` logs to its own file.
    logging.basicConfig(
        level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    from kiosk.private_files import restrict_umask

    words = argv if argv is not None else sys.argv[1:]
    if words[:1] != ["provision"]:
        # Journal, logs, exports: the kiosk account's alone (kiosk.private_files). Not for
        # `provision`, which root runs to make the machine's config folder that the kiosk
        # account must be able to enter (it sets each file's mode itself).
        restrict_umask()
    if not words or words[0] == "run":
        # The kiosk itself: skip importing every other command module (start-up time).
        run_parser = argparse.ArgumentParser(prog="dvc-kiosk run")
        run_parser.add_argument("--windowed", action="store_true")
        return _run(run_parser.parse_args(words[1:]))
    if words[0] == "speech":  # the read-aloud worker the kiosk starts: no other command's imports
        from ui.speech_worker import main as speech_worker

        return speech_worker(words[1:])
    parser, sub = build_parser()
    register_qt_commands(sub)
    args = parser.parse_args(words)
    if not getattr(args, "func", None):
        args = parser.parse_args(["run", *words])
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
