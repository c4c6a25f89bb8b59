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

Last, where the kernel has Landlock, the stage limits writing for good (it
holds for the kernel and everything it starts): files may be made, written,
removed only on the budget (``/tmp``, ``/dev/shm``, the working folder); the
grader's socket folder, the one host folder bound writable, takes Unix
sockets only (the kernel's own), never a file that could fill the host's disk;
``/dev`` takes writes to its existing devices (``/dev/null``) only.

Usage: ``sandbox_stage.py BYTES FILES WORK STAGING SOCKETS [KEEP ...] -- COMMAND ...``
where SOCKETS is the grader's socket folder as bound inside, and each KEEP is
a read-only path bound under ``/tmp`` (the Python install, the course) that
must stay visible on the new ``/tmp``.
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


# Landlock (linux/landlock.h): syscalls, rule type, and the filesystem rights the
# stage takes away (reading and executing stay as the mounts allow).
LANDLOCK_CREATE_RULESET, LANDLOCK_ADD_RULE, LANDLOCK_RESTRICT_SELF = 444, 445, 446
LANDLOCK_CREATE_RULESET_VERSION, LANDLOCK_RULE_PATH_BENEATH = 1, 1
WRITE_FILE, REMOVE_DIR, REMOVE_FILE, MAKE_CHAR, MAKE_DIR, MAKE_REG = 2, 16, 32, 64, 128, 256
MAKE_SOCK, MAKE_FIFO, MAKE_BLOCK, MAKE_SYM, REFER, TRUNCATE = 512, 1024, 2048, 4096, 8192, 16384
PR_SET_NO_NEW_PRIVS = 38


class _PathBeneath(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


def landlock_abi() -> int:
    """The kernel's Landlock version, 0 where it has none (too old, or not enabled)."""
    version = LIBC.syscall(LANDLOCK_CREATE_RULESET, None, 0, LANDLOCK_CREATE_RULESET_VERSION)
    return max(version, 0)


def limit_writes(writable: list[str], sockets: str) -> bool:
    """Allow making and changing files only beneath ``writable``; sockets only in ``sockets``.

    Returns False (and changes nothing) where the kernel has no Landlock.
    """
    abi = landlock_abi()
    if abi < 1:
        return False
    every = WRITE_FILE | REMOVE_DIR | REMOVE_FILE | MAKE_CHAR | MAKE_DIR | MAKE_REG
    every |= MAKE_SOCK | MAKE_FIFO | MAKE_BLOCK | MAKE_SYM
    every |= (REFER if abi >= 2 else 0) | (TRUNCATE if abi >= 3 else 0)
    handled = ctypes.c_uint64(every)
    ruleset = LIBC.syscall(LANDLOCK_CREATE_RULESET, ctypes.byref(handled), 8, 0)
    _check(0 if ruleset >= 0 else -1, "landlock ruleset")
    devices = WRITE_FILE | (TRUNCATE if abi >= 3 else 0)
    rules = [(path, every) for path in writable]
    rules += [(sockets, MAKE_SOCK | REMOVE_FILE), ("/dev", devices)]
    for path, allowed in rules:
        fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
        rule = _PathBeneath(allowed, fd)
        added = LIBC.syscall(
            LANDLOCK_ADD_RULE, ruleset, LANDLOCK_RULE_PATH_BENEATH, ctypes.byref(rule), 0
        )
        _check(0 if added == 0 else -1, f"landlock rule for {path}")
        os.close(fd)
    _check(LIBC.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no new privileges")
    _check(LIBC.syscall(LANDLOCK_RESTRICT_SELF, ruleset, 0), "landlock")
    os.close(ruleset)
    return True


def copy_staged(staging: str, work: str) -> None:
    """Copy the submission's staged regular files into ``work``; never follow anything else.

    Also used by a warm kernel when its submission comes (course.instructor.warm_kernels).
    """
    for name in sorted(os.listdir(staging)):
        source = os.path.join(staging, name)
        if not stat.S_ISREG(os.lstat(source).st_mode):
            continue  # the grader stages regular files only
        src = os.open(source, os.O_RDONLY | os.O_NOFOLLOW)
        dst = os.open(os.path.join(work, name), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        while chunk := os.read(src, 1 << 20):
            os.write(dst, chunk)
        os.close(src)
        os.close(dst)


def main(argv: list[str]) -> None:
    split = argv.index("--")
    size, files, work, staging, sockets, *keep = argv[:split]
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
    copy_staged(staging, work)
    os.chdir(work)
    limit_writes(sorted({"/tmp", "/dev/shm", work}), sockets)
    _check(LIBC.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0), "drop capabilities")
    os.execvp(command[0], command)


if __name__ == "__main__":
    main(sys.argv[1:])
