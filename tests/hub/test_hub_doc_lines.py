"""Every command of docs/jupyterhub.md, and the test that runs it (or why none can here).

`tests/hub/test_hub_term.py` runs the page's install script, accounts, hub and
the instructor's blocks (those verbatim, read from the page); the guide walk
(`tests/e2e/test_instructor_guide.py`) runs the dask cluster on loopback. A
few lines cannot run verbatim in a test: they are interactive, change the
machine for good, or name other hosts. This table says, for each line, which
test runs it or its equivalent and what that test contains, so that a new
line without a test fails here and a test that stops running a line fails
here too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.test_instructor_guide import _bash_lines

ROOT = Path(__file__).resolve().parents[2]
HUB_TEST = "tests/hub/test_hub_term.py"
GUIDE_WALK = "tests/e2e/test_instructor_guide.py"
POSTGRES = "tests/pipeline/conftest.py"

# Documented line (its start) -> (how, test file, text that file holds, why when not verbatim).
ACCOUNTED = {
    "git clone": (
        "not run",
        HUB_TEST,
        'ROOT / "scripts" / "install-hub.sh"',
        "the test runs in the checkout it tests and installs the hub from it",
    ),
    "apt-get install -y python3-venv nodejs npm bubblewrap": (
        "equivalent",
        "Makefile",
        "install-system-deps.sh chromium bubblewrap postgresql npm",
        "make test installs the same Debian packages when missing",
    ),
    "scripts/install-hub.sh /srv/alliance-hub": (
        "verbatim, into a test folder",
        HUB_TEST,
        'str(ROOT / "scripts" / "install-hub.sh"), str(SITE)',
        "",
    ),
    "sed -i 's/^#\\?HOME_MODE": (
        "equivalent",
        HUB_TEST,
        '"-K", "HOME_MODE=0700"',
        "the same private homes, without changing the machine's /etc/login.defs",
    ),
    "groupadd --system alliance-trainees": ("verbatim", HUB_TEST, '"groupadd", "--system"', ""),
    "useradd --create-home --groups alliance-graders": (
        "equivalent",
        HUB_TEST,
        '["useradd", "--create-home"',
        "accounts with names of the test's own, removed afterwards",
    ),
    "useradd --create-home --groups alliance-trainees": (
        "equivalent",
        HUB_TEST,
        '["useradd", "--create-home"',
        "two trainees with names of the test's own",
    ),
    "passwd instructor; passwd TRAINEE_ID": (
        "equivalent",
        HUB_TEST,
        '["chpasswd"]',
        "passwd asks on a terminal; chpasswd sets the same password non-interactively",
    ),
    "/srv/alliance-hub/hub-env/bin/jupyterhub -f": (
        "verbatim, from the test folder",
        HUB_TEST,
        '"hub-env/bin/jupyterhub"), "-f"',
        "",
    ),
    "sudo -u postgres createuser --pwprompt grader": (
        "equivalent",
        POSTGRES,
        '"initdb"',
        "--pwprompt asks on a terminal; the tests start a PostgreSQL server of their own "
        "with a grader role and run two graders against it",
    ),
    "export ALLIANCE_GRADEBOOK_URL=": (
        "equivalent",
        "tests/pipeline/test_postgres_gradebook.py",
        "CourseDir(tmp_path",
        "the tests pass the URL of their own server; the variable is --db's default "
        "(course/cli.py)",
    ),
    "alliance-course build": (
        "equivalent",
        "tests/pipeline/test_postgres_gradebook.py",
        'CourseDir(tmp_path / "course", postgres_url)',
        "the module is built into the test's PostgreSQL gradebook (build with the course's "
        "URL), then graded by two graders at once",
    ),
    "/srv/alliance-hub/grader-env/bin/dask scheduler": (
        "equivalent",
        GUIDE_WALK,
        '"dask scheduler --host 127.0.0.1',
        "on loopback: the test has no second host",
    ),
    "/srv/alliance-hub/grader-env/bin/dask worker": (
        "equivalent",
        GUIDE_WALK,
        '"dask worker {address} --nworkers 2 --nthreads 1"',
        "two workers on loopback",
    ),
    "alliance-course grade 06-alliance-and-outcome --scheduler": (
        "equivalent",
        GUIDE_WALK,
        "--scheduler {{scheduler}}",
        "the guide's own line for the cluster, on loopback",
    ),
}
# The instructor's blocks, read from the page and run as they are by the hub test.
INSTRUCTOR_BLOCKS = {
    "Instructor: before the module": 'blocks["Instructor: before the module"]',
    "Instructor: after the due date": 'blocks["Instructor: after the due date"]',
}


def _page() -> str:
    return (ROOT / "docs" / "jupyterhub.md").read_text()


def _block_lines() -> set[str]:
    from tests.hub.test_hub_term import instructor_blocks

    blocks = instructor_blocks()
    assert set(blocks) == set(INSTRUCTOR_BLOCKS), set(blocks) ^ set(INSTRUCTOR_BLOCKS)
    return {
        line.text for text in blocks.values() for line in _bash_lines("hub", f"```bash\n{text}```")
    }


def test_every_line_of_the_hub_page_is_run_by_a_test_or_accounted_for():
    in_blocks = _block_lines()
    unaccounted = []
    for line in _bash_lines("hub", _page()):
        if line.text in in_blocks:
            continue
        matches = [start for start in ACCOUNTED if line.text.startswith(start)]
        if len(matches) != 1:
            unaccounted.append(line.text)
    assert not unaccounted, f"no test runs these lines of docs/jupyterhub.md: {unaccounted}"


@pytest.mark.parametrize("start", sorted(ACCOUNTED))
def test_each_accounted_line_is_on_the_page_and_its_test_still_runs_it(start):
    how, test_file, evidence, why = ACCOUNTED[start]
    lines = [line.text for line in _bash_lines("hub", _page())]
    assert any(text.startswith(start) for text in lines), f"{start!r} is no longer on the page"
    assert evidence in (ROOT / test_file).read_text(), f"{test_file} no longer has {evidence!r}"
    assert how.startswith("verbatim") or why, f"{start!r}: say why it does not run verbatim"


@pytest.mark.parametrize("title", sorted(INSTRUCTOR_BLOCKS))
def test_the_hub_test_runs_each_instructor_block(title):
    assert INSTRUCTOR_BLOCKS[title] in (ROOT / HUB_TEST).read_text()
