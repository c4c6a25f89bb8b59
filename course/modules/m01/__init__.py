"""Module 01 (the working alliance): what the notebook shows and imports.

- the statements and claims of exercises 1 and 8 and the cases of exercise 9,
  text only (:data:`DEFINITION_STATEMENTS`, :data:`CLAIMS`, :func:`case_options`);
- the vignettes of exercises 2 and 3, the same author-chosen set for every
  trainee under neutral labels (:func:`sort_items`, :func:`weakest_items`), and
  the per-trainee practice sorter (:func:`practice_sorter`);
- one client's WAI-SR from the trainee's caseload (:func:`focus_client`,
  :func:`client_items`), one session's answers by item number for scoring by hand
  (:func:`session_answers`), the visible range check and the WAI-SR explorer;
- the two charts.

Reference answers and the teaching checks of the hidden tests are in the
grading-only ``answer_key.m01``. All client data are simulated.
"""

from __future__ import annotations

from course.labelled import statement_list as numbered
from course.modules.m01.chart import (
    alliance_outcome_scatter,
    scatter_alt_text,
    subscale_trajectories,
    trajectory_alt_text,
)
from course.modules.m01.explorer import wai_sr_explorer
from course.modules.m01.sorter import sorter
from course.modules.m01.statements import (
    CASE_KEYS,
    CASES,
    CLAIMS,
    DEFINITION_STATEMENTS,
    case_options,
    cases_markdown,
)
from course.modules.m01.vignettes import (
    COMPONENTS,
    GRADED_IDS,
    MODULE,
    N_PRACTICE,
    Item,
    as_markdown,
    labelled_ids,
    practice_items,
    practice_sorter,
    practice_vignettes,
    show,
    sort_items,
    weakest_items,
)
from course.modules.m01.wai import (
    CONSECUTIVE,
    SUBSCALES,
    WAI_ITEMS,
    WAI_KEY,
    client_items,
    expect_mean_item_score,
    focus_client,
    session_answers,
    subscale_means,
    wai_key,
)

__all__ = [
    "MODULE",
    "COMPONENTS",
    "GRADED_IDS",
    "N_PRACTICE",
    "Item",
    "labelled_ids",
    "sort_items",
    "weakest_items",
    "practice_items",
    "practice_vignettes",
    "practice_sorter",
    "as_markdown",
    "show",
    "DEFINITION_STATEMENTS",
    "CLAIMS",
    "CASES",
    "CASE_KEYS",
    "case_options",
    "cases_markdown",
    "numbered",
    "SUBSCALES",
    "WAI_ITEMS",
    "WAI_KEY",
    "CONSECUTIVE",
    "wai_key",
    "subscale_means",
    "focus_client",
    "client_items",
    "session_answers",
    "expect_mean_item_score",
    "subscale_trajectories",
    "trajectory_alt_text",
    "alliance_outcome_scatter",
    "scatter_alt_text",
    "sorter",
    "wai_sr_explorer",
]
