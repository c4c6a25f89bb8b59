"""The instructor commands of README.md and docs/instructor-guide.md, typed verbatim.

Every command line of the README's "Instructors: building and grading" block
and of the guide's ``bash`` blocks is read from the documents and run, in
document order, in a fresh copy of the project, as root and as an ordinary user
(``nobody`` when the tests run as root, the current user otherwise): ``make
setup``, building, the roster, due date, extensions, a Canvas bulk download
collected, sandboxed grading (locally and on a dask cluster), checking one
notebook, feedback, both exports and the dashboard. The walk supplies the files
the guide assumes the instructor has (``roster.csv``, ``submissions.zip``...)
just before the command that reads them.

A line runs as written unless it is in :data:`SUBSTITUTED` (what runs instead,
and why); a documented ``# or:`` form is run instead only where
:data:`USE_ALTERNATIVE` says so. The test fails when a documented line neither
ran nor has an entry, and when an entry no longer matches a line: the documents
hold only steps a test runs.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from course.instructor.submissions import fill, solution_answers, write_submission
from tests.browser.conftest import _free_port
from tests.e2e.test_readme_trainee import _project_copy, _stop, walk_users
from tests.serving import wait_until_served

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]
IS_ROOT = os.geteuid() == 0
README_MODULE, MODULE = "00-orientation", "01-working-alliance"
TRAINEES = {"ada": ("Ada", "Okafor", "50001"), "bo": ("Bo", "Lindqvist", "50002")}
TRAINEES["cam"] = ("Cam", "Reyes", "50003")
DUE_UTC = dt.datetime(2027, 2, 5, 22, 0)  # the guide's --due 2027-02-05T17:00:00-05:00
CANVAS_FIXED = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
REMOTE_SCRIPT = re.compile(r"<script[^>]*\bsrc\s*=\s*[\"']?(https?:)?//", re.I)
GRADE_ON_CLUSTER = (
    f"alliance-course grade {MODULE} --scheduler tcp://scheduler:8786 "
    "--db postgresql://grader@dbhost/alliance"
)

# Building all ten modules takes about three minutes; the walk builds the one its
# commands name, with the form the document gives beside the line.
USE_ALTERNATIVE = {"alliance-course build", ".venv/bin/alliance-course build"}
# Documented line -> (what runs instead, with {scheduler} filled in; why).
SUBSTITUTED = {
    GRADE_ON_CLUSTER: (
        f"alliance-course grade {MODULE} --scheduler {{scheduler}} --force",
        "tcp://scheduler:8786 becomes a dask scheduler and two workers the walk starts on "
        "loopback as the walking user, as docs/jupyterhub.md starts them. --db is left out: "
        "a PostgreSQL gradebook holds a whole term (the same --db on every command), and this "
        "walk's term is in the course's SQLite; PostgreSQL under concurrent graders is "
        "tests/pipeline/test_postgres_gradebook.py. --force: the line above already graded "
        "every submission, so without it the cluster would have nothing to do.",
    ),
}
# The same, for the root walk only. `make setup` from a fresh copy takes 65-80 s here,
# and the project's .venv cannot serve the ordinary user (its Python lives in root's
# private home), so the ordinary user's walk runs it; root's reuses the project's .venv.
SUBSTITUTED_AS_ROOT = {
    "make setup": (
        f"ln -s {ROOT / '.venv'} .venv",
        "the ordinary user's walk runs `make setup` from a fresh copy; twice would not "
        "fit the suite's time budget",
    ),
}
# Steps the guide gives in its prose, run by other tests: (command, test, what it runs).
PROSE_STEPS = [
    # test_written_answer_scored_in_formgrader_reaches_the_gradebook starts formgrader so.
    ("alliance-course lab --instructor", "tests/browser/test_formgrader.py", '"lab", "--inst'),
    # test_a_term_on_the_hub runs docs/jupyterhub.md's block, `nbgrader collect 00-orientation`.
    ("nbgrader collect", "tests/hub/test_hub_term.py", 'blocks["Instructor: after the due date"]'),
]


@dataclass(frozen=True)
class Line:
    doc: str  # "README" or "guide"
    text: str  # the command as documented
    alternative: str | None  # the "# or: ..." form beside it


def _bash_lines(doc: str, markdown: str) -> list[Line]:
    """Every command line of the ``bash`` blocks: continuations joined, comments dropped."""
    found = []
    for block in re.findall(r"```bash\n(.*?)```", markdown, re.S):
        for raw in re.sub(r"\\\n\s*", " ", block).splitlines():
            # A comment starts a line or follows a space (`sed 's/^#...'` is not one).
            code, comment = (re.split(r"(?:^|\s)#", raw, maxsplit=1) + [""])[:2]
            alternative = comment.strip()[3:].strip() if comment.strip().startswith("or:") else None
            if code.strip():
                found.append(Line(doc, " ".join(code.split()), alternative))
    return found


def documented_lines() -> list[Line]:
    """The README's instructor block, then the guide, each in its own order."""
    readme = (ROOT / "README.md").read_text()
    start = readme.index("## Instructors: building and grading")
    section = readme[start : readme.index("\n## ", start + 1)]
    guide = (ROOT / "docs" / "instructor-guide.md").read_text()
    return _bash_lines("README", section) + _bash_lines("guide", guide)


