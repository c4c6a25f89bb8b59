"""Module 08: the keys of the judgement items and the teaching checks of the hidden tests.

Each check refuses anything that is not plain data (``course.grading.plain``),
names what was missed, and never gives the right answer away.
"""

from __future__ import annotations

from course.grading import CheckFailed, expect_choice, expect_keys, plain
from course.modules.m08 import calibration, repair
from course.psychometrics import landis_koch_band

# ---------------------------------------------------------------- repair practice

REPAIR_CONCEPT = (
    "At a rupture marker, turn toward the strain: acknowledge and explore it, talk about what is "
    "happening between you (metacommunicate), or, indirectly, change the task. Carrying on or "
    "justifying yourself leaves the rupture unrepaired (Safran & Muran, 2000; Eubanks et al., 2018)."
)


def repairing_responses(marker_type: str) -> list[str]:
    """The responses the rules file counts as a repair for ``marker_type``.

    >>> repairing_responses("withdrawal")
    ['acknowledge_explore', 'metacommunicate', 'change_task']
    """
    rules = repair.repair_rules()["rules"][marker_type]
    return [response for response, rule in rules.items() if rule["repairs"]]


def check_repair_choices(value, scenario_types: dict, name: str) -> None:
    """Every marker answered with a response the rules count as a repair.

    >>> check_repair_choices({"M1": "metacommunicate"}, {"M1": "withdrawal"}, "choices")
    >>> check_repair_choices({"M1": "carry_on"}, {"M1": "withdrawal"}, "choices")
    Traceback (most recent call last):
    ...
    course.grading.checks.CheckFailed: `choices`: 1 of 1 markers not repaired yet (M1, a withdrawal marker: A withdrawal that no one notices tends to deepen.). At a rupture marker, turn toward the strain: acknowledge and explore it, talk about what is happening between you (metacommunicate), or, indirectly, change the task. Carrying on or justifying yourself leaves the rupture unrepaired (Safran & Muran, 2000; Eubanks et al., 2018).
    """
    got = plain(value, name)
    expect_keys(got, list(scenario_types), name)
    rules = repair.repair_rules()["rules"]
    wrong = []
    for marker, kind in scenario_types.items():
        expect_choice(got[marker], list(repair.RESPONSES), f"{name}[{marker!r}]")
        if got[marker] not in repairing_responses(kind):
            wrong.append(f"{marker}, a {kind} marker: {rules[kind][got[marker]]['why']}")
    if wrong:
        raise CheckFailed(
            f"`{name}`: {len(wrong)} of {len(scenario_types)} markers not repaired yet "
            f"({'; '.join(wrong)}). {REPAIR_CONCEPT}"
        )


# --------------------------------------------------------------------- calibration

RATE_FIRST = (
    "Rate every excerpt first: `my_markers` and `my_strength` need a label and a strength for "
    "each of E1 to E12, and this answer is marked against your own ratings."
)
BAND_CONCEPT = (
    "Read your kappa from the calibration table and find its range in Landis and Koch's labels: "
    "below 0 poor, up to .20 slight, .21-.40 fair, .41-.60 moderate, .61-.80 substantial, above "
    ".80 almost perfect."
)
CALIBRATION_WHY = {
    "K1": "Compare the lower end of your kappa's interval (ci_low) with .40.",
    "K2": "Compare the lower end of your ICC's interval (ci_low) with .75: the whole interval counts.",
    "K3": "Landis and Koch proposed the labels as a convention for describing agreement, not a standard.",
    "K4": (
        "This ICC measures absolute agreement: a rater who is always one point higher agrees in "
        "rank but not in value, and the ICC counts that gap against them."
    ),
    "K5": "That is what kappa is: observed agreement corrected for chance agreement (Cohen, 1960).",
}


def own_agreement(markers, strength):
    """The trainee's kappa and ICC against the key, or CheckFailed when the ratings are unusable."""
    try:
        ratings = plain(markers, "my_markers"), plain(strength, "my_strength")
        return calibration.agreement(*ratings)
    except (CheckFailed, ValueError, TypeError, KeyError):
        raise CheckFailed(RATE_FIRST) from None


def expected_band(markers, strength) -> str:
    """The Landis and Koch label of the trainee's own kappa (error carried forward)."""
    kappa, _ = own_agreement(markers, strength)
    return landis_koch_band(round(kappa.estimate, 3))


