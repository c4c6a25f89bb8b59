"""Module 04 (measuring the alliance): what the notebook shows and imports.

- the trainee's simulated caseload (:func:`caseload`), WAI-SR forms with blanks
  (:func:`wai_with_gaps`, :func:`rows_as_lists`), CSQ-8 discharge forms
  (:func:`csq_discharge`), the assigned client's SRS lines (:func:`assigned_client`,
  :func:`srs_lines`), client and therapist ratings (:func:`paired_ratings`,
  :func:`early_means`) and the ceiling numbers (:func:`ceiling_summary`);
- what the exercises show: the seed article's list (:data:`SEED_LIST`), the names,
  licence ids and rating situations drawn per trainee (:func:`tools_for`,
  :func:`licence_quiz`, :func:`rater_scenarios`) and the options of the
  multiple-choice items (:data:`SEQ_OPTIONS`, :data:`ITEM9_OPTIONS`, :data:`DIRECTIONS`);
- the two charts and the instrument scorer widget.

Reference answers, keys and the teaching checks of the hidden tests are in the
grading-only ``answer_key.m04``. All client data are simulated.
"""

from __future__ import annotations

from course.modules.m04.chart import binned_counts, ceiling_histogram, rater_strip
from course.modules.m04.data import (
    CSQ_ITEMS,
    MODULE,
    SCALES,
    SRS_LINES,
    WAI_ITEMS,
    WAI_KEY,
    assigned_client,
    caseload,
    ceiling_summary,
    csq_discharge,
    early_means,
    paired_ratings,
    rows_as_lists,
    srs_lines,
    wai_with_gaps,
)
from course.modules.m04.shown import (
    DIRECTIONS,
    GRADED_TOOLS,
    ITEM9_OPTIONS,
    RATERS,
    SCENARIOS,
    SEED_LIST,
    SEQ_OPTIONS,
    STATUSES,
    instrument_handle,
    licence_quiz,
    rater_scenarios,
    tools_for,
)
from course.modules.m04.widget import instrument_scorer, result_html, score_one

__all__ = [
    "MODULE",
    "WAI_ITEMS",
    "WAI_KEY",
    "SCALES",
    "CSQ_ITEMS",
    "SRS_LINES",
    "caseload",
    "wai_with_gaps",
    "rows_as_lists",
    "csq_discharge",
    "assigned_client",
    "srs_lines",
    "paired_ratings",
    "early_means",
    "ceiling_summary",
    "SEED_LIST",
    "GRADED_TOOLS",
    "STATUSES",
    "tools_for",
    "instrument_handle",
    "licence_quiz",
    "RATERS",
    "SCENARIOS",
    "rater_scenarios",
    "SEQ_OPTIONS",
    "ITEM9_OPTIONS",
    "DIRECTIONS",
    "binned_counts",
    "ceiling_histogram",
    "rater_strip",
    "instrument_scorer",
    "score_one",
    "result_html",
]
