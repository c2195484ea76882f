"""Refresh the README's screenshots: `make screenshots` (python -m tests.screenshots).

Builds the example site as of 2026-11-20 into a temporary folder, serves it on 127.0.0.1 and photographs
it with Debian's Chromium (ROADMAP_CHROMIUM to use another): the dashboard on a desktop (light and dark)
and on a phone, a goal page, the roadmap picture and a quarterly review.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

from playwright.sync_api import ConsoleMessage, Error, sync_playwright

from roadmap_as_code.edges.plugin.site_build import build_site
from tests.helpers import AS_OF, CHROMIUM_ARGS, CHROMIUM_MISSING, PHONE, REPO, find_chromium, serving

SCREEN = {"width": 1280, "height": 900}  # the first screen a stakeholder reads
TALL = {"width": 1280, "height": 1500}  # a goal page down to its milestones
PHONE_OPTIONS: dict[str, Any] = {"viewport": PHONE, "color_scheme": "light", "is_mobile": True, "has_touch": True}
# name -> (page under the site root, browser context options, whole page or the first screen only)
SHOTS: dict[str, tuple[str, dict[str, Any], bool]] = {
    "dashboard.png": ("", {"viewport": SCREEN, "color_scheme": "light"}, False),
    "dashboard-dark.png": ("", {"viewport": SCREEN, "color_scheme": "dark"}, False),
    "dashboard-phone.png": ("", PHONE_OPTIONS, False),
    "goal.png": ("2026/goals/run-enterprise-grade-platform/", {"viewport": TALL, "color_scheme": "light"}, False),
    "roadmap-picture.png": ("2026/timeline/", {"viewport": SCREEN, "color_scheme": "light"}, False),
    "quarter-phone.png": ("2026/quarters/q4/", PHONE_OPTIONS, False),
}
CHARTS_RENDERED = "() => [...document.querySelectorAll('.roadmap-chart')].every((el) => el.dataset.rendered === 'true')"


def photograph(url: str, out: Path, chromium: str) -> list[Path]:
    """Write every screenshot of SHOTS into out; fail on a console error or a chart that did not render."""
    written = []
    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for name, (where, options, full_page) in SHOTS.items():
            context = browser.new_context(device_scale_factor=1, **options)
            page = context.new_page()

            def console(message: ConsoleMessage, shot: str = name) -> None:
                if message.type == "error":
                    errors.append(f"{shot}: {message.text}")

            def page_error(error: Error, shot: str = name) -> None:
                errors.append(f"{shot}: {error}")

            page.on("console", console)
            page.on("pageerror", page_error)
            page.goto(url + where)
            page.wait_for_function(CHARTS_RENDERED, timeout=30_000)
            path = out / name
            page.screenshot(path=str(path), animations="disabled", caret="hide", full_page=full_page)
            written.append(path)
            context.close()
        browser.close()
    if errors:
        raise RuntimeError("the pages logged errors:\n" + "\n".join(errors))
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.screenshots", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=REPO / "docs" / "assets" / "screenshots", help="folder for the PNG files"
    )
    args = parser.parse_args(argv)
    chromium = find_chromium()
    if chromium is None:
        print(CHROMIUM_MISSING, file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="roadmap-screenshots-") as scratch:
        site = Path(scratch) / "site"
        result = build_site(REPO / "mkdocs.yml", site, AS_OF)
        if result.returncode != 0:
            print(f"mkdocs build failed:\n{result.log}", file=sys.stderr)
            return 1
        args.out.mkdir(parents=True, exist_ok=True)
        with serving(site) as url:
            for path in photograph(url, args.out, chromium):
                print(path.relative_to(REPO) if path.is_relative_to(REPO) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
