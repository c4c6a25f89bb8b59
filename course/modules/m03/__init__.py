"""Module 03 (the client's perspective): what the notebook shows and imports.

- the vignettes of exercises 1-3, the same author-chosen set for every trainee,
  shown under neutral labels (Q1, T1, M1, ...) by :func:`exercise_vignettes`;
- the eleven self-check questions (:data:`SELF_CHECK`, paraphrased), three
  simulated clients' answers (:func:`self_check_clients`) and the practice
  widget (:func:`self_check_widget`);
- multiple-choice items whose option letters are shuffled per trainee
  (:func:`options`, :func:`show_options`);
- the caseload (:func:`caseload_clients`), the parts of a Welch interval
  (:func:`interval_parts`, :func:`show_parts`, worked out for the trainee, who
  puts them together), the intervals of other match columns
  (:func:`interval_table`), the labels and statements for reading an interval
  (:data:`READING_LABELS`, :data:`READING_OPTIONS`), Cohen's d and the two charts.

Reference answers and the teaching checks of the hidden tests are in the
grading-only ``answer_key.m03``. All client data are simulated.
"""

from __future__ import annotations

from course.labelled import show_options
from course.modules.m03.caseload import (
    MATCH_NAMES,
    PART_MEANINGS,
    READING_LABELS,
    READING_OPTIONS,
    caseload_clients,
    cohens_d,
    interval_parts,
    interval_table,
    show_parts,
)
from course.modules.m03.chart import (
    CABRAL_SMITH,
    MATCH_COLUMNS,
    cabral_smith_chart,
    d_interval,
    match_long,
    match_strip,
)
from course.modules.m03.choices import OPTION_TEXTS, options
from course.modules.m03.self_check import (
    ANSWER_SCALE,
    AREAS,
    SELF_CHECK,
    SELF_CHECK_CLIENTS,
    SELF_CHECK_KEYS,
    SelfCheckQuestion,
    answers_by_area,
    area_means,
    areas_table,
    questions_table,
    self_check_clients,
)
from course.modules.m03.vignettes import (
    GRADED_IDS,
    MATCH_LABELS,
    MODULE,
    PREFIXES,
    QUALITY_LABELS,
    THEME_LABELS,
    exercise_vignettes,
    labelled_ids,
    vignette_cards,
)
from course.modules.m03.widget import self_check_summary, self_check_widget

__all__ = [
    "MODULE",
    "QUALITY_LABELS",
    "THEME_LABELS",
    "MATCH_LABELS",
    "GRADED_IDS",
    "PREFIXES",
    "labelled_ids",
    "vignette_cards",
    "exercise_vignettes",
    "SelfCheckQuestion",
    "SELF_CHECK",
    "SELF_CHECK_KEYS",
    "SELF_CHECK_CLIENTS",
    "AREAS",
    "ANSWER_SCALE",
    "area_means",
    "self_check_clients",
    "questions_table",
    "areas_table",
    "answers_by_area",
    "self_check_widget",
    "self_check_summary",
    "OPTION_TEXTS",
    "options",
    "show_options",
    "caseload_clients",
    "READING_OPTIONS",
    "READING_LABELS",
    "MATCH_NAMES",
    "PART_MEANINGS",
    "interval_parts",
    "show_parts",
    "interval_table",
    "cohens_d",
    "match_strip",
    "match_long",
    "cabral_smith_chart",
    "d_interval",
    "CABRAL_SMITH",
    "MATCH_COLUMNS",
]
