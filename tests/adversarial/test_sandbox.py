"""The grading sandbox itself: what a sandboxed process can and cannot do, and what it refuses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from course.instructor import sandbox

pytestmark = pytest.mark.adversarial
PROJECT = sandbox.COURSE_PACKAGE.parent

PROBE = """
import json, os, socket, sys
from pathlib import Path
out = {"uid": os.getuid()}
out["course_importable"] = __import__("course.instruments").instruments.get("phq-9").id == "phq-9"
out["sees_notebooks"] = Path(sys.argv[1], "notebooks").exists()
out["root_home"] = sorted(os.listdir("/root")) if os.path.isdir("/root") else []
out["sees_shadow"] = Path("/etc/shadow").exists()
try:
    Path(sys.argv[1], "course", "pwned.py").write_text("x")
    out["writes_course"] = True
except OSError:
    out["writes_course"] = False
Path("answer.txt").write_text("mine")
out["writes_own_folder"] = Path("answer.txt").read_text() == "mine"
try:
    socket.create_connection(("1.1.1.1", 53), timeout=2)
    out["network"] = True
except OSError:
    out["network"] = False
print(json.dumps(out))
"""


def _visible_in_root_home() -> list[str]:
    """Only the folders that lead to a bound path (e.g. ~/.pyenv holding Python) may show."""
    bound = [Path(p) for p in (sys.base_prefix, sys.prefix, PROJECT)]
    return sorted({p.parts[2] for p in bound if p.parts[1:2] == ("root",) and len(p.parts) > 2})


@pytest.fixture
def submission_copy(tmp_path) -> Path:
    work = tmp_path / "autograded" / "trainee-x" / "00-orientation"
    work.mkdir(parents=True)
    os.chown(work, sandbox.SANDBOX_UID_BASE + 1, sandbox.SANDBOX_UID_BASE + 1)
    return work


def test_sandbox_is_available_where_tests_run():
    sandbox.check_available()


def test_sandboxed_process_is_confined(submission_copy):
    uid = sandbox.SANDBOX_UID_BASE + 1
    command = sandbox.bwrap_command(
        submission_copy, submission_copy, [sys.executable, "-c", PROBE, str(PROJECT)], uid
    )
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen == {
        "uid": uid,
        "course_importable": True,
        "sees_notebooks": False,
        "root_home": _visible_in_root_home(),
        "sees_shadow": False,
        "writes_course": False,
        "writes_own_folder": True,
        "network": False,
    }
    assert not (PROJECT / "course" / "pwned.py").exists()


def _connection_file(folder: Path, ip: str) -> Path:
    path = folder / "kernel-test.json"
    path.write_text(json.dumps({"transport": "ipc", "ip": ip}))
    return path


def test_launcher_refuses_a_work_dir_that_is_not_a_submission_copy(tmp_path, monkeypatch):
    # The launcher hands its folder to the sandbox uid: never a shared folder like /tmp.
    runtime = tmp_path / "alliance-grader-x" / "runtime"
    runtime.mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(sandbox.UnsafeWorkDir, match="autograded"):
        sandbox.launch(str(_connection_file(tmp_path, str(runtime / "kernel"))))
    assert tmp_path.stat().st_uid == os.getuid()


def test_launcher_refuses_a_socket_folder_that_is_not_a_grader_runtime(
    submission_copy, tmp_path, monkeypatch
):
    monkeypatch.chdir(submission_copy)
    with pytest.raises(sandbox.UnsafeWorkDir, match="runtime"):
        sandbox.launch(str(_connection_file(tmp_path, str(tmp_path / "kernel"))))
    assert tmp_path.stat().st_uid == os.getuid()


def test_launcher_refuses_tcp_kernels(submission_copy, tmp_path, monkeypatch):
    monkeypatch.chdir(submission_copy)
    path = tmp_path / "kernel-tcp.json"
    path.write_text(json.dumps({"transport": "tcp", "ip": "127.0.0.1"}))
    with pytest.raises(sandbox.UnsafeWorkDir, match="ipc"):
        sandbox.launch(str(path))


def test_launcher_never_writes_through_a_planted_link(tmp_path):
    """A kernel that guessed the next launcher's pid plants links at its file names."""
    victim = tmp_path / "gradebook.db"
    victim.write_text("every grade")
    runtime = tmp_path / "alliance-grader-x" / "runtime"
    runtime.mkdir(parents=True)
    planted = runtime / "connection-4242.json"
    planted.symlink_to(victim)
    fd = sandbox.create_private(planted)
    os.write(fd, b"{}")
    os.close(fd)
    assert victim.read_text() == "every grade"
    assert not planted.is_symlink() and planted.read_text() == "{}"
    assert planted.stat().st_mode & 0o777 == 0o600


@pytest.mark.skipif(os.geteuid() != 0, reason="handing a folder to another uid needs root")
def test_handing_the_work_copy_over_never_follows_a_link(submission_copy, tmp_path):
    """A link left in a regraded copy must not give its target to the kernel's uid."""
    victim = tmp_path / "gradebook.db"
    victim.write_text("every grade")
    (submission_copy / "gradebook-link").symlink_to(victim)
    sandbox._hand_over(submission_copy, sandbox.SANDBOX_UID_BASE + 7)
    assert victim.stat().st_uid == os.getuid()
    assert os.lstat(submission_copy / "gradebook-link").st_uid == sandbox.SANDBOX_UID_BASE + 7
