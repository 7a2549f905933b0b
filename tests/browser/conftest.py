"""Browser-test fixtures: a demo-corpus database, `dateline serve` on a free port, Debian's Chromium via Playwright.

Every request that leaves 127.0.0.1 is aborted and fails the test, and so does any JavaScript error on the page.
Set DATELINE_SCREENSHOTS=DIR to keep a screenshot of every page a test visits.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest

REPO = Path(__file__).resolve().parents[2]
DEMO_CORPUS = REPO / "dateline" / "demo" / "articles"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL_HOSTS = {"127.0.0.1"}


def _dateline(*args: str) -> list[str]:
    return [sys.executable, "-m", "dateline.cli", *args]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_up(url: str, process: subprocess.Popen[bytes], seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"dateline serve exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"dateline serve did not answer {url} within {seconds} s")


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo corpus ingested with `dateline ingest` into a fresh database."""
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed (make browser)")
    path = tmp_path_factory.mktemp("browser") / "demo.duckdb"
    subprocess.run(_dateline("ingest", str(DEMO_CORPUS), "--db", str(path), "--quiet"), cwd=REPO, check=False)
    if not path.exists():
        pytest.fail("dateline ingest made no database from the demo corpus")
    return path


@pytest.fixture(scope="session")
def base_url(demo_db: Path) -> Iterator[str]:
    """`dateline serve` on the demo database, as a subprocess on a free port of 127.0.0.1."""
    port = _free_port()
    command = _dateline("serve", "--db", str(demo_db), "--host", "127.0.0.1", "--port", str(port))
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(f"{url}/api/events?limit=1", process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed (make browser)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@dataclass
class Watch:
    """What a page did that a test must not allow: requests leaving 127.0.0.1, JavaScript errors."""

    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture
def watch() -> Watch:
    return Watch()


@pytest.fixture
def page(browser, base_url: str, watch: Watch, request: pytest.FixtureRequest) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A fresh browser page; afterwards the test fails if anything was requested from outside 127.0.0.1."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, base_url=base_url)

    def guard(route, routed_request) -> None:  # type: ignore[no-untyped-def]
        parsed = urlparse(routed_request.url)
        if parsed.scheme in {"http", "https", "ws", "wss"} and parsed.hostname not in LOCAL_HOSTS:
            watch.outside.append(routed_request.url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", guard)
    opened = context.new_page()
    opened.on("pageerror", lambda error: watch.errors.append(str(error)))
    opened.on("console", lambda message: watch.errors.append(message.text) if message.type == "error" else None)
    yield opened
    shots = os.environ.get("DATELINE_SCREENSHOTS")
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
        opened.screenshot(path=str(Path(shots) / f"{request.node.name}.png"), full_page=True)
    context.close()
    assert watch.outside == [], f"requests left 127.0.0.1: {watch.outside}"
    assert watch.errors == [], f"JavaScript errors: {watch.errors}"


REVIEW_TOKEN = "browser-review-token-0123"


@pytest.fixture(scope="session")
def review_url(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`dateline serve --token` on a copy of the demo database: the review flow changes it."""
    import shutil

    copy = tmp_path_factory.mktemp("review") / "review.duckdb"
    shutil.copy(demo_db, copy)
    port = _free_port()
    command = _dateline("serve", "--db", str(copy), "--host", "127.0.0.1", "--port", str(port))
    environment = dict(os.environ, DATELINE_TOKEN=REVIEW_TOKEN)
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(f"{url}/login", process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture
def review_page(browser, review_url: str, watch: Watch, request: pytest.FixtureRequest) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A fresh page on the token-mode server, logged in through /login (the session cookie)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, base_url=review_url)
    opened = context.new_page()
    opened.on("pageerror", lambda error: watch.errors.append(str(error)))
    opened.on("console", lambda message: watch.errors.append(message.text) if message.type == "error" else None)
    opened.goto("/")
    opened.wait_for_url("**/login?next=/", timeout=20_000)
    opened.fill("input[name='token']", REVIEW_TOKEN)
    opened.click("form button[type='submit']")
    opened.wait_for_selector("body[data-ready='true']", timeout=20_000)
    yield opened
    shots = os.environ.get("DATELINE_SCREENSHOTS")
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
        opened.screenshot(path=str(Path(shots) / f"{request.node.name}.png"), full_page=True)
    context.close()
    assert watch.errors == [], f"JavaScript errors: {watch.errors}"
