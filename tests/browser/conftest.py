"""The real site, built once, served on 127.0.0.1, and Debian's Chromium to read it.

Without Chromium or axe-core the modules that need them are not collected, and test_reader.py
alone skips, with the one line that says how to install them; the checks that read the HTML files
(test_links.py) run in any case.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

import pytest

from ..conftest import ROOT

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Route

HERE = Path(__file__).parent
CHROMIUM = Path("/usr/bin/chromium")
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
MISSING = (
    "browser tests need Chromium and axe-core: "
    "apt-get install chromium; npm ci --prefix tests/browser"
)
# Headless and quiet: no sync, no updates, no background calls to any other host, and a name
# lookup that fails for every host but the local server, as a second guard behind the router.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
SCHEMES = {"light": "default", "dark": "slate"}


def browser_missing() -> bool:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return True
    return not (CHROMIUM.is_file() and AXE.is_file())


# Read by pytest: the modules that need a browser, left out when there is none.
collect_ignore = (
    ["test_search.py", "test_tags.py", "test_navigation.py", "test_accessibility.py"]
    if browser_missing()
    else []
)


@pytest.fixture(scope="package")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own site, bundled catalog included, built with `--strict`."""
    target = tmp_path_factory.mktemp("browser") / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(target)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stderr[-4000:]}", pytrace=False)
    return target


@pytest.fixture(scope="package")
def catalog_json(site_dir: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((site_dir / "catalog.json").read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="package")
def tagged(catalog_json: dict[str, Any]) -> dict[str, set[str]]:
    """Each tag used in the catalog, with the pages of the entries that carry it."""
    pages: dict[str, set[str]] = {}
    for entry in catalog_json["entries"]:
        for tag in entry["tags"]:
            pages.setdefault(tag, set()).add(entry["url"])
    return pages


@pytest.fixture(scope="package")
def entry_urls(catalog_json: dict[str, Any]) -> set[str]:
    """The page of every model and technique, relative to the site root."""
    return {str(entry["url"]) for entry in catalog_json["entries"]}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="package")
def site_url(site_dir: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1 at a port the system picks; stopped after these tests."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, driven by Playwright.

    Playwright refuses `--user-data-dir` in `launch()`: it starts every launch with a new, empty
    profile folder of its own and deletes it on close.
    """
    if browser_missing():
        pytest.skip(MISSING)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class Reader:
    """One browser tab on the local site that records what a reader must never meet.

    Every request goes through a router: requests for the local server pass, anything else is
    recorded in `foreign` and aborted, so a test can never reach another host. Console errors and
    uncaught exceptions are recorded in `errors`.
    """

    page: Page
    base: str
    foreign: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    served: list[str] = field(default_factory=list)

    def watch(self) -> None:
        self.page.context.route("**/*", self._route)
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(f"/{self.path}: {error}"))

    def _route(self, route: Route, request: Request) -> None:
        if request.url.startswith(self.base):
            self.served.append(request.url)
            route.continue_()
        else:
            self.foreign.append(request.url)
            route.abort()

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(f"/{self.path}: {message.text}")

    @property
    def path(self) -> str:
        """The current page's path relative to the site root, with its #fragment if any."""
        url = self.page.url
        if not url.startswith(self.base):
            return url
        parts = urlsplit(url)
        path = unquote(parts.path).removeprefix(urlsplit(self.base).path)
        return f"{path}#{unquote(parts.fragment)}" if parts.fragment else path

    def open(self, path: str) -> None:
        """Load a page (relative to the site root) up to its `load` event."""
        self.page.goto(self.base + path)

    def settle(self) -> None:
        """Wait until the page's scripts have fetched what they need, search index included."""
        self.page.wait_for_load_state("networkidle")

    def wait_for(self, path: str) -> None:
        """Wait until a click has led to `path` (relative to the site root) and it has loaded."""
        self.page.wait_for_url(self.base + path)

    def heading(self) -> str:
        return self.page.locator("article h1").first.inner_text().replace("¶", "").strip()

    def scheme(self) -> str:
        return self.page.locator("body").get_attribute("data-md-color-scheme") or ""

    def set_palette(self, name: str) -> None:
        """Switch to the light or dark palette with the header's toggle, as a reader would."""
        wanted = SCHEMES[name]
        if self.scheme() != wanted:
            self.page.locator(f'label[title="Switch to {name} mode"]').click()
            self.page.wait_for_function(
                "scheme => document.body.dataset.mdColorScheme === scheme", arg=wanted
            )

    def assert_clean(self) -> None:
        assert self.foreign == [], f"requests to other hosts: {self.foreign}"
        assert self.errors == [], f"console errors: {self.errors}"


@pytest.fixture
def reader(browser: Browser, site_url: str) -> Iterator[Reader]:
    """A tab in a new browser context (nothing stored yet): light system palette, desktop size."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900},
        color_scheme="light",
        locale="en-US",
        service_workers="block",
    )
    reader = Reader(context.new_page(), site_url)
    reader.watch()
    try:
        yield reader
    finally:
        context.close()
