"""Kernels warmed before their submission: each serves one trainee, in its own sandbox.

A grading worker starts the next submission's kernel while the current one
runs (:mod:`course.instructor.warm_kernels`). These tests run real sandboxed
kernels and check what a trainee's code would meet: its own folder and id,
nothing left in its namespace by the warm-up, and nothing from the trainee
graded before it.
"""

from __future__ import annotations

import json

import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook

from course.instructor import sandbox, warm_kernels

pytestmark = pytest.mark.adversarial
IMPORTS = ("pandas", "course")

LOOK_AROUND = """
import json, os, sys
import course
print(json.dumps({
    "cwd": os.getcwd(),
    "trainee": course.identity(),
    "files": sorted(os.listdir(".")),
    "handed_in": open("handed-in.txt").read() if os.path.exists("handed-in.txt") else None,
    "names": sorted(n for n in globals() if not n.startswith("_") and n not in ("In", "Out", "exit", "quit", "get_ipython", "open")),
    "warm": "pandas" in sys.modules,
    "tmp": sorted(os.listdir("/tmp")),
    "shm": sorted(os.listdir("/dev/shm")),
}))
"""

LEAVE_SOMETHING = """
import json, os
from pathlib import Path
for folder in ("/tmp", "/dev/shm", "/tmp/autograded", "."):
    Path(folder, "left-for-the-next-trainee").write_text("answers")
Path("/tmp/autograded/bo/00-orientation").mkdir(parents=True, exist_ok=True)
Path("/tmp/autograded/bo/00-orientation/handed-in.txt").write_text("planted")
print(json.dumps(sorted(os.listdir("/tmp"))))
"""


@pytest.fixture
def sandbox_kernels(tmp_path, monkeypatch):
    """The sandboxed kernel spec, found the way a grading worker finds it."""
    sandbox.check_available()
    sandbox.install_kernelspec(tmp_path / "share")
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "share"))
    return sandbox.KERNEL_NAME


def _submission(root, trainee: str, text: str):
    folder = root / "autograded" / trainee / "00-orientation"
    folder.mkdir(parents=True)
    (folder / "handed-in.txt").write_text(text)
    (folder / "00-orientation.ipynb").write_text("{}")  # the notebook itself is never staged
    return folder


def _run(kernel: warm_kernels.WarmKernel, source: str) -> tuple[str, int]:
    nb = new_notebook(cells=[new_code_cell(source)])
    client = NotebookClient(nb, km=kernel.km, timeout=60)
    client.execute()
    client.kc.stop_channels()  # as SafeExecute does: nbclient leaves it open on a kernel it was given
    cell = nb.cells[0]
    errors = [out for out in cell.outputs if out.output_type == "error"]
    assert not errors, errors
    return "".join(out.text for out in cell.outputs if out.output_type == "stream"), cell[
        "execution_count"
    ]


def test_a_warm_kernel_works_as_the_trainee_in_the_trainees_folder(sandbox_kernels, tmp_path):
    folder = _submission(tmp_path, "ada", "from ada")
    kernel = warm_kernels.WarmKernel(sandbox_kernels, IMPORTS, [])
    try:
        kernel.hand_over("ada", "00-orientation", str(folder))
        printed, count = _run(kernel, LOOK_AROUND)
    finally:
        kernel.shutdown()
    seen = json.loads(printed)
    assert seen["cwd"] == "/tmp/autograded/ada/00-orientation"
    assert seen["trainee"] == "ada"
    assert seen["files"] == ["handed-in.txt"] and seen["handed_in"] == "from ada"
    # The warm-up imported pandas but bound no name, and counted no execution.
    assert seen["warm"] and seen["names"] == ["course", "json", "os", "sys"]
    assert count == 1
    assert not run_alive(kernel)
    assert not kernel.staging.exists()


def run_alive(kernel: warm_kernels.WarmKernel) -> bool:
    from jupyter_core.utils import run_sync

    return run_sync(kernel.km.is_alive)()


