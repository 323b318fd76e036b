"""Placeholder for PracticeVneidPage (being written)."""

from __future__ import annotations

from ui.pages.base import Page


class PracticeVneidPage(Page):
    """Placeholder."""
