"""A term on the course's JupyterHub, from each user's seat.

The hub is the course's own: ``scripts/install-hub.sh`` installs it (JupyterHub
from deploy/hub/requirements.txt, configurable-http-proxy from the npm lock, the
trainee and grader environments, the exchange) and ``deploy/hub/jupyterhub_config.py``
runs it, as root on loopback with real system accounts that this test creates:
an instructor and two trainees, who log in with their passwords (PAM).

The trainees work as JupyterLab would have them: the hub's login form, their
server spawning, nbgrader's Assignments endpoints (fetch, submit, fetch
feedback), the contents API to save their work and the Validate endpoint to run
it in a kernel of their own. From a kernel, a trainee tries to read the answer
key, the course's sources and the gradebook. The instructor types the commands
of docs/jupyterhub.md, read from the file, as their own (non-root) account.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest

from course.instructor.submissions import fill, solution_answers
from tests.browser.conftest import _free_port
from tests.e2e.test_readme_trainee import _project_copy, _stop
from tests.hub.client import COURSE_ID, HubUser
from tests.serving import wait_until_served

IS_ROOT = os.geteuid() == 0
pytestmark = [
    pytest.mark.e2e,
    pytest.mark.slow,
    pytest.mark.xdist_group("hub"),
    pytest.mark.skipif(not IS_ROOT, reason="starts JupyterHub as root and creates system accounts"),
]
ROOT = Path(__file__).resolve().parents[2]
# Kept between runs: install-hub.sh rebuilds only what changed, so a rerun starts in seconds.
SITE = Path(os.environ.get("ALLIANCE_HUB_TEST_SITE", "/tmp/alliance-hub-test"))
DOCS_SITE = "/srv/alliance-hub"
MODULE = "00-orientation"
NOTEBOOK = f"{MODULE}/{MODULE}.ipynb"
TRAINEES, GRADERS = "alliance-trainees", "alliance-graders"


def _run(args, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(args, capture_output=True, text=True, **kwargs)
    assert result.returncode == 0, (
        f"{args} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    )
    return result


def instructor_blocks() -> dict[str, str]:
    """docs/jupyterhub.md's instructor commands, by the heading of their section."""
    text = (ROOT / "docs" / "jupyterhub.md").read_text()
    blocks = {}
    for title, body in re.findall(r"\n### (.+?)\n(.*?)(?=\n##)", text + "\n##", re.S):
        found = re.findall(r"```bash\n(.*?)```", body, re.S)
        if found and title.startswith("Instructor"):
            blocks[title] = "\n".join(found)
    return blocks


@pytest.fixture(scope="module")
def site():
    """The hub installed by the project's script, with a fresh exchange and hub database."""
    _run([str(ROOT / "scripts" / "install-hub.sh"), str(SITE)], timeout=1800)
    for folder in (SITE / "exchange", SITE / "state"):
        for entry in folder.iterdir():
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    return SITE


