"""Everything Qt: bootstrap, main window, pages, widgets, volunteer panel, theme."""
