"""A site to read from disk (the pull-request preview): opened as file://, its links, charts and pages work.

Material's offline plugin turns `use_directory_urls` off (links name `.html` files, not folders a browser
would list) and writes the search index as a script. It also adds a script from unpkg.com, a shim that lets
search start its worker from file://; the preview drops it, so opening it asks no other host for code, and
Material then hides the search box. Instant navigation fetches pages, which browsers refuse from file://:
Material's docs say to turn it off, and left on, its `document$` never emits, so no chart would render.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config import base
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority

MATERIAL_OFFLINE = "material/offline"
NAME = "roadmap-as-code/offline"
INSTANT = "navigation.instant"  # and its sub-features: navigation.instant.prefetch, .progress, .preview
SEARCH_SHIM = "iframe-worker"


class _NoOptions(base.Config):
    """The helper below takes no options."""


class _ReadFromDisk(BasePlugin[_NoOptions]):
    """Runs after every other on_config (Material's offline plugin adds the shim in its own)."""

    @event_priority(-100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        config.use_directory_urls = False
        features = config.theme.get("features") or []
        config.theme["features"] = [f for f in features if not str(f).startswith(INSTANT)]
        polyfills: list[Any] = config.extra.get("polyfills") or []
        config.extra["polyfills"] = [url for url in polyfills if SEARCH_SHIM not in str(url)]
        return config


def read_from_disk(config: MkDocsConfig) -> None:
    """Make a loaded configuration build a site that works opened from disk, whatever the theme."""
    if config.theme.name == "material" and MATERIAL_OFFLINE not in config.plugins:
        from material.plugins.offline.plugin import OfflinePlugin  # type: ignore[import-untyped]

        offline = OfflinePlugin()
        offline.load_config({}, config.config_file_path)
        config.plugins[MATERIAL_OFFLINE] = offline
    config.plugins[NAME] = _ReadFromDisk()
