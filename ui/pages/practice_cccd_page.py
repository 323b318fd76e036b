"""Placeholder for PracticeCccdPage (being written)."""

from __future__ import annotations

from ui.pages.base import Page


class PracticeCccdPage(Page):
    """Placeholder."""
