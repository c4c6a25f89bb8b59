"""Module 08 (practice lab): the reference answers for one trainee.

:func:`reference` is the one entry point of the hidden tests; the teaching checks
they call are in :mod:`~answer_key.m08.checks`. The calibration items are marked
against the trainee's own ratings (error carried forward), so the reference holds
the functions' inputs, not a fixed value.
"""

from __future__ import annotations

from dataclasses import dataclass

from answer_key.m08.checks import (
    ALERT_KEY,
    ALERT_WHY,
    BAND_CONCEPT,
    CLINIC_CONCEPT,
    REPAIR_CONCEPT,
    RULE_REASON_KEY,
    RULE_REASON_WHY,
    acceptable_rules,
    check_alert_reading,
    check_band,
    check_clinic_rule,
    check_reason,
    check_repair_choices,
    check_statements,
    expected_band,
    expected_statements,
    repairing_responses,
)
from course.grading.memo import per_notebook
from course.modules.m08 import alerts, repair


@dataclass(frozen=True)
class Reference:
    """What module 08's hidden tests expect of one trainee."""

    scenario_types: dict[str, str]  # marker label -> family, for the repair choices
    clinic_rules: list[dict]  # the rules Clinic A may choose on this caseload
    rule_reason: str
    alert_statements: dict[str, bool]


@per_notebook
def reference(student_id: str) -> Reference:
    """Module 08's expected answers for ``student_id``, computed once per graded notebook (course.grading.memo).

    >>> ref = reference("trainee-01")
    >>> sorted(ref.scenario_types), ref.rule_reason, ref.clinic_rules[0]["session"] in (2, 3, 4)
    (['M1', 'M2', 'M3', 'M4'], 'B', True)
    """
    scenario = repair.trainee_scenario(student_id)
    marked = scenario[scenario["marker"] != ""]
    return Reference(
        scenario_types=dict(zip(marked["marker"], marked["type"], strict=True)),
        clinic_rules=acceptable_rules(alerts.rule_table(alerts.trainee_caseload(student_id))),
        rule_reason=RULE_REASON_KEY,
        alert_statements=dict(ALERT_KEY),
    )


__all__ = [
    "Reference",
    "reference",
    "REPAIR_CONCEPT",
    "BAND_CONCEPT",
    "CLINIC_CONCEPT",
    "RULE_REASON_WHY",
    "ALERT_WHY",
    "repairing_responses",
    "check_repair_choices",
    "check_band",
    "check_statements",
    "expected_band",
    "expected_statements",
    "check_clinic_rule",
    "check_reason",
    "check_alert_reading",
]
