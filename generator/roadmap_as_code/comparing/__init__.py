"""Comparing: the roadmap at git revisions, and what changed between two of them."""
