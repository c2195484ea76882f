"""Maintainers' tools, run from a checkout (`make plotly`); not part of the package."""
