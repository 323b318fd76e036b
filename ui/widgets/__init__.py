"""Reusable widgets: keypad, tiles, buttons."""
