"""Suite-wide settings: Qt renders offscreen unless a test starts its own X client process."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
