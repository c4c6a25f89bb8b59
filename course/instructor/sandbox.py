"""A bubblewrap sandbox for trainees' code while it is graded.

nbgrader runs each submission's kernel with the grader's rights. Here the
kernel instead starts through ``python -m course.instructor.sandbox``, which
runs it under bubblewrap, dropped to an unprivileged uid of its own with
resource limits:

- no network (own network namespace), own PID/IPC/UTS namespaces;
- a read-only system: ``/usr``, a few files of ``/etc``, the Python install,
  the virtual environment and the course library (``course/``, its data, and the grading-only ``answer_key``);
- writable: only the submission's own working copy and a private ``/tmp``;
- not visible: the gradebook, ``notebooks/``/``source/``, other trainees'
  folders, the instructor's home;
- limits: data memory per process, processes, CPU seconds, file size, open files.

The kernel talks to the grader over Unix sockets (jupyter_client's ``ipc``
transport) in a per-worker runtime folder bound into the sandbox, because a
kernel with no network cannot reach the grader over TCP.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import course

# Each kernel gets its own unused uid (base + the launcher's pid, unique among
# running kernels): the process limit counts per uid, so a fork bomb in one
# submission cannot starve the kernels grading the others.
SANDBOX_UID_BASE = 200_000
KERNEL_NAME = "alliance-sandbox"
COURSE_PACKAGE = Path(course.__file__).resolve().parent
ETC_FILES = [
    "/etc/passwd",
    "/etc/group",
    "/etc/nsswitch.conf",
    "/etc/localtime",
    "/etc/ld.so.cache",
    "/etc/fonts",
    "/etc/ssl",
    "/etc/alternatives",
    "/etc/mime.types",
]


@dataclass(frozen=True)
class Limits:
    """Resource limits for one kernel (and everything it starts)."""

    # RLIMIT_DATA, not RLIMIT_AS: vl-convert's V8 engine reserves a terabyte of
    # address space it never uses, so an address-space limit kills every chart.
    data_bytes: int = 6 * 2**30
    processes: int = 64
    cpu_seconds: int = 600
    file_size_bytes: int = 256 * 2**20
    open_files: int = 1024

    def prlimit_args(self) -> list[str]:
        return [
            f"--data={self.data_bytes}",
            f"--nproc={self.processes}",
            f"--cpu={self.cpu_seconds}",
            f"--fsize={self.file_size_bytes}",
            f"--nofile={self.open_files}",
            "--core=0",
        ]


class SandboxUnavailable(RuntimeError):
    """bubblewrap cannot run here; grading refuses unless --no-sandbox is given."""


def _bind_system() -> list[str]:
    args = ["--ro-bind", "/usr", "/usr"]
    for name in ("bin", "lib", "lib64", "sbin"):
        path = Path("/") / name
        if path.is_symlink():
            args += ["--symlink", os.readlink(path), str(path)]
        elif path.exists():
            args += ["--ro-bind", str(path), str(path)]
    # bwrap would make /etc mode 0700 for root; the kernel's uid must read the few files bound.
    args += ["--perms", "0755", "--dir", "/etc"]
    for etc in ETC_FILES:
        if Path(etc).exists():
            args += ["--ro-bind", etc, etc]
    return args


def _answer_key_package() -> Path | None:
    """The grading-only answer key: the grading kernel's hidden tests import it."""
    import importlib.util

    spec = importlib.util.find_spec("answer_key")
    return Path(spec.origin).parent if spec and spec.origin else None


def _bind_python() -> list[str]:
    args = []
    for prefix in sorted({sys.base_prefix, sys.prefix}):
        args += ["--ro-bind", prefix, prefix]
    for path in (COURSE_PACKAGE, _answer_key_package()):
        if path is not None and path.exists():
            args += ["--ro-bind", str(path), str(path)]
    return args


def _parents(destinations: list[str]) -> list[str]:
    """``--dir`` every ancestor of the bind targets with mode 0755.

    bubblewrap would create them mode 0700 (owned by root), which the
    unprivileged uid could not traverse.
    """
    seen, args = set(), []
    for dest in destinations:
        for parent in reversed(Path(dest).parents):
            key = str(parent)
            if key in seen or key in ("/", "/tmp", "/usr", "/proc", "/dev"):
                continue
            seen.add(key)
            args += ["--perms", "0755", "--dir", key]
    return args


