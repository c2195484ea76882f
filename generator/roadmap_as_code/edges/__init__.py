"""The edges: the `roadmap` command line, the MkDocs plugin, the site build and the check report formats."""