def test_the_next_kernel_meets_nothing_the_previous_trainee_left(sandbox_kernels, tmp_path):
    pool = warm_kernels.KernelPool()
    try:
        first = pool.take(sandbox_kernels, IMPORTS, [])
        first.hand_over("ada", "00-orientation", str(_submission(tmp_path, "ada", "from ada")))
        pool.prepare(sandbox_kernels, IMPORTS, [])  # warming while ada's code runs
        waiting = pool._waiting
        printed, _ = _run(first, LEAVE_SOMETHING)
        # Ada's sandbox shows its own folders only: not the waiting kernel's, not the host's /tmp.
        seen_by_ada = set(json.loads(printed))
        assert first._base.name in seen_by_ada  # its own work folder; its sockets are in /run
        assert not {waiting._base.name, waiting._sockets.name, tmp_path.parent.name} & seen_by_ada
        first.shutdown()

        second = pool.take(sandbox_kernels, IMPORTS, [])
        assert second is waiting and second is not first
        second.hand_over("bo", "00-orientation", str(_submission(tmp_path, "bo", "from bo")))
        seen = json.loads(_run(second, LOOK_AROUND)[0])
        second.shutdown()
    finally:
        pool.close()
    assert seen["trainee"] == "bo" and seen["handed_in"] == "from bo"
    assert "left-for-the-next-trainee" not in seen["tmp"] + seen["shm"] + seen["files"]


def test_a_kernel_warmed_for_another_module_is_not_used(sandbox_kernels):
    pool = warm_kernels.KernelPool()
    try:
        pool.prepare(sandbox_kernels, IMPORTS, [])
        stale = pool._waiting
        fresh = pool.take(sandbox_kernels, (*IMPORTS, "course.modules.m00"), [])
        fresh.shutdown()
    finally:
        pool.close()
    assert fresh is not stale and not run_alive(stale) and not stale.staging.exists()


def test_a_kernel_that_cannot_warm_up_says_why(sandbox_kernels):
    kernel = warm_kernels.WarmKernel(sandbox_kernels, ("no_such_library_here",), [])
    try:
        with pytest.raises(warm_kernels.KernelNotReady, match="no_such_library_here"):
            kernel.hand_over("ada", "00-orientation", None)
    finally:
        kernel.shutdown()


def test_imports_follow_the_module_registry():
    assert warm_kernels.imports_for("02-using-the-relationship")[-1] == "course.modules.m02"
    assert warm_kernels.imports_for("not-a-module") == warm_kernels.COMMON_IMPORTS


def test_warming_costs_no_more_than_the_notebooks_own_imports(sandbox_kernels):
    """The warm-up imports in the notebooks' order: never the grammar `course` keeps out.

    Imported before `course`, altair's jsonschema builds the rfc3987_syntax parser,
    about 0.9 CPU-seconds in every kernel, which the notebooks themselves never pay.
    """
    kernel = warm_kernels.WarmKernel(
        sandbox_kernels, warm_kernels.imports_for("02-using-the-relationship"), []
    )
    try:
        kernel.hand_over("ada", "02-using-the-relationship", None)
        printed, _ = _run(
            kernel,
            "import sys; print(sorted(m for m in sys.modules if m in ('altair', 'course.modules.m02', 'rfc3987_syntax') and sys.modules[m]))",
        )
    finally:
        kernel.shutdown()
    assert printed.strip() == "['altair', 'course.modules.m02']"


def test_a_workers_open_files_stay_level_across_submissions(sandbox_kernels):
    """A worker grades hundreds of submissions: each kernel's sockets must be closed after it."""
    import gc
    import os

    pool = warm_kernels.KernelPool()
    counts = []
    try:
        for number in range(6):
            kernel = pool.take(sandbox_kernels, ("course",), [])
            kernel.hand_over(f"t{number}", "00-orientation", None)
            pool.prepare(sandbox_kernels, ("course",), [])
            _run(kernel, "print(1)")
            kernel.shutdown()
            gc.collect()  # closed clients' sockets go when collected, not at a random later point
            counts.append(len(os.listdir("/proc/self/fd")))
    finally:
        pool.close()
    assert max(counts[2:]) - min(counts[2:]) <= 3, counts


def test_a_kernel_that_stops_before_its_submission_is_reported_at_once(sandbox_kernels):
    """A sandbox that cannot start must not hold the batch for the whole warm-up time."""
    import time

    kernel = warm_kernels.WarmKernel(sandbox_kernels, ("course",), [])
    try:
        kernel._wait(kernel._pending, "warming")
        from jupyter_core.utils import run_sync

        run_sync(kernel.km.shutdown_kernel)(now=True)  # it dies while it waits
        started = time.monotonic()
        with pytest.raises(warm_kernels.KernelNotReady, match="stopped before"):
            kernel.hand_over("ada", "00-orientation", None)
        assert time.monotonic() - started < 10
    finally:
        kernel.shutdown()