class Accounts:
    """System accounts made for this test (homes private, as docs/jupyterhub.md sets them)."""

    def __init__(self, base: Path):
        self.base, self.passwords = base, {}
        tag = secrets.token_hex(3)
        self.instructor = f"ta-instructor-{tag}"
        self.trainees = [f"ta-trainee1-{tag}", f"ta-trainee2-{tag}"]

    def create(self) -> None:
        if subprocess.run(["getent", "group", TRAINEES], capture_output=True).returncode:
            _run(["groupadd", "--system", TRAINEES])
        for name, group in [(self.instructor, GRADERS)] + [(t, TRAINEES) for t in self.trainees]:
            # Recorded first, so that remove() deletes an account whatever failed after useradd.
            self.passwords[name] = secrets.token_urlsafe(12)
            _run(
                ["useradd", "--create-home", "--base-dir", str(self.base), "-K", "HOME_MODE=0700"]
                + ["--groups", group, "--shell", "/bin/bash", name]
            )
            _run(["chpasswd"], input=f"{name}:{self.passwords[name]}\n")

    def home(self, name: str) -> Path:
        return self.base / name

    def remove(self) -> None:
        for name in self.passwords:
            _kill_processes_of(name)
            subprocess.run(["userdel", "--remove", name], capture_output=True)
        shutil.rmtree(self.base, ignore_errors=True)

    def shell(self, name: str, script: str, timeout: float = 900) -> str:
        """``script`` in a login-like bash of ``name``: their home, none of the test's variables."""
        result = subprocess.run(
            ["runuser", "-u", name, "--", "env", "-i", f"HOME={self.home(name)}", f"USER={name}"]
            + ["LANG=C.UTF-8", "PATH=/usr/local/bin:/usr/bin:/bin", "bash", "-eo", "pipefail"]
            + ["-c", script],
            cwd=self.home(name),
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert result.returncode == 0, (
            f"{name}: `{script}` failed:\n{result.stdout[-3000:]}\n{result.stderr[-4000:]}"
        )
        return result.stdout + result.stderr


def _kill_processes_of(name: str) -> None:
    """End what the hub started as ``name`` (its server and kernels), each by its pid."""
    import pwd

    try:
        uid = pwd.getpwnam(name).pw_uid
    except KeyError:
        return
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                if proc.stat().st_uid == uid:
                    os.kill(int(proc.name), signal.SIGKILL)
            except (FileNotFoundError, ProcessLookupError):
                continue


@pytest.fixture(scope="module")
def accounts(site):
    # Homes outside /home, so a failed cleanup leaves nothing among real users' homes.
    base = Path(tempfile.mkdtemp(prefix="alliance-hub-homes-"))
    base.chmod(0o755)
    made = Accounts(base)
    try:
        made.create()
        yield made
    finally:
        made.remove()


@pytest.fixture(scope="module")
def hub(site, accounts):
    """JupyterHub started by root on loopback, with the environment a service manager gives."""
    ports = {
        "ALLIANCE_HUB_PORT": _free_port(),
        "ALLIANCE_HUB_API_PORT": _free_port(),
        "ALLIANCE_PROXY_API_PORT": _free_port(),
    }
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8"}
    env |= {name: str(port) for name, port in ports.items()}
    log = site / "state" / "hub.log"
    process = subprocess.Popen(
        [str(site / "hub-env/bin/jupyterhub"), "-f", str(site / "jupyterhub_config.py")],
        cwd=site / "state",
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{ports['ALLIANCE_HUB_PORT']}"

    def hub_version():
        with urllib.request.urlopen(f"{url}/hub/api", timeout=5) as answer:
            return json.load(answer)["version"]

    wait_until_served(hub_version, process, log, "JupyterHub", timeout=60)
    try:
        yield url
    finally:
        # SIGTERM to the hub and its proxy: the hub stops every user's server before it exits.
        _stop(process)


def test_a_term_on_the_hub(site, accounts, hub):
    started = time.monotonic()

    def lap(step: str) -> None:
        print(f"{time.monotonic() - started:6.1f} s  {step}")

    instructor, (trainee, other) = accounts.instructor, accounts.trainees
    instructor_home = accounts.home(instructor)
    # The instructor's checkout of the course, in their private home.
    _project_copy(instructor_home).rename(instructor_home / "alliance-course")
    _run(["chown", "-R", f"{instructor}:", str(instructor_home)])

    blocks = instructor_blocks()
    assert list(blocks) == ["Instructor: before the module", "Instructor: after the due date"]

    def as_instructor(script: str) -> str:
        script = script.replace(DOCS_SITE, str(site))
        # A due date a week ahead, so that the model answers are not late whenever this runs.
        due = (dt.datetime.now(dt.UTC) + dt.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M:%S+00:00")
        return accounts.shell(instructor, re.sub(r"--due \S+", f"--due {due}", script))

    print(as_instructor(blocks["Instructor: before the module"]))
    lap("instructor built and released the module")
    course_dir = instructor_home / "course"

    # The two trainees and the instructor log in through the form; their servers spawn side
    # by side.
    users = {name: HubUser(hub, name) for name in (trainee, other, instructor)}
    for name, user in users.items():
        assert user.login(accounts.passwords[name]).status_code == 200
    for user in users.values():
        user.wait_for_lab()
    me, them, teacher = users[trainee], users[other], users[instructor]
    lap("three users logged in, their servers spawned")

    # Formgrader (on the course directory, with its modules) and the course list are the
    # instructor's alone.
    modules = teacher.json("GET", "formgrader/api/assignments")
    assert MODULE in json.dumps(modules), modules
    assert teacher.request("GET", "formgraders").status_code == 200
    for path in ("formgrader", "formgrader/api/assignments", "formgraders"):
        assert me.request("GET", path).status_code == 404, path

    # Assignments panel: the module is released; Fetch puts it in the trainee's home.
    assert f"{MODULE}:released" in me.assignments()
    for user in (me, them):
        fetched = user.assignment_action("fetch", MODULE)
        assert any(a["status"] == "fetched" for a in fetched["value"]), fetched
    release = me.read(NOTEBOOK)["content"]

    # The trainee writes the model answers into their notebook and saves it. The other
    # trainee leaves the exercises alone and adds a cell that, if graded outside the
    # sandbox, would write into the instructor's course directory with the grader's rights.
    with tempfile.TemporaryDirectory() as tmp:
        released = Path(tmp) / "release.ipynb"
        nbformat.write(nbformat.from_dict(release), released)
        answers = solution_answers(course_dir / "notebooks" / NOTEBOOK)
        me.save_notebook(NOTEBOOK, fill(released, answers))
    planted = [course_dir / "planted-by-a-trainee", instructor_home / "planted-by-a-trainee"]
    theirs = them.read(NOTEBOOK)["content"]
    theirs["cells"].insert(
        1, nbformat.v4.new_code_cell(_PLANT.format(targets=[str(p) for p in planted]))
    )
    them.save_notebook(NOTEBOOK, theirs)

    # Validate runs it in a kernel of the trainee's server: success for the model
    # answers, the failing cells for the other trainee's untouched notebook.
    with ThreadPoolExecutor(2) as pool:
        mine, untouched = pool.map(lambda user: user.validate(NOTEBOOK), (me, them))
    assert mine["success"], mine
    assert not any(mine["value"].get(k) for k in ("failed", "changed", "type_changed")), mine
    assert untouched["success"] and untouched["value"].get("failed"), untouched
    lap("fetched, worked in and validated")

    # From the trainee's kernel: nothing that grades is readable, nothing is importable.
    secrets_ = {
        "installed answer key": next(
            (site / "grader-env/lib").glob("python3*/site-packages/answer_key/__init__.py")
        ),
        "answer key in the checkout": instructor_home / "alliance-course/answer_key/src",
        "MyST source": instructor_home / f"alliance-course/notebooks/{MODULE}/{MODULE}.md",
        "source notebook": course_dir / "notebooks" / NOTEBOOK,
        "gradebook": course_dir / "gradebook.db",
        "another trainee's work": accounts.home(other) / NOTEBOOK,
        "others' submissions": site / "exchange" / COURSE_ID / "inbound",
    }
    assert all(path.exists() for path in secrets_.values()), secrets_
    probe = f"""
import importlib.util, json, os
def attempt(path):
    try:
        os.listdir(path) if os.path.isdir(path) else open(path, "rb").close()
        return "read"
    except PermissionError:
        return "denied"
found = {{name: attempt(path) for name, path in {json.dumps({k: str(v) for k, v in secrets_.items()})}.items()}}
found["import answer_key"] = "importable" if importlib.util.find_spec("answer_key") else "absent"
print(json.dumps(found))
"""
    found = json.loads(me.run_code(probe).strip().splitlines()[-1])
    assert found == {**dict.fromkeys(secrets_, "denied"), "import answer_key": "absent"}, found

    # Submit through the exchange.
    for user in (me, them):
        submitted = user.assignment_action("submit", MODULE)
        assert any(a["status"] == "submitted" for a in submitted["value"]), submitted

    # The instructor collects, grades (sandboxed, as their own account) and releases feedback.
    lap("submitted")
    print(as_instructor(blocks["Instructor: after the due date"]))
    lap("instructor collected, graded and released feedback")
    scores = _scores(course_dir, [trainee, other])
    # Model answers earn every autograded point; the untouched notebook fewer.
    assert scores[trainee]["code"] == scores[trainee]["max_code"] > 0, scores
    assert scores[other]["code"] < scores[trainee]["code"], scores
    assert not [path for path in planted if path.exists()], "trainee code wrote as the grader"

    # Each trainee fetches their own feedback and sees their own score in it.
    for user in (me, them):
        user.assignment_action("fetch_feedback", MODULE)
        shown = re.search(r"\(Score: ([\d.]+) / ([\d.]+)\)", _feedback_html(user))
        assert shown, f"no score in {user.name}'s feedback"
        score = scores[user.name]
        assert (float(shown[1]), float(shown[2])) == (score["total"], score["max_total"]), score
    lap("trainees fetched their feedback")


_PLANT = """from pathlib import Path
for target in {targets!r}:
    try:
        Path(target).write_text("written while being graded")
    except OSError:
        pass
"""


def _scores(course_dir: Path, students: list[str]) -> dict[str, dict[str, float]]:
    """Each trainee's autograded and total points and maxima, from the instructor's gradebook."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course_dir / 'gradebook.db'}") as gb:
        found = {s: gb.find_submission(MODULE, s) for s in students}
        return {
            s: {
                "code": sub.code_score,
                "max_code": sub.max_code_score,
                "total": sub.score,
                "max_total": sub.max_score,
            }
            for s, sub in found.items()
        }


def _feedback_html(user: HubUser) -> str:
    """The feedback file fetched into the trainee's module folder, read through the contents API."""
    folder = user.read(f"{MODULE}/feedback")["content"]
    assert len(folder) == 1, folder
    stamped = user.read(folder[0]["path"])["content"]
    html = [entry for entry in stamped if entry["name"].endswith(".html")]
    assert len(html) == 1, stamped
    return user.read(html[0]["path"])["content"]
