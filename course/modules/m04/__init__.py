"""Module 04 (measuring the alliance): what the notebook shows and imports.

- the trainee's simulated caseload (:func:`caseload`), WAI-SR forms with blanks
  (:func:`wai_with_gaps`), CSQ-8 discharge forms (:func:`csq_discharge`), the
  assigned client's SRS lines (:func:`assigned_client`, :func:`srs_lines`), client
  and therapist ratings (:func:`paired_ratings`, :func:`early_means`) and the
  ceiling numbers (:func:`ceiling_summary`) (:mod:`.data`);
- what the exercises show: the seed article's list (:data:`SEED_LIST`), the names
  and licences drawn per trainee (:func:`tools_for`, :func:`licence_table`), the
  rating situations (:func:`rater_scenarios`) and the labels and options of the
  judgement items (:data:`SEQ_OPTIONS`, :data:`ITEM9_ACTIONS`, :data:`DIRECTIONS`)
  (:mod:`.shown`);
- the tables of the worked examples (:mod:`.worked`): the blanks per subscale of
  hand-made forms, a colleague's hand-scored totals beside the library's, the CSQ-8
  reports, the assigned client's SRS, ORS and AUDIT totals, PHQ-9 forms to act on,
  and the parts of Cohen's d: the counting and scoring a trainee runs and reads, so
  that every graded answer is a judgement written into a starter;
- the two charts and the instrument scorer widget.

Reference answers, keys and the teaching checks of the hidden tests are in the
grading-only ``answer_key.m04``. All client data are simulated.
"""

from __future__ import annotations

from course.labelled import show_options
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
    srs_lines,
    wai_with_gaps,
)
from course.modules.m04.shown import (
    DIRECTIONS,
    GRADED_TOOLS,
    ITEM9_ACTIONS,
    RATERS,
    SCENARIOS,
    SEED_LIST,
    SEQ_OPTIONS,
    STATUSES,
    instrument_handle,
    licence_quiz,
    licence_table,
    rater_scenarios,
    tools_for,
)
from course.modules.m04.widget import instrument_scorer, result_html, score_one
from course.modules.m04.worked import (
    SLIPS,
    colleague_totals,
    csq_numbers,
    csq_options,
    edge_forms,
    form_check,
    item9_cases,
    item9_screen,
    outcome_table,
    rating_gap_parts,
    srs_totals,
)

__all__ = [
    "MODULE",
    "WAI_ITEMS",
    "WAI_KEY",
    "SCALES",
    "CSQ_ITEMS",
    "SRS_LINES",
    "caseload",
    "wai_with_gaps",
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
    "licence_table",
    "RATERS",
    "SCENARIOS",
    "rater_scenarios",
    "SEQ_OPTIONS",
    "ITEM9_ACTIONS",
    "DIRECTIONS",
    "SLIPS",
    "edge_forms",
    "form_check",
    "colleague_totals",
    "csq_numbers",
    "csq_options",
    "show_options",
    "srs_totals",
    "outcome_table",
    "item9_screen",
    "item9_cases",
    "rating_gap_parts",
    "binned_counts",
    "ceiling_histogram",
    "rater_strip",
    "instrument_scorer",
    "score_one",
    "result_html",
]
