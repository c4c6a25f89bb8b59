"""Module 08 (practice lab): what the notebook shows and imports.

- the rupture-repair practice: the trainee's simulated client, the rules kept in
  ``course/data/practice/repair_rules.yaml`` and how the client responds to each
  choice (:mod:`.repair`);
- rater calibration: the excerpts to rate and the trainee's agreement with the
  course's key, kappa and ICC with confidence intervals (:mod:`.calibration`);
- not-on-track alerts: expected-treatment-response lines from a simulated
  reference sample and every offered rule's hits, misses and false alarms on the
  trainee's caseload (:mod:`.alerts`);
- the statements and options of the judgement items (:mod:`.worked`), the charts
  and the two practice widgets (:mod:`.views`).

Reference answers and the checks of the hidden tests are in the grading-only
``answer_key.m08``. All client data are simulated.
"""

from __future__ import annotations

from course.labelled import option_list as statements_markdown
from course.modules.m08.alerts import (
    CHECK_SESSIONS,
    PERCENTILES,
    POOR_OUTCOME,
    alert_frame,
    boundary,
    expected_curves,
    rule_counts,
    rule_table,
    trainee_caseload,
)
from course.modules.m08.calibration import (
    MARKER_CHOICES,
    STRENGTHS,
    calibration_table,
    course_key,
    excerpt_ids,
    excerpts_markdown,
    koo_li_band,
    show_calibration,
    side_by_side,
)
from course.modules.m08.repair import (
    MARKER_TYPES,
    MODULE,
    RESPONSES,
    client_response,
    play_scenario,
    repair_rules,
    responses_markdown,
    rules_table,
    trainee_scenario,
)
from course.modules.m08.views import alert_chart, alert_explorer, repair_practice
from course.modules.m08.worked import (
    ALERT_STATEMENTS,
    CALIBRATION_STATEMENTS,
    RULE_REASONS,
)

__all__ = [
    "MODULE",
    "MARKER_TYPES",
    "RESPONSES",
    "repair_rules",
    "rules_table",
    "responses_markdown",
    "trainee_scenario",
    "client_response",
    "play_scenario",
    "MARKER_CHOICES",
    "STRENGTHS",
    "excerpt_ids",
    "excerpts_markdown",
    "course_key",
    "calibration_table",
    "side_by_side",
    "show_calibration",
    "koo_li_band",
    "CHECK_SESSIONS",
    "PERCENTILES",
    "POOR_OUTCOME",
    "trainee_caseload",
    "expected_curves",
    "boundary",
    "alert_frame",
    "rule_counts",
    "rule_table",
    "alert_chart",
    "alert_explorer",
    "repair_practice",
    "CALIBRATION_STATEMENTS",
    "RULE_REASONS",
    "ALERT_STATEMENTS",
    "statements_markdown",
]
