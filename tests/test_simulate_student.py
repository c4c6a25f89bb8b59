"""Per-trainee data: stable seeds, identity, and the same data in JupyterLab and the autograder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from course.identity import IdentityError
from course.simulate import for_student
from course.simulate.student import CLASSROOM_SIZES, DEFAULT_SIZE, ClassroomSize, student_seed

MODULE = "03-alliance-outcome"
ROOT = Path(__file__).resolve().parents[1]

# Print a digest of the trainee's three tables (their CSV bytes), whoever the trainee is.
DIGEST = """
import hashlib
from course.simulate import for_student
cl = for_student(module="03-alliance-outcome")
h = hashlib.sha256()
for frame in cl.tables().values():
    h.update(frame.to_csv(index=False).encode())
print(h.hexdigest())
"""


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if k not in ("ALLIANCE_STUDENT_ID", "JUPYTERHUB_USER")
    }
    env["XDG_CONFIG_HOME"] = str(tmp_path / "no-config")
    env["PYTHONPATH"] = str(ROOT)
    env.update(extra)
    return env


def test_trainee_and_autograder_see_the_same_data(tmp_path):
    """JupyterLab (id from the environment) vs nbgrader (id from the autograded folder)."""
    grading = tmp_path / "course" / "autograded" / "trainee-77" / MODULE
    grading.mkdir(parents=True)
    runs = {
        # Different PYTHONHASHSEEDs: the data must not depend on Python's hash().
        "working": (tmp_path, _env(tmp_path, ALLIANCE_STUDENT_ID="trainee-77", PYTHONHASHSEED="1")),
        "grading": (grading, _env(tmp_path, PYTHONHASHSEED="2")),
        "other": (tmp_path, _env(tmp_path, ALLIANCE_STUDENT_ID="trainee-78", PYTHONHASHSEED="3")),
    }
    procs = {
        name: subprocess.Popen(
            [sys.executable, "-c", DIGEST],
            cwd=cwd,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name, (cwd, env) in runs.items()
    }
    digests = {}
    for name, proc in procs.items():
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        digests[name] = out.strip()
    assert digests["working"] == digests["grading"]
    assert digests["working"] != digests["other"]


def test_pinned_values_for_a_fixed_trainee():
    """Exact numbers for one trainee: a change here means every trainee's data changed."""
    cl = for_student("trainee-01", MODULE)
    assert student_seed("trainee-01", MODULE) == 7844867837146836643
    assert cl.clients["client_id"].iloc[0] == "C001"
    assert cl.clients[["early_alliance", "outcome_change"]].iloc[0].tolist() == PINNED_CLIENT_0
    assert cl.sessions[["i1", "i2", "i3", "srs"]].iloc[0].tolist() == PINNED_SESSION_0
    assert int(cl.clients["sessions_attended"].sum()) == PINNED_SESSIONS_TOTAL


PINNED_CLIENT_0 = [2.8333, 0.2]  # early_alliance, outcome_change of client C001
PINNED_SESSION_0 = [3.0, 2.0, 2.0, 27.6]  # WAI-SR items 1-3 and SRS of C001's first session
PINNED_SESSIONS_TOTAL = 544


def test_same_trainee_same_data_other_trainee_or_module_other_data():
    a = for_student("trainee-01", MODULE)
    pd.testing.assert_frame_equal(a.clients, for_student("trainee-01", MODULE).clients)
    assert not a.clients.equals(for_student("trainee-02", MODULE).clients)
    assert not a.clients.equals(for_student("trainee-01", "04-ruptures").clients)


def test_identity_is_used_when_no_id_is_given(monkeypatch):
    monkeypatch.setenv("ALLIANCE_STUDENT_ID", "trainee-01")
    pd.testing.assert_frame_equal(
        for_student(module=MODULE).clients, for_student("trainee-01", MODULE).clients
    )


def test_no_identity_raises_the_identity_error(monkeypatch, tmp_path):
    for var in ("ALLIANCE_STUDENT_ID", "JUPYTERHUB_USER"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    with pytest.raises(IdentityError, match="whoami set"):
        for_student(module=MODULE)


def test_module_is_required_and_bad_ids_are_refused():
    with pytest.raises(ValueError, match="module"):
        for_student("trainee-01", "")
    with pytest.raises(IdentityError):
        for_student("../../etc", MODULE)


def test_classroom_size_is_a_per_module_setting(monkeypatch):
    cl = for_student("trainee-01", MODULE)
    assert (len(cl.therapists), len(cl.clients)) == (DEFAULT_SIZE.therapists, DEFAULT_SIZE.clients)
    assert cl.sessions["session"].max() <= DEFAULT_SIZE.max_sessions
    monkeypatch.setitem(CLASSROOM_SIZES, "09-therapist-effects", ClassroomSize(20, 200, 10))
    big = for_student("trainee-01", "09-therapist-effects")
    assert (len(big.therapists), len(big.clients)) == (20, 200)
    assert big.sessions["session"].max() <= 10
