"""A bubblewrap sandbox for trainees' code while it is graded.

nbgrader runs each submission's kernel with the grader's rights. Here the
kernel instead starts through ``python -m course.instructor.sandbox``, which
runs it under bubblewrap in a user namespace of its own, with resource limits:

- no network (own network namespace), own PID/IPC/UTS namespaces, no
  capabilities, and no further user namespaces (``--disable-userns``: one
  would let the kernel mount an unbounded tmpfs of its own);
- a read-only system: ``/usr``, a few files of ``/etc``, the Python install,
  the virtual environment and the course library (``course/`` and its data);
  the sandbox's own root is read-only too;
- never inside: the grading-only ``answer_key`` (covered where the environment
  holds it) and the tests, which run in the grader's own process
  (:mod:`course.instructor.two_phase`);
- writable: only ``/tmp``, ``/dev/shm`` and the kernel's working folder, all
  on one tmpfs with a byte size and a file count (:mod:`.sandbox_stage`);
- not visible: the gradebook, ``notebooks/``/``source/``, other trainees'
  folders, the instructor's home;
- limits: data memory per process, processes, CPU seconds, file size, open files.

It works as an ordinary user (the way a JupyterHub grader service runs):
bubblewrap makes the user namespace, and the kernel runs as the grader's uid
mapped inside it. Where the grader is root, bubblewrap first binds the paths
as root (the Python install may live under ``/root``), then each kernel drops
to an unused uid of its own (``setpriv``) before the same unprivileged
bubblewrap step, so one kernel's processes never count against another's.

The kernel talks to the grader over Unix sockets (jupyter_client's ``ipc``
transport) in a per-kernel runtime folder bound into the sandbox at
:data:`SOCKETS`, because a kernel with no network cannot reach the grader over
TCP. Where the kernel has Landlock, the stage lets that folder take sockets
only (:func:`.sandbox_stage.limit_writes`), so it cannot fill the host's disk.
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

# Where the grader is root, each kernel gets its own unused uid (base + the
# launcher's pid, unique among running kernels).
SANDBOX_UID_BASE = 200_000
KERNEL_NAME = "alliance-sandbox"
COURSE_PACKAGE = Path(course.__file__).resolve().parent
STAGE = Path(__file__).resolve().with_name("sandbox_stage.py")
# Inside the sandbox: the submission's files, read-only, copied by the stage
# into the kernel's writable folder; and the stage's tmpfs (see sandbox_stage).
STAGING = "/run/alliance-submission"
BUDGET = "/run/alliance-rw"
# The grader's socket folder as the kernel sees it: outside the writable budget, so
# the stage can let it take sockets only (sandbox_stage.limit_writes).
SOCKETS = "/run/alliance-sockets"
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
    # Everything the kernel can write (/tmp, /dev/shm, its working folder) shares
    # one tmpfs: RAM, so bounded in bytes and in files (each file costs kernel memory).
    writable_bytes: int = 256 * 2**20
    writable_files: int = 10_000

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


def answer_key_package() -> Path | None:
    """The grading-only answer key, wherever it is installed: never inside the sandbox."""
    import importlib.util

    spec = importlib.util.find_spec("answer_key")
    return Path(spec.origin).resolve().parent if spec and spec.origin else None


def _packages() -> list[Path]:
    """The course package, wherever and however it was installed."""
    return [COURSE_PACKAGE] if COURSE_PACKAGE.exists() else []


def _python_paths() -> list[str]:
    """The Python install, the venv and the course, bound read-only at their own paths."""
    return [*sorted({sys.base_prefix, sys.prefix}), *map(str, _packages())]


def _hide_answer_key(read_only: list[str]) -> list[str]:
    """Cover the answer key with an empty read-only folder where a bound path holds it.

    The tests and the key run outside the sandbox (course.instructor.two_phase);
    installed into the same environment as the course (a wheel in the venv), the
    key would otherwise be readable through the environment's binding.
    """
    key = answer_key_package()
    if key is None or not any(key.is_relative_to(path) for path in read_only):
        return []
    return ["--tmpfs", str(key), "--remount-ro", str(key)]


def _parents(destinations: list[str]) -> list[str]:
    """``--dir`` every ancestor of the bind targets with mode 0755.

    bubblewrap would create them mode 0700 (owned by root), which the
    unprivileged uid could not traverse.
    """
    seen, args = set(), []
    for dest in destinations:
        for parent in reversed(Path(dest).parents):
            key = str(parent)
            if key in seen or key in ("/", "/usr", "/proc", "/dev"):
                continue
            seen.add(key)
            args += ["--perms", "0755", "--dir", key]
    return args


def sandbox_uid() -> int:
    """The uid for a kernel started by this process (where the grader is root)."""
    return SANDBOX_UID_BASE + os.getpid()


# The unprivileged bubblewrap step: its own user namespace, no nested ones, and
# CAP_SYS_ADMIN in that namespace only, which the stage uses to mount its tmpfs
# and then drops before the kernel starts.
USERNS = ["--unshare-user", "--disable-userns", "--cap-add", "CAP_SYS_ADMIN"]


def bwrap_command(
    work: Path,
    runtime: Path,
    argv: list[str],
    uid: int | None = None,
    limits: Limits | None = None,
) -> list[str]:
    """The full command that runs ``argv`` sandboxed, working in a copy of ``work``.

    ``work``'s regular files are copied into a writable folder at the same path
    inside the sandbox (``work`` itself is only read). ``uid`` is the kernel's
    own uid where the grader is root; ``None`` runs it as the grader's uid,
    mapped in a user namespace, with no root needed anywhere.
    """
    if uid is None and os.geteuid() == 0:
        # Mapped into a user namespace as it is, root would stay root to every file bound.
        raise UnsafeWorkDir("a root grader must give each kernel a uid of its own")
    limits = limits or Limits()
    env = {
        "PATH": f"{Path(sys.prefix) / 'bin'}:/usr/bin:/bin",
        "HOME": "/tmp",
        "LANG": "C.UTF-8",
        "PYTHONDONTWRITEBYTECODE": "1",
        "MPLBACKEND": "Agg",
        "JUPYTER_RUNTIME_DIR": SOCKETS,
        # Found this way however `course` and the key were installed (editable, wheel or a checkout).
        "PYTHONPATH": ":".join(dict.fromkeys(str(path.parent) for path in _packages())),
    }
    setenv = [arg for key, value in env.items() for arg in ("--setenv", key, value)]
    read_only = _python_paths()
    binds = [arg for path in read_only for arg in ("--ro-bind", path, path)]
    binds += _hide_answer_key(read_only)
    binds += ["--bind", str(runtime), SOCKETS, "--ro-bind", str(work), STAGING]
    # -I -S: the stage imports the standard library only, never from a folder it runs in.
    stage = [sys.executable, "-I", "-S", str(STAGE), str(limits.writable_bytes)]
    stage += [str(limits.writable_files), str(work), STAGING, SOCKETS, *read_only, "--"]
    kernel = [*stage, "prlimit", *limits.prlimit_args(), "--", *argv]
    if uid is None:
        privileged, inner = USERNS, kernel
    else:
        # bwrap runs as root so it can reach every bound path (the Python install may
        # live under /root); setpriv then drops to the kernel's own uid for real (the
        # process limit applies per uid), and that uid starts the unprivileged step.
        privileged = []
        drop = [f"--reuid={uid}", f"--regid={uid}", "--clear-groups", "--inh-caps=-all"]
        drop += ["--bounding-set=-all", "--no-new-privs"]
        inner = ["setpriv", *drop, "--", "bwrap", *USERNS, "--dev-bind", "/", "/"]
        inner += ["--die-with-parent", "--", *kernel]
    return [
        "bwrap",
        *privileged,
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
        *_parents([*read_only, SOCKETS, str(work), STAGING, BUDGET]),
        "--dir",
        BUDGET,
        "--dir",
        str(work),
        "--dir",
        "/tmp",
        *binds,
        # Nothing bubblewrap made (its root, /etc, mount points) stays writable:
        # in a user namespace they would belong to the kernel's uid.
        "--remount-ro",
        "/",
        "--clearenv",
        *setenv,
        "--",
        *inner,
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


class UnsafeWorkDir(RuntimeError):
    """The kernel was asked to start somewhere other than a submission's own folder."""


