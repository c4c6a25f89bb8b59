"""The trainee's copy holds student versions and never overwrites their work."""

import json

from course.instructor.student_copy import student_copy


def test_student_copy_has_no_solutions_and_keeps_existing_work(tmp_path):
    folder = student_copy(tmp_path / "student", ["00-orientation"])
    notebook = folder / "00-orientation" / "00-orientation.ipynb"
    text = notebook.read_text()
    assert "BEGIN SOLUTION" not in text and "raise NotImplementedError()" in text
    nb = json.loads(text)
    nb["cells"][0]["source"] = "my own notes"
    notebook.write_text(json.dumps(nb))
    student_copy(folder, ["00-orientation"])
    assert json.loads(notebook.read_text())["cells"][0]["source"] == "my own notes"
