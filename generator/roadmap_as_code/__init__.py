"""roadmap-as-code: a roadmap written as Markdown files, checked and published as a site."""

__version__ = "0.1.0"