def sandbox_uid() -> int:
    """The uid for a kernel started by this process."""
    return SANDBOX_UID_BASE + os.getpid()


def bwrap_command(
    work: Path, runtime: Path, argv: list[str], uid: int, limits: Limits | None = None
) -> list[str]:
    """The full command that runs ``argv`` sandboxed as ``uid``, working in ``work``."""
    limits = limits or Limits()
    env = {
        "PATH": f"{Path(sys.prefix) / 'bin'}:/usr/bin:/bin",
        "HOME": "/tmp",
        "LANG": "C.UTF-8",
        "PYTHONDONTWRITEBYTECODE": "1",
        "MPLBACKEND": "Agg",
        "JUPYTER_RUNTIME_DIR": str(runtime),
        # Found this way however `course` was installed (editable, wheel or a checkout).
        "PYTHONPATH": str(COURSE_PACKAGE.parent),
    }
    setenv = [arg for key, value in env.items() for arg in ("--setenv", key, value)]
    python_binds = _bind_python()
    own = ["--bind", str(work), str(work), "--bind", str(runtime), str(runtime)]
    targets = [python_binds[i + 2] for i in range(0, len(python_binds), 3)]
    targets += [str(work), str(runtime)]
    # bwrap runs with the grader's rights so it can reach every bound path (the
    # Python install may live under /root); inside, setpriv drops to the kernel's own uid
    # for real, so the process limit applies and no capability survives.
    return [
        "bwrap",
        "--unshare-net",
        "--unshare-pid",
        "--unshare-ipc",
        "--unshare-uts",
        "--unshare-cgroup-try",
        "--die-with-parent",
        "--new-session",
        *_bind_system(),
        "--proc",
        "/proc",
        "--dev",
        "/dev",
        "--perms",
        "1777",
        "--tmpfs",
        "/tmp",
        *_parents(targets),
        *python_binds,
        *own,
        "--chdir",
        str(work),
        "--clearenv",
        *setenv,
        "--",
        "setpriv",
        f"--reuid={uid}",
        f"--regid={uid}",
        "--clear-groups",
        "--inh-caps=-all",
        "--bounding-set=-all",
        "--no-new-privs",
        "--",
        "prlimit",
        *limits.prlimit_args(),
        "--",
        *argv,
    ]


def create_private(path: Path) -> int:
    """Create ``path`` for writing (mode 0600) and return its descriptor; never through a link.

    The runtime folder is shared by a worker's kernels, and a kernel can guess the
    next launcher's pid: a link it planted at ``connection-<pid>.json`` would make
    the launcher (root) write or chown any file. An existing entry is removed
    (unlink never follows a link) and the file is made with ``O_EXCL | O_NOFOLLOW``.
    """
    for _ in range(3):
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass
        try:
            return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        except FileExistsError:
            continue  # re-planted between unlink and open: try again, then give up
    raise UnsafeWorkDir(f"{path} keeps being re-created by another process: not launching")


def _hand_over(path: Path, uid: int) -> None:
    # The sandboxed uid must be able to write its own working copy (and only that).
    # follow_symlinks=False: a link a previous kernel left in the copy is changed
    # itself, never the file it points to.
    _check_is_submission_copy(path)
    for root, dirs, files in os.walk(path):
        for name in [*dirs, *files]:
            os.chown(os.path.join(root, name), uid, uid, follow_symlinks=False)
    os.chown(path, uid, uid, follow_symlinks=False)


class UnsafeWorkDir(RuntimeError):
    """The kernel was asked to start somewhere other than a submission's own folder."""


def _check_is_submission_copy(work: Path) -> None:
    # Ownership is handed to the sandbox uid, so only ever a submission's own
    # autograded copy: never a shared folder such as /tmp or a home directory.
    parts = work.parts
    if len(parts) < 4 or parts[-3] != "autograded":
        raise UnsafeWorkDir(
            f"refusing to sandbox a kernel in {work}: it must run in "
            "<course>/autograded/<student>/<module>"
        )


