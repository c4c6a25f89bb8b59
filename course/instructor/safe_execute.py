"""nbgrader's Execute, hardened: partial credit when the kernel dies, time and output limits.

Plain nbgrader fails a whole submission when the kernel dies (``os._exit``, a
segfault, the memory limit), so cells that had already passed lose their
grades too. :class:`SafeExecute` keeps going instead: the cell that killed the
kernel gets an error output saying so, every later code cell gets a
"did not run" error (so its tests score 0, never full marks by default), and
the cells before keep their results. A whole-notebook time limit works the
same way, and each cell's outputs are capped so a runaway print cannot exhaust
the grader's memory.

One more fairness fix: nbgrader scores a test cell 0 when it wrote anything to
stderr (``nbgrader.utils.determine_grade``), so a harmless library warning
raised while a test checks a correct answer would cost the trainee the points.
Stderr text of test cells is therefore kept, but as a stdout stream marked
``[warning]``; a failed test still fails, because failures are error outputs.

Set in ``nbgrader_config.py`` for ``Autograde`` (and used by the course's own
grading pipeline), so plain ``nbgrader autograde`` behaves the same, with one
difference by design: outside the course's sandbox kernel it refuses to run
trainees' code at all (:data:`UNSANDBOXED` says what to do instead), unless
the instructor says ``--SafeExecute.allow_unsandboxed=True``.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat import NotebookNode
from nbgrader.preprocessors import Execute
from traitlets import Bool, Integer

from course.instructor import two_phase, warm_kernels
from course.kernel_client import CLIENT_CLASS

UNSANDBOXED = (
    "Not graded: this would run trainees' code with your own rights, outside the sandbox "
    "(plain `nbgrader autograde` and formgrader's Autograde button do that). Grade with "
    "`alliance-course grade MODULE`, which runs each kernel in the sandbox; only if you "
    "trust every submission, pass --SafeExecute.allow_unsandboxed=True."
)


# What an instructor adds to a plain `nbgrader autograde` of submissions they trust.
TRUSTED_OPTION = "--SafeExecute.allow_unsandboxed=True"


class UnsandboxedGrading(RuntimeError):
    """Autograde was asked to run trainees' code outside the sandbox without saying so."""


KERNEL_DIED = (
    "The Python kernel stopped while this cell ran (for example os._exit, a crash, or the "
    "memory limit). Cells graded before this one keep their grades; this cell and every "
    "later one score 0."
)


def error_output(ename: str, evalue: str) -> NotebookNode:
    """An nbformat error output whose traceback is just the message."""
    return NotebookNode(
        output_type="error", ename=ename, evalue=evalue, traceback=[f"{ename}: {evalue}"]
    )


def is_test_cell(cell: NotebookNode) -> bool:
    """An nbgrader autograder-test cell: graded, code, and not the trainee's answer."""
    meta = cell.metadata.get("nbgrader", {})
    return cell.cell_type == "code" and meta.get("grade", False) and not meta.get("solution", False)


def stderr_as_warning(outputs: list[NotebookNode]) -> list[NotebookNode]:
    """Turn stderr streams into stdout streams that say they were warnings."""
    kept = []
    for out in outputs:
        if out.get("output_type") == "stream" and out.get("name") == "stderr":
            text = "".join(f"[warning] {line}" for line in out["text"].splitlines(keepends=True))
            out = NotebookNode(output_type="stream", name="stdout", text=text)
        kept.append(out)
    return kept


