"""Where things live on disk: bundled resources, and the config/data/cache/log folders.

`DVC_KIOSK_HOME` puts config, data, cache and logs under one folder (tests, benchmarks,
portable installs); otherwise platformdirs gives each OS its usual places.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "dvc-kiosk"
APP_AUTHOR = "dvc-kiosk"
HOME_ENV = "DVC_KIOSK_HOME"


def resources_dir() -> Path:
    """The read-only resources folder, from a source checkout or a PyInstaller bundle."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def executable_dir() -> Path:
    """The folder of the running program (the bundle's folder when frozen)."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(sys.argv[0]).resolve().parent


@dataclass(frozen=True)
class AppDirs:
    """The writable folders the kiosk uses."""

    config: Path
    site_config: Path | None  # the whole machine's config folder (None under DVC_KIOSK_HOME)
    data: Path
    cache: Path
    logs: Path

    @property
    def database(self) -> Path:
        """The journal's SQLite file."""
        return self.data / "journal.db"

    def ensure(self) -> None:
        """Create the writable folders, owner-only (not the site config, which IT owns)."""
        for folder in (self.config, self.data, self.cache, self.logs):
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)


def app_dirs() -> AppDirs:
    """The folders for this process, honouring DVC_KIOSK_HOME."""
    home = os.environ.get(HOME_ENV)
    if home:
        root = Path(home).expanduser().resolve()
        return AppDirs(root / "config", None, root / "data", root / "cache", root / "logs")
    import platformdirs

    return AppDirs(
        config=Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)),
        site_config=Path(platformdirs.site_config_dir(APP_NAME, APP_AUTHOR)),
        data=Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)),
        cache=Path(platformdirs.user_cache_dir(APP_NAME, APP_AUTHOR)),
        logs=Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR)),
    )
