"""Grading in two processes: the trainee's code in the sandbox, the tests outside it.

Phase 1 runs the submitted notebook in the sandboxed kernel with every test
cell's code replaced by an export: at that place the values the test reads
are written out as JSON (:mod:`course.grading.exchange`). The hidden tests and
the answer key never enter the sandbox.

Phase 2 runs in the grader's own process, which never runs trainee code and
never holds a trainee object: a fresh namespace per notebook gets the trusted
cells (test cells, and the locked instructor cells the tests depend on, both
read from the gradebook, never from the submission) and, at each place, the
exported answers rebuilt as plain data. Each test's outputs go into the graded
notebook, so nbgrader's gradebook, formgrader and feedback work unchanged.

Which names travel is decided from the trusted cells alone: an *answer name*
is one a test or instructor cell reads that no trusted cell sets. Names set by
trusted cells (the trainee's simulated data, tables shown to them) are
recomputed in phase 2 rather than taken from the trainee's kernel.
"""

from __future__ import annotations

import builtins
import copy
import io
import json
import symtable
import threading
import warnings
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass, field

from nbformat import NotebookNode

from course.grading.exchange import MIME, decode
from course.grading.memo import one_notebook
from course.identity import graded_as

# Phase 2 redirects this process's stdout; a dask worker may run threads.
_ONE_AT_A_TIME = threading.Lock()
NOT_EXPORTED = (
    "Your answers could not be read at this point of the notebook (the cell before it "
    "stopped the notebook, or an answer is larger than the grader accepts). It scores 0."
)


def _scoped_names(source: str) -> tuple[set[str], set[str]]:
    """(names the code reads from outside, names it sets at top level)."""
    try:
        table = symtable.symtable(source, "<cell>", "exec")
    except SyntaxError:
        return set(), set()
    bound = {s.get_name() for s in table.get_symbols() if s.is_assigned() or s.is_imported()}
    free = {s.get_name() for s in table.get_symbols() if s.is_referenced()} - bound
    stack = list(table.get_children())
    while stack:
        child = stack.pop()
        stack.extend(child.get_children())
        for symbol in child.get_symbols():
            if symbol.is_global() and symbol.is_referenced() and not symbol.is_declared_global():
                free.add(symbol.get_name())
    return free - bound - set(dir(builtins)), bound


@dataclass
class Plan:
    """What runs where, by the graded notebook's cell index."""

    tests: dict[int, str] = field(default_factory=dict)
    replays: dict[int, str] = field(default_factory=dict)
    reads: dict[int, list[str]] = field(default_factory=dict)

    def phase_two_cells(self) -> list[int]:
        return sorted({*self.tests, *self.replays})


def trusted_cells(db_url: str, assignment: str, notebook: str) -> tuple[dict[str, str], set[str]]:
    """From the gradebook: source of every locked code cell and test cell, and the test ids."""
    from nbgrader.api import Gradebook

    with Gradebook(db_url) as gb:
        nb = gb.find_notebook(notebook, assignment)
        answers = {cell.name for cell in nb.solution_cells}
        tests = {c.name for c in nb.grade_cells if c.cell_type == "code" and c.name not in answers}
        sources = {
            cell.name: cell.source
            for cell in nb.source_cells
            if cell.cell_type == "code"
            and cell.name not in answers
            and (cell.locked or cell.name in tests)
        }
    return sources, tests


def build_plan(cells: list, sources: dict[str, str], tests: set[str]) -> Plan:
    """Where each trusted cell sits in the submission, and what phase 2 must rerun.

    Code comes from ``sources`` only; a submitted cell counts as trusted only by
    its grade id (first occurrence), so a cell the trainee added or copied runs
    in the sandbox alone.
    """
    placed: dict[int, str] = {}
    for index, cell in enumerate(cells):
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if cell.get("cell_type") == "code" and grade_id in sources:
            if grade_id not in placed.values():
                placed[index] = grade_id
    names = {index: _scoped_names(sources[gid]) for index, gid in placed.items()}
    set_by_trusted = set().union(set(), *(bound for _, bound in names.values()))
    plan, needed = Plan(), set()
    for index in sorted(placed, reverse=True):
        free, bound = names[index]
        if placed[index] in tests:
            plan.tests[index] = sources[placed[index]]
        elif bound & needed:
            plan.replays[index] = sources[placed[index]]
        else:
            continue
        needed |= free
    for index in plan.phase_two_cells():
        plan.reads[index] = sorted(names[index][0] - set_by_trusted)
    return plan


