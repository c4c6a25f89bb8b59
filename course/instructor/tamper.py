"""Find answers that try to tamper with grading, and hold them for an instructor's review.

This is a signal, not the defence. The tests run in another process than the
trainee's code, on answers exported as plain data (:mod:`.two_phase`), so a
patched check, an IPython hook or an impostor value cannot change a grade. A
submission that tries anyway is worth an instructor's look: every cell not
restored from the gradebook (answer cells, cells the trainee added or copied)
is read after IPython's own transforms (so a magic on the first line does not
hide the rest) and scanned for the few things no exercise in this course needs.
A match *flags* the submission: its autograded points are set to 0 as a manual
score (visible and reversible in formgrader), each graded cell carries a
comment saying why, and the dashboard lists it. A cell that cannot be read as
Python even then is reported too, but not held: it cannot have run.

>>> tamper_findings("total = marks.sum()")
[]
>>> tamper_findings("get_ipython().input_transformers_post.append(f)")
['touches IPython input transformers', 'uses get_ipython() (changes how later cells run)']
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook

FLAG_COMMENT = (
    "Flagged for review: an answer cell changes how the notebook is run or graded ({reasons}). "
    "Its autograded points are held at 0 until an instructor reviews it."
)

# Names no answer in the course needs; each reads as the reason shown to the trainee.
SUSPECT_NAMES = {
    "get_ipython": "uses get_ipython() (changes how later cells run)",
    "__builtins__": "touches Python's builtins",
    "builtins": "touches Python's builtins",
    "importlib": "reloads or replaces modules",
    "excepthook": "replaces the exception hook",
    "showtraceback": "hides tracebacks",
    "settrace": "installs a tracer",
    "setprofile": "installs a profiler hook",
    "__import__": "imports modules indirectly",
    "exec": "runs code built from text (exec)",
    "eval": "runs code built from text (eval)",
    "compile": "compiles code from text",
    "setattr": "sets attributes by name (setattr)",
    "delattr": "deletes attributes by name (delattr)",
    "globals": "edits the notebook's namespace (globals)",
    "vars": "edits a namespace through vars()",
}
# Builtins flagged only under their own name: as attributes these are ordinary methods
# (re.compile, DataFrame.eval). Every other suspect name is suspect as an attribute too.
NAME_ONLY = frozenset({"exec", "eval", "compile", "setattr", "delattr", "globals", "vars"})
# Attributes (and the same names written as strings) no answer needs, beyond SUSPECT_NAMES.
SUSPECT_ATTRIBUTES = {
    "input_transformers_post": "touches IPython input transformers",
    "input_transformers_cleanup": "touches IPython input transformers",
    "ast_transformers": "touches IPython AST transformers",
    "__code__": "rewrites a function's code or reaches its internals",
    "__globals__": "rewrites a function's code or reaches its internals",
    "__closure__": "rewrites a function's code or reaches its internals",
    "__defaults__": "rewrites a function's code or reaches its internals",
    "__kwdefaults__": "rewrites a function's code or reaches its internals",
    "__subclasses__": "reaches Python internals through __subclasses__",
}
# Modules a notebook of this course has imported by the time an answer runs (the setup
# cell imports these). Assigning to their attributes changes what the checks compute.
COMMON_MODULES = frozenset(
    {"course", "np", "numpy", "pd", "pandas", "alt", "altair", "math", "statistics"}
    | {"sys", "os", "re", "random", "functools", "operator", "scipy", "widgets", "ipywidgets"}
)
PATCHES_MODULE = "changes a module's code or data (assigns to one of its attributes)"
GRADING_MODULE = re.compile(r"\bcourse\.grading\b|from\s+course\s+import\s+grading\b")
# The grading-only reference answers: no trainee cell has any business with them
# (they are not installed where trainees work; on a grading host they are).
ANSWER_KEY = re.compile(r"(?:from|import)\s+answer_key\b|\banswer_key\s*\.")
READS_KEY = "reaches for the grading-only answer key"
UNREADABLE = "could not be read as Python, so it was not scanned (it cannot have run either)"


def tamper_findings(source: str) -> list[str]:
    """Reasons ``source`` (one answer cell) looks like it tampers with grading, in order found.

    ``eval``, ``exec`` and ``compile`` are flagged as names (the builtins), not as
    attributes: ``re.compile`` or ``df.eval`` are ordinary answers, and every route to
    the builtins through an attribute starts from a name that is flagged itself.

    >>> tamper_findings("pattern = re.compile('x')")
    []
    >>> tamper_findings("from answer_key.m00 import reference")
    ['reaches for the grading-only answer key']
    >>> tamper_findings("import course.modules.m00 as o; o.practice_srs = len")
    ["changes a module's code or data (assigns to one of its attributes)"]
    """
    found: list[str] = []

    def add(reason: str) -> None:
        if reason not in found:
            found.append(reason)

    if GRADING_MODULE.search(source):
        add("imports the course's grading checks")
    if ANSWER_KEY.search(source):
        add(READS_KEY)
    try:
        tree = ast.parse(_as_python(source))
    except (SyntaxError, ValueError):
        add(UNREADABLE)
        return found
    modules = _module_names(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in SUSPECT_NAMES:
            if node.id == "get_ipython" and "get_ipython" not in source:
                continue  # written by IPython's transform of a magic, not by the trainee
            add(SUSPECT_NAMES[node.id])
        elif isinstance(node, ast.Attribute):
            if reason := _attribute_reason(node.attr):
                add(reason)
            if node.attr == "modules" and _root_name(node) == "sys":
                add("edits sys.modules")
            if isinstance(node.ctx, (ast.Store, ast.Del)) and _root_name(node) in modules:
                add(PATCHES_MODULE)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if reason := _attribute_reason(node.value):
                add(reason)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
            for name in names:
                if name.split(".")[0] in ("builtins", "importlib"):
                    add(SUSPECT_NAMES[name.split(".")[0]])
        elif isinstance(node, ast.FunctionDef) and node.name in ("__eq__", "__ne__", "__bool__"):
            add(f"defines {node.name} (can make any comparison pass)")
    return found


def _as_python(source: str) -> str:
    """The cell as the kernel runs it: magics and shell escapes become Python calls."""
    from IPython.core.inputtransformer2 import TransformerManager

    return TransformerManager().transform_cell(source)


def _attribute_reason(name: str) -> str | None:
    """Why ``name`` is suspect as an attribute (or as the string of one), else None."""
    if name in SUSPECT_ATTRIBUTES:
        return SUSPECT_ATTRIBUTES[name]
    if name in SUSPECT_NAMES and name not in NAME_ONLY:
        return SUSPECT_NAMES[name]
    return None


def _module_names(tree: ast.AST) -> set[str]:
    """Names bound to modules (or things imported from them) in this cell, plus the usual ones."""
    names = set(COMMON_MODULES)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.asname or a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            names.update(a.asname or a.name for a in node.names)
    # one level of plain aliasing: m = pd
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Name):
            if node.value.id in names:
                names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return names


def _root_name(node: ast.expr) -> str | None:
    """'pd' for pd.DataFrame.sum or course.vignettes.bank().cache; None if no plain name starts it."""
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def restored_cell_ids(gradebook_url: str, module: str) -> dict[str, set[str]]:
    """Per notebook: grade ids of the cells the grader restores from the gradebook."""
    with Gradebook(gradebook_url) as gb:
        found = {}
        for nb in gb.find_assignment(module).notebooks:
            answers = {cell.name for cell in nb.solution_cells}
            found[nb.name] = {
                cell.name for cell in nb.source_cells if cell.locked and cell.name not in answers
            } | {cell.name for cell in nb.grade_cells if cell.name not in answers}
    return found


def answer_cells(notebook: Path, restored: set[str] = frozenset()) -> list[tuple[str, str]]:
    """(grade_id, source) of every code cell of a submission not restored from the gradebook.

    A restored cell's id counts once: a copy of a locked cell is the trainee's own.
    """
    nb = nbformat.read(notebook, as_version=4)
    cells, seen = [], set()
    for index, cell in enumerate(nb.cells):
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if cell.cell_type != "code":
            continue
        if grade_id in restored and grade_id not in seen:
            seen.add(grade_id)
            continue
        cells.append((grade_id or f"cell {index + 1}", cell.source))
    return cells


def scan_submission(
    folder: Path, restored: dict[str, set[str]] | None = None
) -> dict[str, list[str]]:
    """Map each scanned cell with findings to its reasons; empty when the submission is clean.

    ``restored`` (from :func:`restored_cell_ids`) names the cells not to scan, per notebook.
    """
    findings = {}
    for notebook in sorted(folder.glob("*.ipynb")):
        try:
            cells = answer_cells(notebook, (restored or {}).get(notebook.stem, set()))
        except Exception:  # unreadable notebooks fail grading on their own, with a message
            continue
        for grade_id, source in cells:
            reasons = tamper_findings(source)
            if reasons:
                findings[grade_id] = reasons
    return findings


def hold_for_review(gradebook_url: str, module: str, student: str, reasons: list[str]) -> int:
    """Set the student's autograded cells to 0 (manual score) with a comment; return cells held."""
    comment = FLAG_COMMENT.format(reasons="; ".join(reasons))
    held = 0
    with Gradebook(gradebook_url) as gb:
        submission = gb.find_submission(module, student)
        for notebook in submission.notebooks:
            for grade in notebook.grades:
                if grade.cell.cell_type != "code" or grade.auto_score is None:
                    continue
                grade.manual_score = 0.0
                held += 1
            for comment_row in notebook.comments:
                comment_row.manual_comment = comment
        gb.db.commit()
    return held


def flags_path(course_root: Path) -> Path:
    """Where the flagged submissions of a course are recorded (read by the dashboard)."""
    return Path(course_root) / "flagged.json"


def record_flags(course_root: Path, module: str, flagged: dict[str, list[str]]) -> None:
    """Remember which submissions of ``module`` were held for review, and why."""
    path = flags_path(course_root)
    data = json.loads(path.read_text()) if path.exists() else {}
    data.setdefault(module, {}).update(flagged)
    path.write_text(json.dumps(data, indent=1, sort_keys=True))


def read_flags(course_root: Path) -> dict[str, dict[str, list[str]]]:
    """module -> student -> reasons, for every submission held for review."""
    path = flags_path(course_root)
    return json.loads(path.read_text()) if path.exists() else {}
