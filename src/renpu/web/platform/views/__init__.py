"""Pages of the platform, one module per kind of page."""
