"""course.identity(): the same trainee id while working and while being graded."""

import subprocess
import sys

import pytest

from course.identity import IdentityError, config_path, identity, set_identity


@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    for var in ("ALLIANCE_STUDENT_ID", "JUPYTERHUB_USER"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_no_identity_raises_with_instructions(clean_env):
    with pytest.raises(IdentityError, match="alliance-course whoami set"):
        identity()


def test_local_setting_is_used_and_stored_where_documented(clean_env):
    path = set_identity("  laptop-trainee ")
    assert path == config_path()
    assert identity() == "laptop-trainee"


def test_jupyterhub_user_beats_local_setting(clean_env, monkeypatch):
    set_identity("laptop-trainee")
    monkeypatch.setenv("JUPYTERHUB_USER", "hub-user")
    assert identity() == "hub-user"


def test_env_var_beats_jupyterhub(clean_env, monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_USER", "hub-user")
    monkeypatch.setenv("ALLIANCE_STUDENT_ID", "pipeline-id")
    assert identity() == "pipeline-id"


def test_autograde_folder_beats_everything(clean_env, monkeypatch):
    folder = clean_env / "course" / "autograded" / "trainee-07" / "01-working-alliance"
    folder.mkdir(parents=True)
    monkeypatch.chdir(folder)
    monkeypatch.setenv("ALLIANCE_STUDENT_ID", "someone-else")
    monkeypatch.setenv("JUPYTERHUB_USER", "instructor")
    assert identity() == "trainee-07"


@pytest.mark.parametrize("bad", ["", "  ", "../x", "a b", "x" * 200])
def test_invalid_ids_are_refused(clean_env, bad):
    with pytest.raises(IdentityError):
        set_identity(bad)


def test_identity_is_the_same_in_a_fresh_process(clean_env):
    set_identity("trainee-42")
    code = "import course; print(course.identity())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "trainee-42"


def test_whoami_cli_sets_and_shows(clean_env):
    cli = [sys.executable, "-m", "course.cli", "whoami"]
    subprocess.run([*cli, "set", "cli-trainee"], check=True, capture_output=True)
    shown = subprocess.run(cli, capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "cli-trainee"
