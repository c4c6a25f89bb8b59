"""nbgrader feedback that teaches without giving away hidden tests or rubrics.

nbgrader's feedback shows each test cell as the grader ran it, hidden tests
included, and tracebacks quote the failing test line. This preprocessor (set in
``nbgrader_config.py`` for ``GenerateFeedback``) removes hidden-test regions
from test cells, shortens their error outputs to the teaching message
(``CheckFailed: ...``), and removes mark schemes (rubric and model answer) from
task cells. ``HideHiddenTests.enabled = False`` (``alliance-course feedback
--show-hidden-tests``) opts back in to showing tests; rubrics stay hidden.
``RenderFormulas`` draws formulas as embedded SVG, so feedback needs no network.
"""

from __future__ import annotations

import base64
import html
import io
import re
from functools import lru_cache
from pathlib import Path

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


# --- Formulas, rendered when the feedback is made, so the HTML needs no script ---
#
# nbgrader's feedback template loads MathJax from a CDN; a trainee reading feedback
# offline (or behind a hospital firewall) saw raw TeX. Instead each formula in a
# markdown cell becomes an SVG image drawn by matplotlib's mathtext (already a course
# dependency), embedded in the page with its TeX as the alt text, and the feedback
# template's MathJax loader is replaced by an empty one: ``TEMPLATE_DIR`` holds a
# ``feedback`` folder searched before nbgrader's own, with only ``mathjax.html.j2``.

TEMPLATE_DIR = Path(__file__).with_name("feedback_templates")
_CODE = re.compile(r"(```.*?```|~~~.*?~~~|`[^`\n]*`)", re.S)
_DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.S)
_INLINE = re.compile(r"(?<![\\$\w])\$(?=\S)([^$\n]*?\S)\$(?![\w$])")
_METADATA = re.compile(r"<metadata>.*?</metadata>", re.S)


def nbgrader_template_dir() -> str:
    """nbgrader's own template folder, which holds the ``feedback`` template ours extends."""
    import nbgrader

    return str(Path(nbgrader.__file__).parent / "server_extensions" / "formgrader" / "templates")


@lru_cache(maxsize=512)
def formula_img(tex: str, display: bool = False) -> str:
    """An ``<img>`` tag holding ``tex`` drawn as SVG, with the TeX as its alt text.

    >>> tag = formula_img(r"\\sqrt{2}")
    >>> tag.startswith('<img class="formula" alt="\\\\sqrt{2}" src="data:image/svg+xml;base64,')
    True
    """
    import matplotlib
    from matplotlib.font_manager import FontProperties
    from matplotlib.mathtext import math_to_image

    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "path", "mathtext.fontset": "dejavusans"}):
        depth = math_to_image(f"${tex}$", buffer, format="svg", prop=FontProperties(size=13))
    svg = _METADATA.sub("", buffer.getvalue().decode())
    data = base64.b64encode(svg.encode()).decode()
    style = "display:block;margin:.6em auto" if display else f"vertical-align:-{depth:.1f}pt"
    alt = html.escape(tex, quote=True)
    return (
        f'<img class="formula" alt="{alt}" src="data:image/svg+xml;base64,{data}" style="{style}">'
    )


def _render_math(text: str) -> str:
    """Formulas of one stretch of markdown outside code; a formula mathtext cannot draw stays TeX."""

    def draw(match: re.Match, display: bool) -> str:
        try:
            return formula_img(match.group(1).strip(), display)
        except ValueError:  # mathtext's parse error: leave the TeX for the reader
            return match.group(0)

    text = _DISPLAY.sub(lambda m: draw(m, True), text)
    return _INLINE.sub(lambda m: draw(m, False), text)


def render_formulas(markdown: str) -> str:
    """``markdown`` with every ``$...$`` and ``$$...$$`` outside code replaced by an image.

    >>> render_formulas("costs `$x$` and $5 or $6") == "costs `$x$` and $5 or $6"
    True
    >>> "<img" in render_formulas("with $k$ items")
    True
    """
    parts = _CODE.split(markdown)
    return "".join(part if i % 2 else _render_math(part) for i, part in enumerate(parts))


class RenderFormulas(Preprocessor):
    """Feedback preprocessor: draw the formulas of markdown cells as embedded SVG images."""

    enabled = Bool(True, help="Draw formulas as images (False leaves TeX).").tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "markdown" and "$" in cell.source:
            cell.source = render_formulas(cell.source)
        return cell, resources


def generate_feedback(course, module: str, show_hidden_tests: bool = False) -> Path:
    """Write ``module``'s HTML feedback with nbgrader; return the feedback folder.

    Refuses in one line (:class:`~course.instructor.errors.CourseInputError`) when
    there is nothing to give feedback on, or when nbgrader fails, with what to do.
    """
    from course.instructor.coursedir import NbgraderError
    from course.instructor.errors import CourseInputError

    if not any(Path(course.autograded).glob(f"*/{module}/*.ipynb")):
        raise CourseInputError(
            f"no graded submission of {module} in {course.autograded}: "
            f"run `alliance-course grade {module}` first"
        )
    show = ["--HideHiddenTests.enabled=False"] if show_hidden_tests else []
    try:
        course.nbgrader("generate_feedback", module, "--force", *show)
    except NbgraderError as err:
        lines = [line for line in str(err).splitlines() if line.strip()]
        raise CourseInputError(
            f"nbgrader could not write feedback for {module} ({lines[-1].strip()}); "
            f"fix that, or grade again with `alliance-course grade {module} --force`"
        ) from None
    return Path(course.feedback)
