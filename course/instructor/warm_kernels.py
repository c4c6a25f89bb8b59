"""Sandboxed kernels started and warmed before their submission is known.

Starting a kernel in the sandbox and importing pandas, altair and the course
in it takes about half of a submission's grading time, and none of it depends
on the submission. So a grading worker keeps the next kernel ready: while one
submission runs, the next kernel starts in its own sandbox and imports the
libraries; when its submission comes, the grader stages the submission's files
and the kernel moves into its folder (``/tmp/autograded/<trainee>/<module>``
on the sandbox's own tmpfs, so the trainee id is read from the path exactly as
in a kernel started there).

What makes this safe: every kernel serves exactly one submission and is shut
down after it (nothing a trainee's code does reaches the next trainee), and
the only code it runs before the trainee's notebook is the grader's (the
imports, then :func:`move_into`). A warm kernel never sees a submission other
than its own, and the next one is started in a sandbox of its own.

Used by the grading workers (``alliance-course grade``, local or dask) inside
:func:`pool`; ``alliance-course validate`` and a single nbgrader call start
their kernel on demand as before.
"""

from __future__ import annotations

import atexit
import contextvars
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

# Inside the sandbox: where a warm kernel's submission is worked on.
WORK_ROOT = "/tmp/autograded"
# Imported by every module's notebook; the module's own package is added. `course`
# first, as in the notebooks: it keeps jsonschema (imported by altair) from building
# the rfc3987_syntax grammar, about 0.9 CPU-seconds per kernel (see course/__init__.py).
COMMON_IMPORTS = ("course", "pandas", "altair", "ipywidgets", "course.grading", "course.simulate")
# Seconds for a kernel to start and import, and for the move into the submission.
WARM_TIMEOUT = 180


class KernelNotReady(RuntimeError):
    """A warm kernel died or failed before its submission could run."""


def move_into(staging: str, work: str) -> None:
    """Run inside the sandbox: copy the staged submission files to ``work`` and work there.

    The same copy as the sandbox stage's for a kernel started in its folder
    (regular files only, a link never followed), onto the sandbox's own
    bounded tmpfs.
    """
    import os

    from course.instructor.sandbox_stage import copy_staged

    os.makedirs(work, 0o755, exist_ok=True)
    copy_staged(staging, work)
    os.chdir(work)


def stage_files(source: Path, staging: Path) -> None:
    """Copy a submission's other files (not its notebooks, never a link) for a kernel to read."""
    for path in source.iterdir():
        if path.is_file() and not path.is_symlink() and path.suffix != ".ipynb":
            shutil.copyfile(path, staging / path.name)
            (staging / path.name).chmod(0o644)


def _silent_code(statement: str) -> str:
    # Bind no name in the trainee's namespace: reach everything through __import__.
    return f"__import__('course.instructor.warm_kernels').instructor.warm_kernels.{statement}"


