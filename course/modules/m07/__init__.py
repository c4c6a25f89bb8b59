"""Module 07 (ruptures, repair and monitoring): what the notebook shows and imports.

- the trainee's simulated caseload and its session tables, with the constants of
  the course's rupture and dashboard rules (:mod:`.data`);
- the rupture vignettes of exercises 1 and 2, the same for every trainee, shown
  as label and text only (:mod:`.vignettes`);
- the case client of exercises 3-4 and the capstone, its summary and safety note
  (:mod:`.case`);
- the trajectory examples of exercise 5 and the week-4 clients of exercise 9,
  with the dashboard rule (:mod:`.shown`);
- the tables of the worked examples (the rupture rule's baseline and drops, the
  fitted curves, outcome by trajectory, repairs per client, the week-4 scores),
  the options of exercises 6 and 8 and the responses of exercise 11
  (:mod:`.worked`): the analyses a trainee runs and reads, so that every graded
  answer is a judgement written into a starter;
- the charts (:mod:`.chart`) and the practice monitoring dashboard (:mod:`.widget`).

Reference answers, the vignettes' labels and rationales, the teaching feedback
and the checks of the hidden tests are in the grading-only ``answer_key.m07``.
All client data are simulated.
"""

from __future__ import annotations

from course.labelled import show_options
from course.modules.m07.case import (
    case_client_id,
    case_record,
    case_sessions,
    case_summary,
    choose_case_client,
    running_baseline,
    safety_note,
    safety_sessions,
)
from course.modules.m07.chart import alliance_with_baseline, monitoring_chart, trajectory_panels
from course.modules.m07.data import (
    EXAMPLE_LETTERS,
    FIRST_CHECKED_SESSION,
    MODULE,
    ORS_CUTOFF,
    ORS_RELIABLE_CHANGE,
    RECORD_COLUMNS,
    REPAIR_WINDOW,
    RUPTURE_DROP,
    SNAPSHOT_SESSION,
    SRS_CONCERN,
    TRAJECTORIES,
    TRIAGE_LABELS,
    client_record,
    session_table,
    trainee_caseload,
)
from course.modules.m07.shown import (
    monitoring_table,
    trajectory_examples,
    trajectory_frame,
    triage_clients,
    triage_label,
)
from course.modules.m07.vignettes import (
    N_MARKERS,
    N_SCENES,
    VIGNETTE_PREFIXES,
    Item,
    exercise_vignettes,
    vignette_labels,
    vignette_markdown,
)
from course.modules.m07.widget import dashboard_summary, monitoring_dashboard
from course.modules.m07.worked import (
    ADVANTAGE_OPTIONS,
    REPAIR_R_OPTIONS,
    SAFETY_STATEMENTS,
    curve_summary,
    outcome_by_trajectory,
    repair_table,
    rupture_table,
    safety_statements_markdown,
    triage_labels_shown,
    week4_table,
)

__all__ = [
    "MODULE",
    "RUPTURE_DROP",
    "FIRST_CHECKED_SESSION",
    "REPAIR_WINDOW",
    "SRS_CONCERN",
    "ORS_CUTOFF",
    "ORS_RELIABLE_CHANGE",
    "SNAPSHOT_SESSION",
    "TRAJECTORIES",
    "TRIAGE_LABELS",
    "EXAMPLE_LETTERS",
    "RECORD_COLUMNS",
    "trainee_caseload",
    "session_table",
    "client_record",
    "VIGNETTE_PREFIXES",
    "N_MARKERS",
    "N_SCENES",
    "Item",
    "vignette_labels",
    "vignette_markdown",
    "exercise_vignettes",
    "running_baseline",
    "choose_case_client",
    "case_client_id",
    "case_record",
    "case_summary",
    "case_sessions",
    "safety_sessions",
    "safety_note",
    "trajectory_examples",
    "trajectory_frame",
    "triage_label",
    "monitoring_table",
    "triage_clients",
    "alliance_with_baseline",
    "trajectory_panels",
    "monitoring_chart",
    "dashboard_summary",
    "monitoring_dashboard",
    "rupture_table",
    "curve_summary",
    "outcome_by_trajectory",
    "repair_table",
    "triage_labels_shown",
    "week4_table",
    "ADVANTAGE_OPTIONS",
    "REPAIR_R_OPTIONS",
    "show_options",
    "SAFETY_STATEMENTS",
    "safety_statements_markdown",
]
