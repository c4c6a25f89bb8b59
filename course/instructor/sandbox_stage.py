"""Run inside the sandbox, before the kernel: one bounded place for everything writable.

bubblewrap can give a tmpfs a byte size but not a file count, and every empty
file on a tmpfs costs kernel memory that no limit of the kernel's process
counts. So this stage, started by bubblewrap with ``CAP_SYS_ADMIN`` in the
sandbox's own user namespace (never on the host), makes a private mount
namespace and mounts one tmpfs with ``size=`` *and* ``nr_inodes=``. The
kernel's ``/tmp``, ``/dev/shm`` and its working folder are all on it, so
whatever the trainee's code writes, anywhere, counts against one budget; when
it is spent, writes fail with "No space left on device" in the trainee's own
cell. The submission's files are copied in from a read-only staging folder.
Then the capability is dropped (ambient set cleared before ``exec``; the
process never runs as uid 0, so ``exec`` grants nothing back) and the kernel
command runs.

Run as a script with ``python -I -S``: it must import nothing but the
standard library, and nothing from the folder it runs in.

Usage: ``sandbox_stage.py BYTES FILES WORK STAGING [KEEP ...] -- COMMAND ...``
where each KEEP is a read-only path bound under ``/tmp`` (the Python install,
the course, the grader's socket folder) that must stay visible on the new
``/tmp``.
"""

import ctypes
import os
import stat
import sys

CLONE_NEWNS = 0x00020000
MS_NOSUID, MS_NODEV, MS_BIND, MS_REC, MS_PRIVATE = 2, 4, 4096, 16384, 1 << 18
PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL = 47, 4
BUDGET = "/run/alliance-rw"  # created by bubblewrap as an empty mount point
LIBC = ctypes.CDLL(None, use_errno=True)


def _check(result: int, what: str) -> None:
    if result != 0:
        sys.exit(f"sandbox stage: {what}: {os.strerror(ctypes.get_errno())}")


def _bind(source: str, target: str) -> None:
    _check(LIBC.mount(source.encode(), target.encode(), None, MS_BIND | MS_REC, None), target)


def _under(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def main(argv: list[str]) -> None:
    split = argv.index("--")
    size, files, work, staging, *keep = argv[:split]
    command = argv[split + 1 :]
    # bubblewrap's mount namespace belongs to its outer user namespace; a new one
    # belongs to ours, so we may mount in it (mounts copied into it stay locked).
    _check(LIBC.unshare(CLONE_NEWNS), "new mount namespace")
    _check(LIBC.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None), "private mounts")
    options = f"size={size},nr_inodes={files},mode=0755".encode()
    _check(LIBC.mount(b"tmpfs", BUDGET.encode(), b"tmpfs", MS_NOSUID | MS_NODEV, options), BUDGET)
    # Read-only paths under /tmp would vanish under the new /tmp: hold them by descriptor.
    held = {path: os.open(path, os.O_PATH) for path in keep if _under(path, "/tmp")}
    for name, target in (("tmp", "/tmp"), ("shm", "/dev/shm")):
        os.mkdir(f"{BUDGET}/{name}", 0o1777)
        os.chmod(f"{BUDGET}/{name}", 0o1777)
        _bind(f"{BUDGET}/{name}", target)
    for path, fd in held.items():
        os.makedirs(path, 0o755, exist_ok=True)
        _bind(f"/proc/self/fd/{fd}", path)
        os.close(fd)
    if _under(work, "/tmp"):
        os.makedirs(work, 0o755)
    else:
        os.mkdir(f"{BUDGET}/work", 0o755)
        _bind(f"{BUDGET}/work", work)
    for name in sorted(os.listdir(staging)):
        source = os.path.join(staging, name)
        if not stat.S_ISREG(os.lstat(source).st_mode):
            continue  # the grader stages regular files only; never follow anything else
        src = os.open(source, os.O_RDONLY | os.O_NOFOLLOW)
        dst = os.open(os.path.join(work, name), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        while chunk := os.read(src, 1 << 20):
            os.write(dst, chunk)
        os.close(src)
        os.close(dst)
    os.chdir(work)
    _check(LIBC.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0), "drop capabilities")
    os.execvp(command[0], command)


if __name__ == "__main__":
    main(sys.argv[1:])