def export_cell(names: list[str]) -> NotebookNode:
    """A code cell that shows the named values as data (runs in the sandbox)."""
    source = (
        '__import__("course.grading.exchange", fromlist=["export_answers"])'
        f".export_answers(globals(), {json.dumps(names)})"
    )
    return NotebookNode(
        cell_type="code", source=source, metadata={}, outputs=[], execution_count=None
    )


def phase_one_notebook(nb: NotebookNode, plan: Plan) -> tuple[NotebookNode, dict[int, int]]:
    """The notebook the sandbox runs, and for each export cell the index it serves.

    Test cells are replaced by export cells; an export cell goes in front of each
    instructor cell phase 2 reruns. Every other cell is the submitted cell itself,
    so its outputs land in the graded notebook.
    """
    cells, serves = [], {}
    for index, cell in enumerate(nb.cells):
        if index in plan.tests or index in plan.replays:
            serves[len(cells)] = index
            cells.append(export_cell(plan.reads[index]))
        if index not in plan.tests:
            cells.append(cell)
    run = copy.copy(nb)
    run.cells = cells
    return run, serves


def read_exports(run: NotebookNode, serves: dict[int, int]) -> dict[int, object]:
    """Per served index: the exported JSON, or the error outputs the export cell got."""
    found: dict[int, object] = {}
    for position, index in serves.items():
        outputs = run.cells[position].get("outputs", [])
        errors = [out for out in outputs if out.get("output_type") == "error"]
        data = [
            out["data"][MIME]
            for out in outputs
            if out.get("output_type") == "display_data" and MIME in out.get("data", {})
        ]
        if errors:
            found[index] = errors
        elif len(data) == 1:
            # As plain JSON again: nbformat hands it over as its own dict subclass.
            # Nesting too deep to copy is an answer no exercise has: not exported.
            try:
                found[index] = json.loads(json.dumps(data[0]))
            except (RecursionError, TypeError, ValueError):
                continue
    return found


def _error(ename: str, message: str, lines: list[str] | None = None) -> NotebookNode:
    return NotebookNode(
        output_type="error", ename=ename, evalue=message, traceback=lines or [message]
    )


def _outputs_of_failure(err: Exception) -> NotebookNode:
    from course.notebook import missing_name_message

    if hasattr(err, "_render_traceback_"):
        return _error(type(err).__name__, str(err), list(err._render_traceback_()))
    if isinstance(err, NameError):
        return _error("NameError", str(err), [missing_name_message(err)])
    # Never a traceback: its lines would show the hidden test's code.
    said = " ".join(str(err).split())[:200]
    return _error(
        type(err).__name__,
        f"This check could not read your answer ({type(err).__name__}: {said}). "
        "Give the answer the shape the starter shows.",
    )


def run_trusted(source: str, namespace: dict) -> list[NotebookNode]:
    """Run one trusted cell in ``namespace``; its outputs as nbformat outputs."""
    printed = io.StringIO()
    failure = None
    try:
        with redirect_stdout(printed), redirect_stderr(io.StringIO()):
            exec(compile(source, "<test>", "exec"), namespace)  # noqa: S102 (trusted code only)
    except Exception as err:  # a failed check, or a test that met an odd answer
        failure = _outputs_of_failure(err)
    outputs = []
    if printed.getvalue():
        outputs.append(NotebookNode(output_type="stream", name="stdout", text=printed.getvalue()))
    if failure is not None:
        outputs.append(failure)
    return outputs


def run_tests(plan: Plan, exports: dict[int, object], student: str) -> dict[int, list]:
    """Phase 2: every test's outputs, by cell index. Only data from ``exports`` is used."""
    namespace: dict = {"__name__": "__graded__"}
    results: dict[int, list] = {}
    with _ONE_AT_A_TIME, graded_as(student), one_notebook(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for index in plan.phase_two_cells():
            exported = exports.get(index)
            if isinstance(exported, list) or (exported is None and index in plan.tests):
                if index in plan.tests:
                    results[index] = exported or [_error("NotExported", NOT_EXPORTED)]
                continue
            if exported is not None:
                try:
                    answers = decode(exported)
                except RecursionError:
                    answers = {}
                for name in plan.reads[index]:
                    namespace.pop(name, None)
                    if name in answers:
                        namespace[name] = answers[name]
            if index in plan.tests:
                results[index] = run_trusted(plan.tests[index], namespace)
            else:
                run_trusted(plan.replays[index], namespace)
    return results
