"""`make test` runs with ``--dist loadgroup`` so that each module's expensive fixture
(build, grade or validate a whole module) is set up once, on one worker.

pytest 9.2 silently broke that (pytest-xdist#1386): the groups were ignored and
every module fixture was built on both workers, ten minutes more per run. This
runs a small suite the way `make test` runs ours and checks that each group's
fixture is set up exactly once.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter

SUITE = """
import os, pytest

@pytest.fixture(
    scope="module",
    params=[pytest.param(m, marks=pytest.mark.xdist_group(f"g-{m}"), id=m) for m in "abcd"],
)
def expensive(request):
    with open(os.environ["SETUP_LOG"], "a") as log:
        log.write(f"{request.param}\\n")
    return request.param

@pytest.mark.parametrize("n", range(3))
def test_uses_it(expensive, n):
    pass

def test_uses_it_again(expensive):
    pass
"""


def test_grouped_module_fixtures_are_set_up_once(tmp_path):
    (tmp_path / "test_suite.py").write_text(SUITE)
    setups = tmp_path / "setups.log"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-n",
            "2",
            "--dist",
            "loadgroup",
            "-q",
            "-p",
            "no:cacheprovider",
        ],
        cwd=tmp_path,
        env={"SETUP_LOG": str(setups), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    counts = Counter(setups.read_text().split())
    assert counts == {"a": 1, "b": 1, "c": 1, "d": 1}, (
        f"module fixtures set up {dict(counts)} times: xdist's loadgroup is not grouping "
        "(see pytest-xdist#1386; pytest is kept below 9.2 in pyproject.toml)"
    )
