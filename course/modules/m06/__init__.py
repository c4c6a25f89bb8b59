"""Module 06 (alliance and outcome): what the notebook shows and imports.

- the trainee's caseload of 30 therapists and 600 clients (:func:`caseload`,
  :data:`SIZE`) and the published values it is set against (:mod:`.data`);
- the claims of exercise 4 and the readings of exercise 6, the same four each
  for every trainee, shown as id and text only (:mod:`.statements`);
- the scatter and caterpillar charts, with the caterpillar's data
  (:func:`therapist_intervals`) (:mod:`.chart`);
- the practice widget on how the slopes settle as caseloads grow (:mod:`.widget`).

Reference answers, the statements' labels and feedback, and the checks of the
hidden tests are in the grading-only ``answer_key.m06``. All client data are
simulated.
"""

from __future__ import annotations

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
    "Statement",
    "CLAIM_LABELS",
    "CLAIM_LABEL_MEANINGS",
    "CLAIMS",
    "READING_LABELS",
    "READING_LABEL_MEANINGS",
    "READINGS",
    "as_markdown",
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
