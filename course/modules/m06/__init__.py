"""Module 06 (alliance and outcome): what the notebook shows and imports.

- the trainee's caseload of 30 therapists and 600 clients (:func:`caseload`,
  :data:`SIZE`) and the published values it is set against (:mod:`.data`);
- the analyses of the worked examples (the early views, Fisher's interval, the
  caseload split, the between/within decomposition, the therapist ICC, the
  split-half table, attachment at two levels), each a tested helper, so that
  every graded answer is a judgement written into a starter (:mod:`.worked`);
- the claims of exercise 4 and the readings of exercise 6 (:mod:`.statements`)
  and the options and statements of exercises 3, 5, 7 and 9 (:mod:`.shown`),
  the same for every trainee, shown as label and text only;
- the scatter and caterpillar charts, with the caterpillar's data
  (:func:`therapist_intervals`) (:mod:`.chart`);
- the practice widget on how the slopes settle as caseloads grow (:mod:`.widget`).

Reference answers, the right options and labels, and the checks of the hidden
tests are in the grading-only ``answer_key.m06``. All client data are simulated.
"""

from __future__ import annotations

from course.labelled import show_options
from course.modules.m06.chart import (
    POSITION_COLOURS,
    POSITION_SHAPES,
    alliance_scatter,
    caterpillar,
    therapist_intervals,
)
from course.modules.m06.data import (
    ATTACHMENT_META_R,
    EARLY_SESSIONS,
    META_CI,
    META_R,
    MODULE,
    SIZE,
    THERAPIST_EFFECT_REVIEW,
    Z_95,
    caseload,
)
from course.modules.m06.shown import (
    CASELOAD_OPTIONS,
    ICC_STATEMENTS,
    INTERVAL_OPTIONS,
    RANKING_OPTIONS,
    SLOPE_LABEL_MEANINGS,
    SLOPE_LABELS,
    SLOPE_QUESTIONS,
)
from course.modules.m06.statements import (
    CLAIM_LABEL_MEANINGS,
    CLAIM_LABELS,
    CLAIMS,
    READING_LABEL_MEANINGS,
    READING_LABELS,
    READINGS,
    Statement,
    as_markdown,
)
from course.modules.m06.widget import (
    expected_slopes,
    stability,
    stability_explorer,
    therapist_mean_reliability,
)
from course.modules.m06.worked import (
    alliance_parts,
    attachment_table,
    caseload_split,
    decompose,
    early_views,
    fisher_ci,
    naive_share,
    split_half_r,
    split_half_table,
    therapist_icc,
)

__all__ = [
    "MODULE",
    "SIZE",
    "META_R",
    "META_CI",
    "ATTACHMENT_META_R",
    "THERAPIST_EFFECT_REVIEW",
    "Z_95",
    "EARLY_SESSIONS",
    "caseload",
    "early_views",
    "fisher_ci",
    "caseload_split",
    "alliance_parts",
    "decompose",
    "therapist_icc",
    "naive_share",
    "split_half_table",
    "split_half_r",
    "attachment_table",
    "Statement",
    "CLAIM_LABELS",
    "CLAIM_LABEL_MEANINGS",
    "CLAIMS",
    "READING_LABELS",
    "READING_LABEL_MEANINGS",
    "READINGS",
    "as_markdown",
    "INTERVAL_OPTIONS",
    "CASELOAD_OPTIONS",
    "SLOPE_LABELS",
    "SLOPE_LABEL_MEANINGS",
    "SLOPE_QUESTIONS",
    "ICC_STATEMENTS",
    "RANKING_OPTIONS",
    "show_options",
    "therapist_intervals",
    "alliance_scatter",
    "caterpillar",
    "POSITION_COLOURS",
    "POSITION_SHAPES",
    "therapist_mean_reliability",
    "expected_slopes",
    "stability",
    "stability_explorer",
]
