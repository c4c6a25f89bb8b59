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
