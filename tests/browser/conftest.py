"""Browser harness: a real JupyterLab on 127.0.0.1 driven by Debian's Chromium via Playwright.

Every request that does not go to the local JupyterLab is blocked (and recorded),
so a chart or widget that renders has rendered offline.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.serving import wait_until_served

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
BROWSER_STUDENT = "browser-trainee"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _lab_settings(home: Path) -> Path:
    """User settings that stop Lab asking to fetch news (there is no internet)."""
    settings = home / "lab-settings"
    target = settings / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    return settings


@dataclass
class LabServer:
    url: str
    token: str
    root: Path
    process: subprocess.Popen
    log: Path

    def api(self, path: str) -> dict:
        req = urllib.request.Request(
            f"{self.url}/api/{path}", headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(req, timeout=10) as resp:
            return json.load(resp)

    def notebook(self, path: str) -> dict:
        return self.api(f"contents/{path}?content=1")["content"]


@pytest.fixture(scope="session")
def lab_server(tmp_path_factory) -> LabServer:
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: run `make test` (it installs Debian's chromium package)")
    root = tmp_path_factory.mktemp("lab-root")
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    home = tmp_path_factory.mktemp("lab-home")
    command = [sys.executable, "-m", "jupyterlab", "--allow-root", f"--ServerApp.root_dir={root}"]
    with serving_lab(command, root, root, lab_environment(home, BROWSER_STUDENT), home) as server:
        yield server


def lab_environment(home: Path, student: str) -> dict[str, str]:
    """A lab's environment: its own home, runtime and settings, and the trainee's id."""
    return {
        **os.environ,
        "ALLIANCE_STUDENT_ID": student,
        "HOME": str(home),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(_lab_settings(home)),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }


@contextmanager
def serving_lab(command: list[str], root: Path, cwd: Path, env: dict, home: Path):
    """Run ``command`` (a JupyterLab launch) on a free loopback port until the block ends."""
    token, port = secrets.token_hex(16), _free_port()
    log = home / "lab.log"
    options = [
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        f"--IdentityProvider.token={token}",
        "--LabApp.news_url=",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    process = subprocess.Popen(
        [*command, *options], cwd=cwd, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT
    )
    server = LabServer(f"http://127.0.0.1:{port}", token, root, process, log)
    wait_until_served(lambda: server.api("status"), process, log, "JupyterLab", timeout=120)
    try:
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


@dataclass
class BlockedRequests:
    urls: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def offline_page(browser):
    """A page in a fresh context that may only talk to the local server; blocked URLs are recorded."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    blocked = BlockedRequests()

    def only_localhost(route):
        url = route.request.url
        if url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")):
            route.continue_()
        else:
            blocked.urls.append(url)
            route.abort()

    context.route("**/*", only_localhost)
    pg = context.new_page()
    pg.blocked = blocked
    return context, pg


@pytest.fixture
def page(browser, request):
    """A fresh page that may only talk to the local JupyterLab; blocked URLs are recorded."""
    context, pg = offline_page(browser)
    yield pg
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    try:
        pg.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    finally:
        context.close()


def open_notebook(page, lab_server: LabServer, path: str) -> None:
    """Open a notebook with a fresh workspace and wait for its kernel to be idle."""
    page.goto(f"{lab_server.url}/lab/tree/{path}?reset&token={lab_server.token}")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
    # The execution indicator reads "idle" before the kernel has connected; the
    # status bar only says "Idle" once the kernel is ready to run cells.
    page.wait_for_function(
        "() => /\\| Idle/.test(document.querySelector('.jp-StatusBar-Widget')?.parentElement?.textContent ?? '')",
        timeout=60_000,
    )


def run_all(page, timeout_ms: int = 120_000) -> None:
    """Run every cell (Run > Run All Cells) and wait until no cell is pending."""
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator("[data-command='runmenu:run-all']").click()
    page.wait_for_function(
        """() => {
            const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
            return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
        }""",
        timeout=timeout_ms,
    )
    page.wait_for_selector(
        ".jp-Notebook-ExecutionIndicator[data-status='idle']", state="attached", timeout=timeout_ms
    )


def error_outputs(page) -> list[str]:
    """Texts of error outputs (tracebacks) shown in the notebook."""
    return page.eval_on_selector_all(
        ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']",
        "els => els.map(e => e.textContent).filter(t => /Traceback|Error/.test(t))",
    )
