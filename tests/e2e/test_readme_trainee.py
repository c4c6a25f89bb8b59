"""The README's trainee section, typed verbatim into a fresh copy of the project.

As root and as an ordinary user (``nobody``, when the tests run as root; the
current user otherwise): ``make lab ID=...`` builds the trainee environment and
the student copy and serves JupyterLab; ``make lab`` again remembers the id and
keeps the trainee's work; the submit command makes the file to upload. The only
things the walk adds to the project folder are the two the README names,
``.venv-trainee`` and ``student``.

The commands are read from the README itself, so the test fails when the
README and the project disagree. The one addition is ``ARGS`` (documented in
the same section) to put the lab on a free port with a known token.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import signal
import subprocess
import tempfile
import urllib.request
from pathlib import Path

import pytest

from tests.browser.conftest import _free_port
from tests.serving import wait_until_served

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]
TRAINEE = "readme-trainee-1"
IS_ROOT = os.geteuid() == 0


def _section(title: str) -> str:
    text = (ROOT / "README.md").read_text()
    start = text.index(f"## {title}")
    end = text.find("\n## ", start + 1)
    return text[start : end if end > 0 else None]


def readme_commands() -> list[str]:
    """The trainee section's shell commands, in order, comments removed."""
    blocks = re.findall(r"```bash\n(.*?)```", _section("Trainees: opening the course"), re.S)
    lines = [line.split("#")[0].strip() for block in blocks for line in block.splitlines()]
    return [line for line in lines if line]


def _project_copy(base: Path) -> Path:
    """The project as a fresh clone has it: tracked and new files, nothing ignored."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    clone = base / "clone"
    for name in filter(None, listed):
        source = ROOT / name.decode()
        if source.is_file():
            target = clone / name.decode()
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return clone


class Trainee:
    """A shell user typing the README's commands in ``clone``."""

    def __init__(self, user: str | None, clone: Path, home: Path):
        self.user, self.clone, self.home = user, clone, home

    def command(self, line: str) -> list[str]:
        # The machine's environment (package index settings and all), a home of
        # their own, and nothing from the test run: no trainee id, no Jupyter paths.
        unset = [
            k
            for k in os.environ
            if k.startswith(("ALLIANCE_", "JUPYTER", "XDG_", "VIRTUAL_ENV", "PYTEST", "COV_"))
        ]
        prefix = ["runuser", "-u", self.user, "--"] if self.user else []
        return [
            *prefix,
            "env",
            *(f"--unset={k}" for k in unset),
            f"HOME={self.home}",
            "bash",
            "-c",
            line,
        ]

    def run(self, line: str) -> str:
        result = subprocess.run(
            self.command(line),
            cwd=self.clone,
            capture_output=True,
            text=True,
            timeout=900,
        )
        assert result.returncode == 0, (
            f"`{line}` failed:\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}"
        )
        return result.stdout + result.stderr

    def lab(self, line: str, log: Path):
        """Start ``make lab ...`` with a port and token; return (process, url, token)."""
        port, token = _free_port(), secrets.token_hex(8)
        args = (
            f"--no-browser --ServerApp.ip=127.0.0.1 --port={port} --IdentityProvider.token={token}"
        )
        process = subprocess.Popen(
            self.command(f'{line} ARGS="{args}"'),
            cwd=self.clone,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        url = f"http://127.0.0.1:{port}"
        status = lambda: _get(url, token, "api/status")  # noqa: E731
        wait_until_served(status, process, log, f"`{line}` (JupyterLab)", timeout=900, stop=_stop)
        return process, url, token


def _get(url: str, token: str, path: str) -> dict:
    import json

    req = urllib.request.Request(f"{url}/{path}", headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(req, timeout=10) as resp:
        return json.load(resp)


def _stop(process: subprocess.Popen) -> None:
    """Stop the lab and everything it started (its own process group)."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sig)
            process.wait(timeout=20)
            return
        except ProcessLookupError:
            return
        except subprocess.TimeoutExpired:
            continue


def walk_users(root_group: str, ordinary_group: str) -> list:
    """The two users a documented walk runs as: root (where tests run as root), an ordinary one."""
    return [
        pytest.param(
            "root",
            marks=[
                pytest.mark.skipif(not IS_ROOT, reason="needs root"),
                pytest.mark.xdist_group(root_group),
            ],
        ),
        pytest.param("ordinary", marks=pytest.mark.xdist_group(ordinary_group)),
    ]


# One xdist group each, so the two walks (two minutes each) can run side by side.
USERS = walk_users("readme-trainee-root", "readme-trainee-ordinary")


@pytest.mark.parametrize("who", USERS)
def test_readme_trainee_section_works_verbatim(who):
    commands = readme_commands()
    first, again, submit = commands[0], commands[1], commands[2]
    assert first.startswith("make lab ID=YOUR_STUDENT_ID") and again == "make lab", commands
    assert submit.startswith(".venv-trainee/bin/alliance-course submit 00"), commands

    # Outside pytest's private tmp folders, so an ordinary user can reach it.
    base = Path(tempfile.mkdtemp(prefix="readme-trainee-", dir="/tmp"))
    base.chmod(0o755)
    try:
        clone, home = _project_copy(base), base / "home"
        home.mkdir()
        user = "nobody" if who == "ordinary" and IS_ROOT else None
        if user:
            # This machine's package index is set in the installing user's pip
            # config; an ordinary account gets the same settings, as an admin would give.
            pip_conf = Path.home() / ".config" / "pip" / "pip.conf"
            if pip_conf.is_file():
                (home / ".config" / "pip").mkdir(parents=True)
                shutil.copy2(pip_conf, home / ".config" / "pip" / "pip.conf")
            subprocess.run(["chown", "-R", user, str(clone), str(home)], check=True)
        trainee = Trainee(user, clone, home)
        before = {p.name for p in clone.iterdir()}

        process, url, token = trainee.lab(first.replace("YOUR_STUDENT_ID", TRAINEE), base / "1.log")
        try:
            listed = {item["name"] for item in _get(url, token, "api/contents/")["content"]}
            assert {"00-orientation", "07-ruptures-and-monitoring"} <= listed, listed
        finally:
            _stop(process)
        log = (base / "1.log").read_text()
        assert ("--allow-root" in log) == (user is None and IS_ROOT), log[-2000:]
        assert TRAINEE in trainee.run(".venv-trainee/bin/alliance-course whoami")

        # The trainee starts module 00; the next `make lab` keeps that work.
        notebook = clone / "student" / "00-orientation" / "00-orientation.ipynb"
        started = notebook.read_text().replace("raise NotImplementedError()", "x = 1  # mine", 1)
        notebook.write_text(started)
        process, url, token = trainee.lab(again, base / "2.log")
        _stop(process)
        assert notebook.read_text() == started

        shown = trainee.run(submit)
        upload = clone / "student" / "to-upload" / "00-orientation.ipynb"
        assert upload.is_file() and "student/to-upload/00-orientation.ipynb" in shown, shown
        assert {p.name for p in clone.iterdir()} - before == {".venv-trainee", "student"}
    finally:
        shutil.rmtree(base, ignore_errors=True)