@contextmanager
def kernel_folder(graded_folder: str | None):
    """A private copy of a submission's folder for the kernel to work in, without notebooks.

    nbgrader writes the graded notebook into ``autograded/<trainee>/<module>``.
    Were the kernel to work there, it could replace that notebook with a link
    (the grader would then write through it) or read the notebook being graded.
    The kernel gets a throw-away folder of the same shape (the trainee id is
    read from its path) holding the submission's other files, and it is removed
    afterwards (``rmtree`` removes links, never what they point to). The
    sandbox only reads it: the kernel writes into a copy on the sandbox's own
    bounded tmpfs, at the same path (:mod:`course.instructor.sandbox_stage`).
    """
    if not graded_folder:
        yield graded_folder
        return
    source = Path(graded_folder)
    base = Path(tempfile.mkdtemp(prefix="alliance-kernel-"))
    scratch = base / "autograded" / source.parent.name / source.name
    scratch.mkdir(parents=True)
    # The sandbox only reads this folder (bound read-only, copied into its own
    # bounded tmpfs); where the kernel runs as a uid of its own, it must be able to.
    scratch.chmod(0o755)
    try:
        warm_kernels.stage_files(source, scratch)
        yield str(scratch)
    finally:
        shutil.rmtree(base, ignore_errors=True)


@contextmanager
def socket_folder(sandboxed: bool):
    """A private folder for one sandboxed kernel's sockets, removed after it.

    It is the one host folder a sandboxed kernel can write (it must make its
    Unix sockets where the grader connects). One per kernel, so nothing a
    kernel leaves there (files filling the disk, links at the socket names the
    grader picks next) outlives its submission or reaches the next kernel.
    ``rmtree`` removes links, never what they point to.
    """
    if not sandboxed:
        yield None
        return
    # The launcher accepts only folders named like this (sandbox._check_is_grader_runtime).
    base = Path(tempfile.mkdtemp(prefix="alliance-grader-"))
    try:
        (base / "runtime").mkdir()
        yield base / "runtime"
    finally:
        shutil.rmtree(base, ignore_errors=True)


def output_size(output: NotebookNode) -> int:
    """Bytes an output takes when saved (its JSON form)."""
    return len(json.dumps(output, default=str))


