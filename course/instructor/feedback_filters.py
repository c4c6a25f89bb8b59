"""nbgrader feedback that teaches without giving away hidden tests or rubrics.

nbgrader's feedback shows each test cell as the grader ran it, hidden tests
included, and tracebacks quote the failing test line. This preprocessor (set in
``nbgrader_config.py`` for ``GenerateFeedback``) removes hidden-test regions
from test cells, shortens their error outputs to the teaching message
(``CheckFailed: ...``), and removes mark schemes (rubric and model answer) from
task cells. ``HideHiddenTests.enabled = False`` (``alliance-course feedback
--show-hidden-tests``) opts back in to showing tests; rubrics stay hidden.
"""

from __future__ import annotations

import re

from nbconvert.preprocessors import Preprocessor
from traitlets import Bool

_HIDDEN = re.compile(
    r"^[ \t]*### BEGIN HIDDEN TESTS.*?^[ \t]*### END HIDDEN TESTS[^\n]*\n?", re.M | re.S
)
_MARK_SCHEME = re.compile(
    r"^[ \t]*### BEGIN MARK SCHEME.*?^[ \t]*### END MARK SCHEME[^\n]*\n?", re.M | re.S
)
HIDDEN_NOTE = "# (hidden tests ran here; their messages are shown below)"


def strip_hidden_tests(source: str) -> str:
    """Remove every hidden-test region, leaving a note where it was.

    >>> strip_hidden_tests("a = 1\\n### BEGIN HIDDEN TESTS\\nsecret()\\n### END HIDDEN TESTS\\n")
    'a = 1\\n# (hidden tests ran here; their messages are shown below)\\n'
    """
    return _HIDDEN.sub(HIDDEN_NOTE + "\n", source)


def strip_mark_scheme(source: str) -> str:
    """Remove every mark-scheme region (rubric and model answer).

    >>> strip_mark_scheme("Prompt\\n### BEGIN MARK SCHEME\\nrubric\\n### END MARK SCHEME")
    'Prompt\\n'
    """
    return _MARK_SCHEME.sub("", source)


def teaching_message(output: dict) -> dict:
    """An error output reduced to its exception name and message (no source lines)."""
    output["traceback"] = [f"{output.get('ename', 'Error')}: {output.get('evalue', '')}"]
    return output


class HideHiddenTests(Preprocessor):
    """Feedback preprocessor: hide hidden tests and mark schemes, keep teaching messages."""

    enabled = Bool(True, help="Hide hidden tests in feedback (False shows them).").tag(config=True)
    hide_mark_scheme = Bool(True, help="Hide rubrics and model answers.").tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        meta = cell.metadata.get("nbgrader", {})
        if self.hide_mark_scheme and meta.get("task"):
            cell.source = strip_mark_scheme(cell.source)
        if self.enabled and cell.cell_type == "code" and meta.get("grade"):
            cell.source = strip_hidden_tests(cell.source)
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    teaching_message(output)
        return cell, resources