class WarmKernel:
    """One sandboxed kernel, started now, importing ``imports`` while the grader works on."""

    def __init__(self, kernel_name: str, imports: tuple[str, ...], extra_arguments: list[str]):
        import zmq
        from jupyter_client import AsyncKernelManager, BlockingKernelClient
        from jupyter_core.utils import run_sync

        from course.kernel_client import CLIENT_CLASS

        self.imports = imports
        self._base = Path(tempfile.mkdtemp(prefix="alliance-kernel-"))
        # The launcher only starts a kernel in a folder shaped like a submission's copy
        # (sandbox._check_is_submission_copy); it is bound read-only at sandbox.STAGING.
        self.staging = self._base / "autograded" / "warm" / "warm"
        self.staging.mkdir(parents=True)
        self.staging.chmod(0o755)
        # The launcher accepts only socket folders named like this (sandbox._check_is_grader_runtime).
        self._sockets = Path(tempfile.mkdtemp(prefix="alliance-grader-"))
        (self._sockets / "runtime").mkdir()
        self.km = AsyncKernelManager(
            kernel_name=kernel_name,
            transport="ipc",
            ip=str(self._sockets / "runtime" / "kernel"),
            client_class=CLIENT_CLASS,  # the client nbclient makes for the submission
        )
        run_sync(self.km.start_kernel)(cwd=str(self.staging), extra_arguments=extra_arguments)
        # A blocking client of our own for the warm-up; nbclient connects its own later.
        # One zmq context for every warm-up client of the process (a context per client
        # would hold its sockets and threads until the process ends); no heartbeat thread.
        self._client = BlockingKernelClient(context=zmq.Context.instance())
        self._client.load_connection_info(self.km.get_connection_info())
        self._client.start_channels(hb=False)
        code = ";".join(f"__import__({name!r})" for name in imports)
        self._pending = self._client.execute(code, silent=True, store_history=False)

    def _wait(self, msg_id: str, what: str) -> None:
        import time
        from queue import Empty

        from jupyter_core.utils import run_sync

        deadline = time.monotonic() + WARM_TIMEOUT
        while True:
            try:
                reply = self._client.get_shell_msg(timeout=1)
            except Empty:
                # A kernel that died (the sandbox could not start) never answers: say so now.
                if not run_sync(self.km.is_alive)():
                    raise KernelNotReady(f"the sandboxed kernel stopped before {what}") from None
                if time.monotonic() > deadline:
                    raise KernelNotReady(f"the sandboxed kernel did not finish {what}") from None
                continue
            if reply["parent_header"].get("msg_id") != msg_id:
                continue
            content = reply["content"]
            if content.get("status") != "ok":
                why = f"{content.get('ename', '')}: {content.get('evalue', '')}".strip(": ")
                raise KernelNotReady(f"the sandboxed kernel failed {what} ({why})")
            return

    def hand_over(self, student: str, module: str, files_from: str | None) -> None:
        """Stage the submission's files, move the kernel into its folder; then it is nbclient's."""
        from course.instructor.sandbox import STAGING

        if files_from:
            stage_files(Path(files_from), self.staging)
        self._wait(self._pending, "importing the course's libraries")
        work = f"{WORK_ROOT}/{student}/{module}"
        code = _silent_code(f"move_into({STAGING!r}, {work!r})")
        self._wait(self._client.execute(code, silent=True, store_history=False), "its set-up")
        self._client.stop_channels()

    def shutdown(self) -> None:
        """Stop the kernel, close its sockets and remove its folders (nothing of it is reused)."""
        from jupyter_core.utils import run_sync

        try:
            self._client.stop_channels()
            if run_sync(self.km.is_alive)():
                run_sync(self.km.shutdown_kernel)(now=True)
            run_sync(self.km.cleanup_resources)()
        except Exception:  # noqa: BLE001 - a kernel already gone is what we want
            pass
        finally:
            # The manager made this context for its kernel; jupyter_client never closes it.
            self.km.context.destroy(linger=0)
            # rmtree removes links, never what they point to.
            shutil.rmtree(self._base, ignore_errors=True)
            shutil.rmtree(self._sockets, ignore_errors=True)


class KernelPool:
    """At most one kernel waiting per worker process; each kernel serves one submission."""

    def __init__(self) -> None:
        self._waiting: WarmKernel | None = None
        atexit.register(self.close)

    def take(self, kernel_name: str, imports: tuple[str, ...], extra_arguments: list[str]):
        """The waiting kernel if it was warmed for ``imports`` and is alive, else a new one."""
        kernel, self._waiting = self._waiting, None
        if kernel is not None and kernel.imports != imports:
            kernel.shutdown()
            kernel = None
        return kernel or WarmKernel(kernel_name, imports, extra_arguments)

    def prepare(self, kernel_name: str, imports: tuple[str, ...], extra_arguments: list[str]):
        """Start the next submission's kernel now, so it is warm when that submission comes."""
        if self._waiting is None:
            self._waiting = WarmKernel(kernel_name, imports, extra_arguments)

    def close(self) -> None:
        kernel, self._waiting = self._waiting, None
        if kernel is not None:
            kernel.shutdown()


_POOL: KernelPool | None = None
# Set by a grading worker around one submission: whether another submission will follow.
_IN_POOL: contextvars.ContextVar[bool | None] = contextvars.ContextVar("warm_pool", default=None)


@contextmanager
def pool(more_to_come: bool):
    """Grade inside this block with warm kernels; keep one warm if ``more_to_come``."""
    token = _IN_POOL.set(more_to_come)
    try:
        yield
    finally:
        _IN_POOL.reset(token)


def current() -> tuple[KernelPool, bool] | None:
    """This process's pool and whether to prepare another kernel, inside :func:`pool`."""
    global _POOL
    more = _IN_POOL.get()
    if more is None:
        return None
    if _POOL is None:
        _POOL = KernelPool()
    return _POOL, more


def imports_for(module: str) -> tuple[str, ...]:
    """What a kernel for ``module`` imports while it waits: the common libraries and the module's package."""
    from course.modules import UnknownModuleError, get

    try:
        return (*COMMON_IMPORTS, get(module).package)
    except UnknownModuleError:
        return COMMON_IMPORTS
