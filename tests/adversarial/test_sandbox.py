"""The grading sandbox itself: what a sandboxed process can and cannot do, and what it refuses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from course.instructor import sandbox
from course.instructor.sandbox_stage import landlock_abi

pytestmark = pytest.mark.adversarial
PROJECT = sandbox.COURSE_PACKAGE.parent
LANDLOCK = landlock_abi() > 0

PROBE = """
import json, os, socket, subprocess, sys
from pathlib import Path
out = {"uid": os.getuid()}
out["course_importable"] = Path(__import__("course").__file__).parent.name == "course"
out["answer_key_found"] = __import__("importlib.util").util.find_spec("answer_key") is not None
out["sees_notebooks"] = Path(sys.argv[1], "notebooks").exists()
out["root_home"] = sorted(os.listdir("/root")) if os.path.isdir("/root") else []
out["sees_shadow"] = Path("/etc/shadow").exists()
out["capabilities"] = open("/proc/self/status").read().split("CapEff:")[1].split()[0]
try:
    Path(sys.argv[1], "course", "pwned.py").write_text("x")
    out["writes_course"] = True
except OSError:
    out["writes_course"] = False
out["handed_in"] = Path("handed-in.txt").read_text()
Path("handed-in.txt").write_text("changed inside")
Path("answer.txt").write_text("mine")
out["writes_own_folder"] = Path("answer.txt").read_text() == "mine"
def fill(folder, size, count):
    made = 0
    try:
        for made in range(count):
            Path(folder, f"f{made}").write_bytes(b"x" * size)
        return "not bounded"
    except OSError as err:
        return err.strerror
out["tmp_bytes"] = fill("/tmp", 2**20, 10_000)
out["shm_files"] = fill("/dev/shm", 0, 100_000)
for folder in ("/", "/etc", "/run", "/dev"):
    out[f"writes {folder}"] = fill(folder, 1, 1)
# The grader's socket folder, the one host folder bound writable: sockets only.
sockets = os.environ["JUPYTER_RUNTIME_DIR"]
out["writes its socket folder"] = fill(sockets, 1, 1)
listener = socket.socket(socket.AF_UNIX)
listener.bind(os.path.join(sockets, "kernel-probe"))
out["binds a socket there"] = True
listener.close()
os.unlink(os.path.join(sockets, "kernel-probe"))
with open("/dev/null", "w") as null:
    out["writes /dev/null"] = null.write("x") == 1
out["nested_user_namespace"] = subprocess.run(["unshare", "-Ur", "true"]).returncode == 0
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
    (work / "handed-in.txt").write_text("from the trainee")
    return work


def test_sandbox_is_available_where_tests_run():
    sandbox.check_available()


SMALL = sandbox.Limits(writable_bytes=64 * 2**20, writable_files=2_000)


def test_sandboxed_process_is_confined(submission_copy, tmp_path):
    runtime = tmp_path / "runtime"
    runtime.mkdir()
    runtime.chmod(0o1777)  # as the launcher opens it to a root grader's kernel uid
    uid = sandbox.SANDBOX_UID_BASE + 1 if os.geteuid() == 0 else None
    argv = [sys.executable, "-c", PROBE, str(PROJECT)]
    command = sandbox.bwrap_command(submission_copy, runtime, argv, uid, SMALL)
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen == {
        "uid": uid if uid is not None else os.getuid(),
        "course_importable": True,
        # The tests and the key run in the grader's own process (two_phase).
        "answer_key_found": False,
        "sees_notebooks": False,
        "root_home": _visible_in_root_home(),
        "sees_shadow": False,
        "capabilities": "0000000000000000",
        "writes_course": False,
        "handed_in": "from the trainee",
        "writes_own_folder": True,
        # One budget for every writable place: 64 MiB fills before 10,000 files of
        # 1 MiB, and /dev/shm runs out of files long before 100,000.
        "tmp_bytes": "No space left on device",
        "shm_files": "No space left on device",
        "writes /": "Read-only file system",
        "writes /etc": "Read-only file system",
        "writes /run": "Read-only file system",
        # Landlock (where the kernel has it): no file made in /dev or the socket folder.
        "writes /dev": "Permission denied" if LANDLOCK else "not bounded",
        "writes its socket folder": "Permission denied" if LANDLOCK else "not bounded",
        "binds a socket there": True,
        "writes /dev/null": True,
        "nested_user_namespace": False,
        "network": False,
    }
    assert not (PROJECT / "course" / "pwned.py").exists()
    # The kernel worked on a copy: the submission's folder is as it was handed in.
    assert sorted(p.name for p in submission_copy.iterdir()) == ["handed-in.txt"]
    assert (submission_copy / "handed-in.txt").read_text() == "from the trainee"
    assert list(runtime.iterdir()) == []


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


