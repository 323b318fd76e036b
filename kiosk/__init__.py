"""DVC Kiosk core: configuration, catalog, CCCD rules, wizard state, journal and sync — no Qt."""

__version__ = "0.1.0"
