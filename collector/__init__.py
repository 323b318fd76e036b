"""The district collector: HTTP API, dashboard and CLI (no Qt)."""

from __future__ import annotations

__version__ = "0.1.0"
