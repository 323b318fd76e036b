"""Placeholder for FinishPage (being written)."""

from __future__ import annotations

from ui.pages.base import Page


class FinishPage(Page):
    """Placeholder."""
