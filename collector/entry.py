"""The `dvc-collector` console script: says which install is missing instead of a traceback.

The collector's packages (FastAPI, uvicorn, cryptography, …) come with the `[collector]` extra
only; a kiosk-only install (`pip install .`, `scripts/setup_env.sh` with no extra) has none of
them, and `collector.cli` would fail at import with ModuleNotFoundError.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Sequence

# The import names of the `[collector]` extra in pyproject.toml (psycopg only for PostgreSQL).
NEEDED = ("fastapi", "uvicorn", "jinja2", "multipart", "cryptography")
INSTALL = (
    "install it with the collector's extra: pip install '.[collector]' in the release's source "
    'folder (deploy/README.md, "The district collector on Debian 12"), or '
    "scripts/setup_env.sh collector"
)


def missing_packages() -> list[str]:
    """The collector's packages this Python cannot import."""
    return [name for name in NEEDED if importlib.util.find_spec(name) is None]


def main(argv: Sequence[str] | None = None) -> int:
    """Check the install, then run `collector.cli.main`."""
    missing = missing_packages()
    if missing:
        print(
            f"dvc-collector: the collector's packages are not installed ({', '.join(missing)}): "
            + INSTALL,
            file=sys.stderr,
        )
        return 2
    from collector.cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
