"""Screens of the resident wizard, one module per screen."""