def _check_is_submission_copy(work: Path) -> None:
    # The folder's files are shown to the kernel, so only ever a submission's own
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
    uid = sandbox_uid() if os.geteuid() == 0 else None
    private_conn = runtime / f"connection-{os.getpid()}.json"
    conn_fd = create_private(private_conn)
    # Inside, the socket folder is at SOCKETS: the kernel binds there, the grader
    # connects to the same sockets at their host path.
    inside = {**info, "ip": f"{SOCKETS}/{Path(info['ip']).name}"}
    os.write(conn_fd, json.dumps(inside).encode())
    if uid is not None:
        # The runtime folder is shared by one worker's kernels, one after another:
        # open it to them (sticky, like /tmp) rather than giving it to one uid.
        os.chmod(runtime, 0o1777)
        os.fchown(conn_fd, uid, uid)
    os.close(conn_fd)
    # -P: IPython would otherwise put the working folder (the submission) first on
    # sys.path, so a `course/` package handed in beside the notebook would replace
    # the course's checks inside the kernel.
    argv = [
        sys.executable,
        "-P",
        "-m",
        "ipykernel_launcher",
        "-f",
        f"{SOCKETS}/{private_conn.name}",
    ]
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
    """Raise :class:`SandboxUnavailable` with a one-line reason when the sandbox cannot start.

    Root is not needed. What is needed is that bubblewrap can make a user
    namespace here (the kernel's own uid mapping, its tmpfs, no nested
    namespaces), so a real sandbox is started once, with the grader's rights.
    """
    root = os.geteuid() == 0
    for tool in ("bwrap", "prlimit", *(["setpriv"] if root else [])):
        if not shutil.which(tool):
            raise SandboxUnavailable(
                f"`{tool}` is not installed, so trainees' code cannot be sandboxed. Install "
                "Debian's bubblewrap and util-linux (make test does), or grade with --no-sandbox "
                "if you accept running trainees' code with your own rights."
            )
    with tempfile.TemporaryDirectory(prefix="alliance-probe-") as scratch:
        work, runtime = Path(scratch, "work"), Path(scratch, "runtime")
        work.mkdir(mode=0o755)
        runtime.mkdir()
        uid = sandbox_uid() if root else None
        probe = bwrap_command(work, runtime, ["/bin/true"], uid)
        result = subprocess.run(probe, capture_output=True, text=True)
    if result.returncode != 0:
        why = " ".join(result.stderr.split())[:300] or f"exit status {result.returncode}"
        raise SandboxUnavailable(
            f"bubblewrap could not start a sandbox with its own user namespace here ({why}); "
            "allow unprivileged user namespaces (sysctl user.max_user_namespaces > 0), or grade "
            "with --no-sandbox only if you trust every submission."
        )


if __name__ == "__main__":
    launch(sys.argv[1])
