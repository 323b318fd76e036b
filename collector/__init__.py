"""The district collector: HTTP API, dashboard and CLI (no Qt)."""
