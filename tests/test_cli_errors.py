"""A user's setup mistake gets one line saying what to do, and exit status 2."""

from __future__ import annotations

import pytest

from course.cli import main


def test_an_unknown_module_is_named_with_the_modules_there_are(capsys):
    assert main(["notebooks", "--check", "42"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "no module '42'" in err and "00-orientation" in err


def test_outside_the_course_checkout_the_command_says_where_to_run(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ALLIANCE_COURSE_PROJECT", raising=False)
    assert main(["notebooks", "--check"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "ALLIANCE_COURSE_PROJECT" in err


def test_lab_passes_unknown_options_on_and_other_commands_refuse_them():
    with pytest.raises(SystemExit):
        main(["modules", "--no-browser"])