class Instructor:
    """A shell user typing commands in their copy of the project."""

    def __init__(self, user: str | None, clone: Path, home: Path):
        self.user, self.clone, self.home = user, clone, home

    def command(self, line: str, activated: bool) -> list[str]:
        # The machine's PATH without the test run's own venv, no course settings from
        # the test run, and a home of their own.
        drop = ("ALLIANCE_", "JUPYTER", "XDG_", "VIRTUAL_ENV", "PYTEST", "COV_")
        unset = [k for k in os.environ if k.startswith(drop)]
        path = [p for p in os.environ["PATH"].split(os.pathsep) if not p.startswith(str(ROOT))]
        venv = self.clone / ".venv"
        if activated:  # what `source .venv/bin/activate` does
            path.insert(0, str(venv / "bin"))
        prefix = ["runuser", "-u", self.user, "--"] if self.user else []
        env = [*(f"--unset={k}" for k in unset), f"HOME={self.home}", f"PATH={':'.join(path)}"]
        env += [f"VIRTUAL_ENV={venv}"] if activated else []
        return [*prefix, "env", *env, "bash", "-c", line]

    def run(self, line: str, activated: bool) -> str:
        command = self.command(line, activated)
        result = subprocess.run(
            command, cwd=self.clone, capture_output=True, text=True, timeout=600
        )
        out = result.stdout + result.stderr
        assert result.returncode == 0, f"`{line}` failed:\n{out[-4000:]}"
        return out

    def start(self, line: str, log: Path) -> subprocess.Popen:
        return subprocess.Popen(
            self.command(line, activated=True),
            cwd=self.clone,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def own(self, *paths: Path) -> None:
        """Files the test wrote for the instructor belong to the instructor."""
        if self.user:
            subprocess.run(["chown", "-R", self.user, *map(str, paths)], check=True)


def _model_answers(course: Path, module: str, **changed: str):
    notebook = f"{module}.ipynb"
    answers = solution_answers(course / "notebooks" / module / notebook)
    return fill(course / "release" / module / notebook, {**answers, **changed})


# Files the documents assume the instructor has, written just before the line that reads them.
def _copy_submissions(me: Instructor) -> None:
    """The README's comment line: copy submissions to instructor/submitted/<id>/<module>/."""
    course = me.clone / "instructor"
    for student in ("ada", "bo"):
        nb = _model_answers(course, README_MODULE)
        write_submission(nb, course / "submitted", student, README_MODULE, f"{README_MODULE}.ipynb")
    me.own(course / "submitted")


def _roster(me: Instructor) -> None:
    rows = [f"{login},{f},{la},{login}@example.org,{i}" for login, (f, la, i) in TRAINEES.items()]
    (me.clone / "roster.csv").write_text("\n".join(["id,first_name,last_name,email,lms_id", *rows]))
    me.own(me.clone / "roster.csv")


def _canvas_download(me: Instructor) -> None:
    """Canvas's "Download Submissions": login + _LATE + user id + submission id + file name."""
    course = me.clone / "instructor"
    # cam sums where ex4 (1 point) asks for the mean: the dashboard has a failure to show.
    wrong = {"cam": {"ex4-answer": "hand_total = sum(answers_1)"}}
    hours_after_due = {"ada": -2, "bo": 30, "cam": 20}  # bo within his extension, cam not
    with zipfile.ZipFile(me.clone / "submissions.zip", "w") as archive:
        for login, (first, last, lms_id) in TRAINEES.items():
            late = "_LATE" if hours_after_due[login] > 0 else ""
            name = f"{last.lower()}{first.lower()}{late}_{lms_id}_9{lms_id[-3:]}_{MODULE}.ipynb"
            when = DUE_UTC + dt.timedelta(hours=hours_after_due[login])
            nb = nbformat.writes(_model_answers(course, MODULE, **wrong.get(login, {})))
            archive.writestr(zipfile.ZipInfo(name, date_time=when.timetuple()[:6]), nb)
    me.own(me.clone / "submissions.zip")


def _notebook_to_check(me: Instructor) -> None:
    target = me.clone / "path" / "to" / "notebook.ipynb"
    target.parent.mkdir(parents=True)
    nbformat.write(_model_answers(me.clone / "instructor", MODULE), target)
    me.own(me.clone / "path")


def _written_answers_and_canvas_gradebook(me: Instructor) -> None:
    """Step 7 as formgrader stores it (4 of 4 each), then Canvas's gradebook export."""
    course = me.clone / "instructor"
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for login in TRAINEES:
            task = gb.find_grade("ex10-task", MODULE, MODULE, login)
            task.manual_score, task.needs_manual_grade = 4.0, False
        gb.db.commit()
    with (me.clone / "canvas-gradebook.csv").open("w", newline="", encoding="utf-8-sig") as f:
        writer = csv.writer(f)
        writer.writerow([*CANVAS_FIXED, "01 Working alliance (12346)"])
        writer.writerow(["Points Possible", "", "", "", "", "22.00"])
        for login, (first, last, lms_id) in TRAINEES.items():
            writer.writerow([f"{last}, {first}", lms_id, "", login, "Sec A", ""])
    me.own(course, me.clone / "canvas-gradebook.csv")


BEFORE = {
    f".venv/bin/alliance-course grade {README_MODULE}": _copy_submissions,
    "alliance-course students import roster.csv": _roster,
    f"alliance-course collect {MODULE} submissions.zip": _canvas_download,
    f"alliance-course validate {MODULE} path/to/notebook.ipynb --student ada": _notebook_to_check,
    "alliance-course export --format canvas --out canvas-grades.csv "
    "--canvas-gradebook canvas-gradebook.csv": _written_answers_and_canvas_gradebook,
}


def _check_canvas_export(out: str, me: Instructor) -> None:
    with (me.clone / "canvas-grades.csv").open(newline="", encoding="utf-8-sig") as handle:
        rows = {row[3] or row[0]: row for row in csv.reader(handle)}  # by SIS Login ID
    assert rows["SIS Login ID"] == [*CANVAS_FIXED, "01 Working alliance (12346)"], rows
    assert float(rows["Points Possible"][5]) == 22.0
    scores = {login: float(rows[login][5]) for login in TRAINEES}
    # Model answers and 4 written points: full marks on time or within the extension
    # (bo, 30 h late, has three days); cam's 21 points, 20 h late, lose a day's 10 %.
    assert scores == {"ada": 22.0, "bo": 22.0, "cam": pytest.approx(18.9)}, scores


def _check_feedback(module: str, students):
    def check(out: str, me: Instructor) -> None:
        assert "Feedback written under" in out, out
        for student in students:
            page = me.clone / "instructor" / "feedback" / student / module / f"{module}.html"
            # Nothing fetched from the network (inline scripts are the notebook's own).
            assert not REMOTE_SCRIPT.search(page.read_text()), page

    return check


def _graded(module: str, students):
    def check(out: str, me: Instructor) -> None:
        assert f"{len(students)} submission(s) graded." in out, out
        # Every submission graded: none failed in the sandbox, none held for review.
        assert "could not be graded" not in out and "flagged" not in out, out
        for student in students:
            graded = me.clone / "instructor" / "autograded" / student / module
            assert (graded / f"{module}.ipynb").is_file(), graded

    return check


def _check_report(out: str, me: Instructor) -> None:
    page = (me.clone / "report" / "index.html").read_text()
    assert "Class dashboard" in out and "Most frequent failure messages" in page, out
    assert "ex4" in page and "cam" in page, "cam's failing ex4 and late hand-in are shown"


def _says(*expected: str):
    def check(out: str, me: Instructor) -> None:
        for text in expected:
            assert text in out, f"{text!r} not in:\n{out[-3000:]}"

    return check


CHECKS = {
    "make setup": lambda out, me: (me.clone / ".venv" / ".grading").is_file(),
    ".venv/bin/alliance-course build": _says(f"Built {README_MODULE} into", "leak check passed"),
    f".venv/bin/alliance-course grade {README_MODULE}": _graded(README_MODULE, ["ada", "bo"]),
    f".venv/bin/alliance-course feedback {README_MODULE}": _check_feedback(
        README_MODULE, ["ada", "bo"]
    ),
    "alliance-course build": _says(f"Built {MODULE} into", "leak check passed"),
    "alliance-course students import roster.csv": _says("Imported 3 trainee(s)"),
    f"alliance-course assign {MODULE} --due 2027-02-05T17:00:00-05:00": _says(
        "zip for the LMS", f"lms-upload/{MODULE}.zip"
    ),
    f"alliance-course extend {MODULE} bo --days 2": _says("until 2027-02-07T22:00:00+00:00"),
    f"alliance-course extend {MODULE} bo --until 2027-02-08T17:00:00-05:00": _says(
        "until 2027-02-08T22:00:00+00:00"
    ),
    f"alliance-course collect {MODULE} submissions.zip": _says(
        "3 new, 0 replaced (resubmitted), 0 unchanged, 0 refused"
    ),
    f"alliance-course grade {MODULE}": _graded(MODULE, TRAINEES),
    f"alliance-course validate {MODULE} path/to/notebook.ipynb --student ada": _says(
        "as trainee ada", "ex9-tests"
    ),
    GRADE_ON_CLUSTER: _graded(MODULE, TRAINEES),
    f"alliance-course feedback {MODULE}": _check_feedback(MODULE, TRAINEES),
    "alliance-course export --format canvas --out canvas-grades.csv "
    "--canvas-gradebook canvas-gradebook.csv": _check_canvas_export,
    "alliance-course export --format csv --out grades.csv": lambda out, me: (
        {r["student_id"] for r in csv.DictReader((me.clone / "grades.csv").open())} == set(TRAINEES)
    ),
    "alliance-course report --out report/": _check_report,
}


def _dask_cluster(me: Instructor, logs: Path) -> tuple[str, list[subprocess.Popen]]:
    """A scheduler and two single-threaded workers on loopback, run by the instructor."""
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    scheduler = me.start(f"dask scheduler --host 127.0.0.1 --port {port}", logs / "sched.log")
    connect = lambda: socket.create_connection(("127.0.0.1", port), timeout=1).close()  # noqa: E731
    wait_until_served(connect, scheduler, logs / "sched.log", "dask scheduler", 60, _stop)
    workers = me.start(f"dask worker {address} --nworkers 2 --nthreads 1", logs / "workers.log")
    return address, [scheduler, workers]


def walk(me: Instructor, base: Path, as_root: bool) -> list[str]:
    """Run every documented line in order; return the documented lines that ran."""
    ran, processes, address = [], [], ""
    substituted = {**SUBSTITUTED, **(SUBSTITUTED_AS_ROOT if as_root else {})}
    try:
        for line in documented_lines():
            if line.doc == "guide" and line.text == "alliance-course build":
                # The README's term and the guide's are separate: the guide's starts
                # from an empty course directory.
                shutil.rmtree(me.clone / "instructor")
            typed = line.alternative if line.text in USE_ALTERNATIVE else line.text
            if line.text == GRADE_ON_CLUSTER:
                address, processes = _dask_cluster(me, base)
            if line.text in substituted:
                typed = substituted[line.text][0].format(scheduler=address)
                print(f"instead of `{line.text}`: {substituted[line.text][1]}")
            if line.text in BEFORE:
                BEFORE[line.text](me)
            started = time.monotonic()
            out = me.run(typed, activated=line.doc == "guide")
            print(f"{time.monotonic() - started:6.1f} s  {typed}\n{out[-600:]}")
            assert CHECKS[line.text](out, me) is not False, f"`{typed}`:\n{out[-3000:]}"
            ran.append(line.text)
    finally:
        for process in processes:
            _stop(process)
    return ran


def test_documented_lines_and_the_tables_agree():
    texts = [line.text for line in documented_lines()]
    assert len(texts) == len(set(texts)), "each documented line is checked by its text"
    # Every table entry still names a documented line; every line has its check.
    for table in (USE_ALTERNATIVE, SUBSTITUTED, SUBSTITUTED_AS_ROOT, BEFORE):
        assert set(table) <= set(texts), set(table) - set(texts)
    assert set(CHECKS) == set(texts), set(CHECKS) ^ set(texts)
    for text in USE_ALTERNATIVE:
        (line,) = [line for line in documented_lines() if line.text == text]
        assert line.alternative and line.alternative.startswith(text), line
    guide = (ROOT / "docs" / "instructor-guide.md").read_text()
    for command, test_file, runs in PROSE_STEPS:
        assert f"`{command}" in guide and runs in (ROOT / test_file).read_text(), command


# One xdist group, so the walks run one after the other: on 2 cores, side by side
# (`-n 2 --dist loadgroup`) they took 275-360 s against 318 s in turn, no clear gain,
# and each step ran 2-3 times slower, eating into the sandbox's per-cell time-outs.
USERS = walk_users("instructor-guide", "instructor-guide")


@pytest.mark.parametrize("who", USERS)
def test_instructor_commands_work_verbatim(who):
    # Outside pytest's private tmp folders, so an ordinary user can reach it.
    base = Path(tempfile.mkdtemp(prefix="instructor-guide-", dir="/tmp"))
    base.chmod(0o755)
    try:
        clone, home = _project_copy(base), base / "home"
        (home / ".config" / "pip").mkdir(parents=True)
        # This machine's package index is set in the installing user's pip config;
        # an ordinary account gets the same settings, as an admin would give.
        pip_conf = Path.home() / ".config" / "pip" / "pip.conf"
        if pip_conf.is_file():
            shutil.copy2(pip_conf, home / ".config" / "pip" / "pip.conf")
        user = "nobody" if who == "ordinary" and IS_ROOT else None
        me = Instructor(user, clone, home)
        me.own(clone, home)
        ran = walk(me, base, as_root=who == "root")
        # Nothing documented was left out.
        assert ran == [line.text for line in documented_lines()]
    finally:
        shutil.rmtree(base, ignore_errors=True)
