"""Module 03: the vignettes of exercises 1-3, shown under neutral labels.

Every trainee sorts the same author-chosen vignettes (listed by bank id in
:data:`GRADED_IDS`, in a fixed order): a model answer is then a literal dict a
strong trainee could write from the cards alone, and per-trainee variation lives
in the caseload, the self-check clients and the option order of the
multiple-choice items. The key and its teaching check are in the grading-only
``answer_key.m03``.
"""

from __future__ import annotations

from course.vignettes import VignetteText, graded_texts

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
        "card-001",
        "card-002",
        "card-003",
        "card-004",
        "card-005",
        "card-006",
    ),
    "theme": (
        "card-007",
        "card-008",
        "card-009",
        "card-010",
        "card-011",
        "card-012",
        "card-013",
        "card-014",
    ),
    "match_dimension": (
        "card-015",
        "card-016",
        "card-017",
        "card-018",
        "card-019",
    ),
}
# Graded vignettes are cards whose ids say nothing (``card-007``); the trainee package
# holds only their texts (course/data/vignettes/graded.yaml), shown under neutral labels.
PREFIXES = {"quality": "Q", "theme": "T", "match_dimension": "M"}


def labelled_ids(family: str) -> dict[str, str]:
    """The bank ids of the graded vignettes for ``family`` under neutral labels, in display order.

    >>> list(labelled_ids("theme"))
    ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8']
    """
    prefix = PREFIXES[family]
    return {f"{prefix}{n}": i for n, i in enumerate(GRADED_IDS[family], start=1)}


def vignette_cards(labelled: dict[str, VignetteText]):
    """The vignettes as Markdown cards: label, who speaks and the text only.

    Bank ids, tags and rationales are left out.

    >>> text = exercise_vignettes("quality")[1].data
    >>> text.count("**Q"), "card-" in text
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
    texts = graded_texts()
    labelled = {label: texts[i] for label, i in labelled_ids(family).items()}
    return list(labelled), vignette_cards(labelled)
