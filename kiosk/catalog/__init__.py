"""The procedure catalog: model, loader, validation and search."""