def _check_is_grader_runtime(runtime: Path) -> None:
    if runtime.name != "runtime" or not runtime.parent.name.startswith("alliance-grader-"):
        raise UnsafeWorkDir(
            f"refusing to hand {runtime} to the sandbox: not a grader runtime folder"
        )


def launch(connection_file: str) -> None:
    """Kernel-spec entry point: start ipykernel sandboxed in the current directory.

    The connection file itself may sit anywhere (jupyter_client can put it in
    the system temp folder); only its ``ip`` (the Unix-socket prefix, set to
    ``<grader runtime>/kernel`` by the grader) decides which folder the kernel
    may write its sockets into. A private copy of the connection file goes
    there, so nothing else is ever handed to the sandbox uid.
    """
    work = Path.cwd().resolve()
    info = json.loads(Path(connection_file).read_text())
    if info.get("transport") != "ipc":
        raise UnsafeWorkDir("the sandboxed kernel needs jupyter_client's ipc transport")
    runtime = Path(info["ip"]).resolve().parent
    _check_is_submission_copy(work)
    _check_is_grader_runtime(runtime)
    uid = sandbox_uid()
    private_conn = runtime / f"connection-{os.getpid()}.json"
    conn_fd = create_private(private_conn)
    os.write(conn_fd, json.dumps(info).encode())
    if os.geteuid() == 0:
        _hand_over(work, uid)
        # The runtime folder is shared by one worker's kernels, one after another:
        # open it to them (sticky, like /tmp) rather than giving it to one uid.
        os.chmod(runtime, 0o1777)
        os.fchown(conn_fd, uid, uid)
    os.close(conn_fd)
    # -P: IPython would otherwise put the working folder (the submission) first on
    # sys.path, so a `course/` package handed in beside the notebook would replace
    # the course's checks inside the kernel.
    argv = [sys.executable, "-P", "-m", "ipykernel_launcher", "-f", str(private_conn)]
    command = bwrap_command(work, runtime, argv, uid)
    # ipykernel prints a connection banner per kernel; keep it (and any crash
    # message) in the worker's runtime folder instead of the instructor's terminal.
    log = create_private(runtime / f"kernel-{os.getpid()}.log")
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.execvp(command[0], command)


def install_kernelspec(prefix: Path) -> Path:
    """Write the sandbox kernel spec under ``prefix/kernels``; add ``prefix`` to JUPYTER_PATH."""
    spec_dir = prefix / "kernels" / KERNEL_NAME
    spec_dir.mkdir(parents=True, exist_ok=True)
    spec = {
        # -P: the launcher runs with the grader's rights before bubblewrap starts, in the
        # submission's folder; it must never import a module handed in there (json.py,
        # a course/ package). -P keeps that folder off sys.path.
        "argv": [sys.executable, "-P", "-m", "course.instructor.sandbox", "{connection_file}"],
        "display_name": "Python 3 (sandboxed grading)",
        "language": "python",
        "interrupt_mode": "signal",
    }
    (spec_dir / "kernel.json").write_text(json.dumps(spec, indent=1))
    return spec_dir


def check_available() -> None:
    """Raise :class:`SandboxUnavailable` with the reason when the sandbox cannot start."""
    for tool in ("bwrap", "setpriv", "prlimit"):
        if not shutil.which(tool):
            raise SandboxUnavailable(
                f"`{tool}` is not installed, so trainees' code cannot be sandboxed. Install "
                "Debian's bubblewrap and util-linux (make test does), or grade with --no-sandbox "
                "if you accept running trainees' code with your own rights."
            )
    if os.geteuid() != 0:
        raise SandboxUnavailable(
            "the sandbox switches trainees' kernels to an unprivileged uid of their own, which "
            "needs the grader to run as root (or grade with --no-sandbox)."
        )
    with tempfile.TemporaryDirectory(prefix="alliance-probe-") as scratch:
        probe = bwrap_command(Path(scratch), Path(scratch), ["/bin/true"], sandbox_uid())
        result = subprocess.run(probe, capture_output=True, text=True)
    if result.returncode != 0:
        raise SandboxUnavailable(
            f"bubblewrap could not start a sandbox here: {result.stderr.strip()[:300]}. "
            "Grade with --no-sandbox only if you trust every submission."
        )


if __name__ == "__main__":
    launch(sys.argv[1])