class SafeExecute(Execute):
    """Execute that survives a dead kernel and enforces notebook time and output limits."""

    notebook_timeout = Integer(
        600, help="Seconds the whole notebook may run before remaining cells are skipped."
    ).tag(config=True)
    max_cell_output_bytes = Integer(
        1_000_000, help="Output kept per cell; the rest is dropped with a note."
    ).tag(config=True)
    allow_unsandboxed = Bool(
        False,
        help="Run trainees' code with the grader's own rights, outside the sandbox. "
        "Only for submissions you trust; `alliance-course grade --no-sandbox` sets it.",
    ).tag(config=True)

    def preprocess(self, nb, resources=None, km=None):
        from course.instructor.sandbox import KERNEL_NAME

        # Refuse before a kernel starts: nothing of the trainee's has run yet.
        if self.kernel_name != KERNEL_NAME and not self.allow_unsandboxed:
            raise UnsandboxedGrading(UNSANDBOXED)
        resources = resources if resources is not None else {}
        metadata = resources.setdefault("metadata", {})
        graded_folder = metadata.get("path")
        sandboxed = self.kernel_name == KERNEL_NAME
        graded = resources.get("nbgrader", {})
        sources, tests = two_phase.trusted_cells(
            graded["db_url"], graded["assignment"], graded["notebook"]
        )
        plan = two_phase.build_plan(nb.cells, sources, tests)
        run, serves = two_phase.phase_one_notebook(nb, plan)
        warm = warm_kernels.current() if sandboxed and km is None else None
        if warm:
            run, resources = self._run_warm(run, resources, graded, graded_folder, *warm)
        else:
            with kernel_folder(graded_folder) as scratch, socket_folder(sandboxed) as sockets:
                metadata["path"], self._sockets = scratch, sockets
                try:
                    run, resources = self._run(run, resources, km)
                finally:
                    metadata["path"] = graded_folder
        # Phase 2, in this process: the tests, on the exported answers only.
        results = two_phase.run_tests(plan, two_phase.read_exports(run, serves), graded["student"])
        for index, outputs in results.items():
            nb.cells[index].outputs = outputs
        nb.metadata = run.metadata
        return nb, resources

    def _run_warm(self, nb, resources, graded, graded_folder, pool, more_to_come):
        """Phase 1 in a kernel a grading worker started before this submission came."""
        module, student = graded["assignment"], graded["student"]
        # As nbclient does for kernels it knows to be IPython: no history file to write.
        extra = [*self.extra_arguments, f"--HistoryManager.hist_file={self.ipython_hist_file}"]
        kernel_args = (self.kernel_name, warm_kernels.imports_for(module), extra)
        kernel = pool.take(*kernel_args)
        try:
            try:
                kernel.hand_over(student, module, graded_folder)
            except warm_kernels.KernelNotReady:
                # Nothing of the trainee's ran in it; one fresh kernel before giving up.
                kernel.shutdown()
                kernel = warm_kernels.WarmKernel(*kernel_args)
                kernel.hand_over(student, module, graded_folder)
            if more_to_come:
                pool.prepare(*kernel_args)
            return self._run(nb, resources, kernel.km)
        finally:
            if self.kc is not None:
                # nbclient stops its client only on kernels it started itself.
                self.kc.stop_channels()
                self.kc = None
            kernel.shutdown()

    def create_kernel_manager(self):
        km = super().create_kernel_manager()
        # nbclient's own client can wait out the whole cell timeout for a reply (course.kernel_client).
        km.client_class = CLIENT_CLASS
        if getattr(self, "_sockets", None) is not None:
            # A kernel with no network reaches the grader over Unix sockets, in its own folder.
            km.transport, km.ip = "ipc", str(self._sockets / "kernel")
        return km

    def _run(self, nb, resources, km):
        self._stopped_because = ""
        self._deadline = time.monotonic() + self.notebook_timeout
        self._output_bytes: dict[int, int] = {}
        self._truncated: set[int] = set()
        try:
            return super().preprocess(nb, resources, km)
        except DeadKernelError:
            # The kernel died where nbclient could not attribute it to a cell
            # (e.g. while shutting down): every cell already carries its outcome.
            return nb, self.resources

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code":
            return cell, self.resources
        if not self._stopped_because and time.monotonic() > self._deadline:
            self._stopped_because = (
                f"the notebook used up its time limit of {self.notebook_timeout} s"
            )
        if self._stopped_because:
            cell.outputs = [
                error_output(
                    "NotRun",
                    f"This cell did not run because {self._stopped_because}. It scores 0; "
                    "cells graded before it keep their grades.",
                )
            ]
            return cell, self.resources
        try:
            cell, resources = super().preprocess_cell(cell, resources, index)
            if is_test_cell(cell):
                cell.outputs = stderr_as_warning(cell.outputs)
            return cell, resources
        except CellTimeoutError:
            # nbclient has interrupted the kernel, which lives on: later cells still run.
            cell.outputs.append(
                error_output(
                    "CellTimeoutError",
                    f"This cell ran longer than {self.timeout} s (an endless loop?) and was "
                    "stopped. It scores 0; the other cells are graded as usual.",
                )
            )
            return cell, self.resources
        except DeadKernelError:
            self._stopped_because = "the kernel had stopped in an earlier cell"
            cell.outputs.append(error_output("KernelDied", KERNEL_DIED))
            return cell, self.resources

    def output(self, outs, msg, display_id, cell_index):
        out = super().output(outs, msg, display_id, cell_index)
        if out is None:
            return None
        used = self._output_bytes.get(cell_index, 0) + output_size(out)
        self._output_bytes[cell_index] = used
        if used > self.max_cell_output_bytes:
            outs.remove(out)
            if cell_index not in self._truncated:
                self._truncated.add(cell_index)
                outs.append(
                    NotebookNode(
                        output_type="stream",
                        name="stdout",
                        text=f"[output truncated: more than {self.max_cell_output_bytes:,} bytes]\n",
                    )
                )
            return None
        return out
