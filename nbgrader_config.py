"""nbgrader configuration for the Therapeutic Alliance course.

Used as is when an instructor runs ``nbgrader`` in this folder, and copied into
the instructor's course directory by ``alliance-course build``.
"""

from nbconvert.preprocessors import ClearMetadataPreprocessor, CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import (
    AssignLatePenalties,
    CheckCellMetadata,
    GetGrades,
    IgnorePattern,
    LimitOutput,
    SaveAutoGrades,
)

from course.instructor.feedback_filters import (
    TEMPLATE_DIR,
    HideHiddenTests,
    RenderFormulas,
    nbgrader_template_dir,
)
from course.instructor.safe_execute import SafeExecute
from course.instructor.starters import release_preprocessors
from course.kernel_client import CLIENT_CLASS

c = get_config()  # noqa: F821 (injected by traitlets when nbgrader loads this file)

c.CourseDirectory.course_id = "therapeutic-alliance"
c.CourseDirectory.source_directory = "notebooks"
# Only notebooks and small data travel to trainees; never caches or checkpoints.
# A module's MyST source (solutions, hidden tests) sits beside its notebook: never release it.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", ".*", "*.md"]

c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"
# An answer cell with a starter (blanks written ...) shows it instead of the stub above.
c.GenerateAssignment.preprocessors = release_preprocessors()

# A module's solution runs in about 10 s; these bound a runaway submission.
# nbclient's own client can wait out a whole cell timeout for a reply (course.kernel_client).
c.AsyncKernelManager.client_class = CLIENT_CLASS
c.ExecutePreprocessor.timeout = 60
c.ExecutePreprocessor.interrupt_on_timeout = True
c.Execute.execute_retries = 0

# Autograde with SafeExecute: a kernel that dies keeps the grades earned before
# it died, a notebook has a total time limit, and outputs are capped per cell.
c.Autograde.autograde_preprocessors = [
    SafeExecute,
    IgnorePattern,
    ClearMetadataPreprocessor,
    LimitOutput,
    SaveAutoGrades,
    AssignLatePenalties,
    CheckCellMetadata,
]
c.SafeExecute.notebook_timeout = 300
c.SafeExecute.max_cell_output_bytes = 1_000_000

# Feedback teaches without giving hidden tests, rubrics or model answers away.
c.GenerateFeedback.preprocessors = [
    GetGrades,
    HideHiddenTests,
    RenderFormulas,
    CSSHTMLHeaderPreprocessor,
]
# Feedback works offline: formulas are drawn as embedded SVG when the feedback is made
# (RenderFormulas), and nbgrader's `feedback` template is overlaid so that its MathJax
# loader (a CDN script) is empty, for `alliance-course feedback` and formgrader alike.
c.HTMLExporter.extra_template_basedirs = [str(TEMPLATE_DIR), nbgrader_template_dir()]

# Late work: 10% of the score per day or part of a day late, at most 50%.
c.AssignLatePenalties.plugin_class = "course.instructor.late_policy.PerDayPenalty"
c.PerDayPenalty.percent_per_day = 10.0
c.PerDayPenalty.max_percent = 50.0
