"""What a trainee sees when a cell fails: the course's message as the output, never a traceback."""

import nbformat
import pytest
from nbclient import NotebookClient

pytestmark = pytest.mark.slow


def _run(*sources: str) -> list:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    NotebookClient(nb, allow_errors=True, timeout=120).execute()
    return [cell.outputs for cell in nb.cells]


def test_failed_check_and_missing_answer_show_one_line_and_still_fail():
    outputs = _run(
        "import course.notebook\ncourse.notebook.explain_missing_names()",
        "from course.grading import expect\nexpect(lambda: 1 > 2, 'Put the lower bound first.')",
        "total_score + 1",
    )
    check, missing = outputs[1], outputs[2]
    # Both stay error outputs, so Validate and the grader count the cell as failed.
    assert [o["output_type"] for o in check] == ["error"]
    assert check[0]["traceback"] == ["Put the lower bound first."]
    assert [o["output_type"] for o in missing] == ["error"]
    assert len(missing[0]["traceback"]) == 1
    assert missing[0]["traceback"][0].startswith("NameError: `total_score` is not defined yet.")


def test_a_blank_left_in_a_starter_is_one_line_and_other_errors_keep_their_traceback():
    outputs = _run(
        "import course.notebook\ncourse.notebook.explain_missing_names()",
        "import pandas as pd\nsessions = pd.DataFrame({'srs': [35.0, 38.5]})",
        "flagged = sessions[...]",
        "note = 'wait...'\n1 / 0",
    )
    blank, other = outputs[2], outputs[3]
    assert [o["output_type"] for o in blank] == ["error"]
    assert len(blank[0]["traceback"]) == 1
    assert blank[0]["traceback"][0].startswith("This cell still has a blank (...) to fill in")
    # An error with no blank in the cell is shown as Python shows it (not hidden).
    assert other[0]["ename"] == "ZeroDivisionError" and len(other[0]["traceback"]) > 1
