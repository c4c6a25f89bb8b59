"""Module 03: the vignettes of exercises 1-3, shown under neutral labels.

Every trainee sorts the same author-chosen vignettes (listed by bank id in
:data:`GRADED_IDS`, in a fixed order): a model answer is then a literal dict a
strong trainee could write from the cards alone, and per-trainee variation lives
in the caseload, the self-check clients and the option order of the
multiple-choice items. The key and its teaching check are in the grading-only
``answer_key.m03``.
"""

from __future__ import annotations

from course.vignettes import Vignette, bank

MODULE = "03-client-perspective"

QUALITY_LABELS = [
    "mutual_empathy",
    "goal_consensus",
    "positive_regard",
    "collaboration",
    "congruence",
    "trust",
    "comfort",
    "respect",
    "mutual_understanding",
    "confidence",
    "positive_feelings",
    "acceptance_care",
]
THEME_LABELS = [
    "assessing_match",
    "facilitating_openness",
    "connecting_deeper",
    "empowerment_through_respect",
]
MATCH_LABELS = ["gender", "ses", "religion", "race_ethnicity_culture", "valued_difference"]

# The graded vignettes of each family, in display order: six different qualities
# (pairs that are easily confused, such as mutual empathy and mutual
# understanding, side by side), two per theme, and one per match dimension. The
# theme set uses the two "assessing the match" vignettes that carry no
# match_dimension tag, so no text appears in two exercises.
GRADED_IDS: dict[str, tuple[str, ...]] = {
    "quality": (
        "qual-cong-003",
        "qual-trust-002",
        "qual-col-002",
        "qual-acc-002",
        "qual-emp-002",
        "qual-und-003",
    ),
    "theme": (
        "pers-open-003",
        "pers-emp-003",
        "pers-match-016",
        "pers-deep-001",
        "pers-emp-001",
        "pers-open-006",
        "pers-deep-006",
        "pers-match-017",
    ),
    "match_dimension": (
        "pers-match-008",
        "pers-match-004",
        "pers-match-015",
        "pers-match-002",
        "pers-match-010",
    ),
}
# Vignettes are shown under neutral labels (Q1, T1, M1, ...): the bank's ids name
# the concept (``qual-trust-001``, ``pers-open-003``) and would give the answer away.
PREFIXES = {"quality": "Q", "theme": "T", "match_dimension": "M"}


def labelled_ids(family: str) -> dict[str, str]:
    """The bank ids of the graded vignettes for ``family`` under neutral labels, in display order.

    >>> list(labelled_ids("theme"))
    ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8']
    """
    prefix = PREFIXES[family]
    return {f"{prefix}{n}": i for n, i in enumerate(GRADED_IDS[family], start=1)}


def vignette_cards(labelled: dict[str, Vignette]):
    """The vignettes as Markdown cards: label, who speaks and the text only.

    Bank ids, tags and rationales are left out.

    >>> text = exercise_vignettes("quality")[1].data
    >>> text.count("**Q"), "qual-" in text
    (6, False)
    """
    from IPython.display import Markdown

    who = {"scene": "a scene", "client": "a client", "therapist": "a counsellor"}
    cards = []
    for label, vignette in labelled.items():
        lines = [line.strip() for line in vignette.text.splitlines() if line.strip()]
        body = "  \n> ".join(lines)
        cards.append(f"**{label}** ({who.get(vignette.speaker, vignette.speaker)})\n> {body}")
    return Markdown("\n\n".join(cards))


def exercise_vignettes(family: str):
    """The labels of the graded vignettes for ``family`` and their Markdown cards.

    Only neutral labels and texts reach the notebook, not the tagged vignette objects.

    >>> labels, cards = exercise_vignettes("match_dimension")
    >>> labels, all(f"**{label}**" in cards.data for label in labels)
    (['M1', 'M2', 'M3', 'M4', 'M5'], True)
    """
    loaded = bank()
    labelled = {label: loaded.get(i) for label, i in labelled_ids(family).items()}
    return list(labelled), vignette_cards(labelled)
