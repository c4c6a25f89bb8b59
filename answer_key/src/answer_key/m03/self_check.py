"""Module 03, exercise 5: the area each simulated client most needs to talk about."""

from __future__ import annotations

from course.grading import expect_labels
from course.modules.m03.self_check import (
    AREAS,
    SELF_CHECK_KEYS,
    area_means,
    self_check_clients,
)


def lowest_area(answers) -> str:
    """The area with the lowest mean answer: what to raise with the client first.

    >>> from course.modules.m03 import SELF_CHECK
    >>> answers = {q.key: 5 for q in SELF_CHECK}
    >>> answers["my_goals"] = 2
    >>> lowest_area(answers)
    'goals'
    """
    means = area_means(answers)
    return min(means, key=means.get)


def self_check_key(student_id: str) -> dict[str, str]:
    """The reference answer: each simulated client's lowest area.

    >>> sorted(self_check_key("trainee-01"))
    ['client_A', 'client_B', 'client_C']
    """
    table = self_check_clients(student_id)
    return {client: lowest_area(table.loc[client]) for client in table.index}


def self_check_rationales(student_id: str) -> dict[str, str]:
    """For each client, why their lowest area is the one to raise first."""
    table = self_check_clients(student_id)
    notes = {}
    for client in table.index:
        area = lowest_area(table.loc[client])
        low = [k for k in SELF_CHECK_KEYS if table.loc[client, k] <= 2]
        notes[client] = (
            f"their low answers ({', '.join(low)}) are all in the {area} area, about "
            f"{AREAS[area][0]}; look for the area whose questions sit low together (its "
            "average is the lowest), and do not let one middling answer elsewhere distract you."
        )
    return notes


def check_self_check(
    value, expected: dict[str, str], student_id: str, name: str = "first_to_raise"
) -> None:
    """Hidden-test check of the self-check item, with a reason per mislabelled client.

    >>> key = self_check_key("trainee-01")
    >>> check_self_check(key, key, "trainee-01")
    """
    expect_labels(value, expected, name, self_check_rationales(student_id))