def test_no_user_namespace_is_refused_in_one_line(tmp_path, monkeypatch):
    """Where bubblewrap cannot make a user namespace, grading refuses and says why, once."""
    fake = tmp_path / "bwrap"
    fake.write_text(
        "#!/bin/sh\necho 'bwrap: No permissions to create new namespace, likely because the "
        "kernel does not allow non-privileged user namespaces.' >&2\nexit 1\n"
    )
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}:{os.environ['PATH']}")
    with pytest.raises(sandbox.SandboxUnavailable) as refused:
        sandbox.check_available()
    message = str(refused.value)
    assert "\n" not in message and "user namespace" in message and "--no-sandbox" in message
    assert "does not allow non-privileged user namespaces" in message


@pytest.mark.skipif(os.geteuid() != 0, reason="only a root grader chooses the kernel's uid")
def test_root_grader_never_runs_a_kernel_as_root(submission_copy, tmp_path):
    with pytest.raises(sandbox.UnsafeWorkDir, match="uid of its own"):
        sandbox.bwrap_command(submission_copy, tmp_path, ["/bin/true"], uid=None)


def test_each_kernel_gets_its_own_socket_folder_removed_after_it(tmp_path):
    """The one host folder a kernel can write: never shared, never outliving its submission."""
    from course.instructor.safe_execute import SafeExecute, socket_folder

    victim = tmp_path / "gradebook.db"
    victim.write_text("every grade")
    executor = SafeExecute(kernel_name=sandbox.KERNEL_NAME)
    with socket_folder(True) as first, socket_folder(True) as second:
        assert first != second and first.name == second.name == "runtime"
        sandbox._check_is_grader_runtime(first)  # the launcher accepts it
        (first / "kernel-1").symlink_to(victim)  # left for a later kernel to follow
        (first / "filler").write_bytes(b"x" * 2**20)
        executor._sockets = first
        km = executor.create_kernel_manager()
        assert (km.transport, km.ip) == ("ipc", str(first / "kernel"))
    assert not first.parent.exists() and not second.parent.exists()
    assert victim.read_text() == "every grade"
    with socket_folder(False) as unsandboxed:
        assert unsandboxed is None


def test_an_answer_key_installed_beside_the_course_is_covered(
    submission_copy, tmp_path, monkeypatch
):
    """A key installed into the same environment (a wheel in the venv) is not readable inside."""
    env = tmp_path / "env"
    key = env / "lib" / "site-packages" / "answer_key"
    key.mkdir(parents=True)
    (key / "m00.py").write_text("REFERENCE = 41.5\n")
    env.chmod(0o755)
    for folder in (key.parent.parent, key.parent, key):
        folder.chmod(0o755)
    (key / "m00.py").chmod(0o644)
    bound = sandbox._python_paths()
    monkeypatch.setattr(sandbox, "_python_paths", lambda: [*bound, str(env)])
    monkeypatch.setattr(sandbox, "answer_key_package", lambda: key)
    runtime = tmp_path / "runtime"
    runtime.mkdir()
    uid = sandbox.SANDBOX_UID_BASE + 2 if os.geteuid() == 0 else None
    probe = f"import os; print(sorted(os.listdir({str(key)!r})), os.path.isdir({str(env)!r}))"
    command = sandbox.bwrap_command(submission_copy, runtime, [sys.executable, "-c", probe], uid)
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["[]", "True"]