def expected_statements(markers, strength) -> dict[str, bool]:
    """The truth of K1-K5 for the trainee's own ratings."""
    kappa, icc = own_agreement(markers, strength)
    return {
        "K1": round(kappa.ci_low, 3) < 0.40,
        "K2": round(icc.ci_low, 3) >= 0.75,
        "K3": True,
        "K4": False,
        "K5": True,
    }


def check_band(value, markers, strength, name: str) -> None:
    """The band of the trainee's own kappa."""
    expected = expected_band(markers, strength)
    got = plain(value, name)
    if got != expected:
        raise CheckFailed(f"`{name}` is not right yet. {BAND_CONCEPT}")


def check_statements(value, markers, strength, name: str) -> None:
    """K1-K5 judged against the trainee's own calibration table."""
    expected = expected_statements(markers, strength)
    got = plain(value, name)
    expect_keys(got, list(expected), name)
    wrong = [k for k in expected if got[k] is not expected[k]]
    if wrong:
        notes = " ".join(f"{k}: {CALIBRATION_WHY[k]}" for k in wrong[:3])
        raise CheckFailed(f"`{name}`: {len(wrong)} of {len(expected)} not right yet. {notes}")


# --------------------------------------------------------------------------- alerts

CLINIC_SHARE = 2 / 3
CLINIC_CONCEPT = (
    "Clinic A wants at least two in three of the clients headed for a poor outcome caught "
    "(caught >= 0.667), and among the rules that do so, the fewest false alarms; if no rule "
    "reaches two in three, the one that catches the most."
)
RULE_REASON_KEY = "B"
RULE_REASON_WHY = {
    "A": "The simulator knows each client's outcome exactly: that is what lets you count misses.",
    "C": "No published cut-off is involved: the percentile is a setting of the course's alert rule.",
    "D": "An alert is a probability, not a certainty: some flagged clients recover anyway.",
}
ALERT_KEY = {"A1": True, "A2": False, "A3": True, "A4": True, "A5": False}
ALERT_WHY = {
    "A1": "Hannan et al. (2005) contrast clinicians' poor predictions with formal progress rules.",
    "A2": "An alert is a prompt to review progress with the client and in supervision, not a verdict.",
    "A3": "The reference sample is simulated by the course; it is not a published norm.",
    "A4": "Shimokawa et al. (2010) report feedback effects especially for signal-alarm patients.",
    "A5": "The alert opens a conversation with the client; it does not replace it.",
}


def acceptable_rules(table) -> list[dict]:
    """The rules Clinic A may choose on this caseload (ties in false alarms all count)."""
    qualified = table[table["caught"] >= round(CLINIC_SHARE, 3)]
    if qualified.empty:
        qualified = table[table["caught"] == table["caught"].max()]
    best = qualified[qualified["false_alarms"] == qualified["false_alarms"].min()]
    return [
        {"session": int(row.session), "percentile": int(row.percentile)}
        for row in best.itertuples()
    ]


def check_clinic_rule(value, acceptable: list[dict], name: str) -> None:
    """The chosen rule is one Clinic A's criterion picks on the trainee's caseload."""
    got = plain(value, name)
    expect_keys(got, ["session", "percentile"], name)
    if got not in acceptable:
        raise CheckFailed(f"`{name}` is not right yet. {CLINIC_CONCEPT}")


def check_reason(value, expected: str, name: str) -> None:
    """Exercise 8: the letter that explains Clinic A's choice, or why another is wrong.

    >>> check_reason("B", "B", "reason")
    >>> check_reason("C", "B", "reason")
    Traceback (most recent call last):
    ...
    course.grading.checks.CheckFailed: `reason` is not right yet: No published cut-off is involved: the percentile is a setting of the course's alert rule.
    """
    from course.modules.m08 import RULE_REASONS

    expect_choice(value, list(RULE_REASONS), name)
    got = plain(value, name)
    if got != expected:
        raise CheckFailed(f"`{name}` is not right yet: {RULE_REASON_WHY.get(got, '')}".strip())


def check_alert_reading(value, expected: dict, name: str) -> None:
    """Exercise 9: each statement's truth, with the reason for each one missed."""
    from course.grading import expect_labels

    expect_labels(value, expected, name, ALERT_WHY)
