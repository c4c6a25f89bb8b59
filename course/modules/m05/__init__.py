"""Module 05 (reliability and change): what the notebook shows and imports.

- the trainee's simulated tables (:func:`caseload_for`, :func:`wai_at_session`,
  :func:`phq9_trajectories`, :func:`item9_trajectories`), the intake mean and SD, and
  the published values the module uses, each with its source (:mod:`.data`);
- the simulator's planted sudden gains and the table that sets them beside the
  trainee's (:func:`planted_sudden_gains`, :func:`compare_sudden_gains`);
- the tables a trainee reads before answering: alpha's parts and intervals, the item
  table, each chosen client's change in points and RCI, item 9's history, sudden-gain
  pairs (:mod:`.shown`);
- the trajectory chart (:func:`trajectory_chart`, :func:`chart_clients`) and the two
  practice widgets (:func:`rci_explorer`, :func:`noise_simulator`).

Reference answers and the teaching checks of the hidden tests are in the
grading-only ``answer_key.m05``. All client data are simulated.
"""

from __future__ import annotations

from course.modules.m05.chart import (
    ITEM9_COLOURS,
    chart_clients,
    illustrative_clients,
    trajectory_chart,
    trajectory_frame,
)
from course.modules.m05.data import (
    ALPHA_SESSION,
    GENERAL_POPULATION_MEAN,
    GENERAL_POPULATION_SD,
    LABELS,
    MODULE,
    PHQ9_CUTOFF,
    PHQ9_RELIABILITY,
    WAI_ITEMS,
    bond_items,
    caseload_for,
    compare_sudden_gains,
    intake_mean,
    intake_sd,
    item9_trajectories,
    last_scores,
    phq9_trajectories,
    planted_sudden_gains,
    wai_at_session,
)
from course.modules.m05.shown import (
    CASE_LABELS,
    CRITERION_LABELS,
    DIP_PREGAIN,
    DIP_SCORES,
    OUTCOME_LABELS,
    READING_LABELS,
    alpha_parts,
    alpha_table,
    caseload_changes,
    change_parts,
    interval_pairs,
    item9_history,
    item_table,
)
from course.modules.m05.widget import (
    describe_noise,
    explain_change,
    noise_simulator,
    noisy_scores,
    rci_explorer,
    share_with_big_drop,
)

__all__ = [
    "MODULE",
    "WAI_ITEMS",
    "ALPHA_SESSION",
    "PHQ9_RELIABILITY",
    "PHQ9_CUTOFF",
    "GENERAL_POPULATION_MEAN",
    "GENERAL_POPULATION_SD",
    "LABELS",
    "bond_items",
    "caseload_for",
    "wai_at_session",
    "phq9_trajectories",
    "item9_trajectories",
    "intake_sd",
    "intake_mean",
    "last_scores",
    "planted_sudden_gains",
    "compare_sudden_gains",
    "CASE_LABELS",
    "CRITERION_LABELS",
    "DIP_SCORES",
    "DIP_PREGAIN",
    "OUTCOME_LABELS",
    "READING_LABELS",
    "alpha_parts",
    "alpha_table",
    "item_table",
    "change_parts",
    "caseload_changes",
    "item9_history",
    "interval_pairs",
    "ITEM9_COLOURS",
    "trajectory_frame",
    "trajectory_chart",
    "chart_clients",
    "illustrative_clients",
    "rci_explorer",
    "explain_change",
    "noise_simulator",
    "noisy_scores",
    "share_with_big_drop",
    "describe_noise",
]
