"""Rendering: safe text, charts, generated pages from Jinja templates, and the downloads."""
