"""Module 03, exercises 1-3: the key of the vignette sorting and its teaching check."""

from __future__ import annotations

from answer_key.labelling import label_key, label_rationales
from answer_key.vignettes import fresh_bank
from course.grading import CheckFailed, expect_labels
from course.modules.m03.vignettes import labelled_ids
from course.vignettes import Vignette

# One reminder per family, added to every failure message so that the trainee
# also sees the distinction that is most often missed.
REMINDERS = {
    "quality": (
        "Ask what the words show: feeling *with* each other (mutual empathy), the same aims "
        "(goal consensus), warm esteem (positive regard), shared work (collaboration), being "
        "real (congruence), reliability and safety (trust), ease (comfort), being taken "
        "seriously (respect), shared meaning (mutual understanding), belief in each other's "
        "capacity (confidence), liking therapist and therapy (positive feelings), being "
        "welcome as one is (acceptance and care)."
    ),
    "theme": (
        "Openness is about feeling safe to disclose without judgment; connecting on a deeper "
        "level is about feeling truly understood or cared for; empowerment through respect "
        "is about power (who sets the pace, who decides, knowing one's rights); assessing "
        "the match is the client weighing up whether this counsellor fits their needs."
    ),
    "match_dimension": (
        "Name the characteristic the client weighs: gender, socioeconomic status (class, "
        "money), religion, race/ethnicity/culture, or a difference the client values "
        "because it brings another viewpoint."
    ),
}


def labelled_vignettes(family: str) -> dict[str, Vignette]:
    """The graded vignettes for ``family`` under their neutral labels, from a freshly loaded bank.

    >>> list(labelled_vignettes("match_dimension"))
    ['M1', 'M2', 'M3', 'M4', 'M5']
    """
    fresh = fresh_bank()
    return {label: fresh.get(i) for label, i in labelled_ids(family).items()}


def exercise_key(family: str) -> dict[str, str]:
    """The reference answer: each neutral label mapped to its vignette's ``family`` value.

    The values are read from a freshly loaded bank (see :mod:`answer_key.labelling`).

    >>> exercise_key("match_dimension")["M1"]
    'religion'
    >>> sorted(exercise_key("match_dimension").values()) == sorted(
    ...     ["gender", "ses", "religion", "race_ethnicity_culture", "valued_difference"])
    True
    """
    return label_key(labelled_vignettes(family), family)


def check_labels(value, expected: dict[str, str], family: str, name: str) -> None:
    """Hidden-test check: every graded vignette of ``family`` labelled as ``expected`` says.

    The message names up to three mislabelled vignettes with the rationale of
    each, then the family's reminder.

    >>> key = exercise_key("theme")
    >>> check_labels(key, key, "theme", "theme_labels")
    >>> check_labels({k: "assessing_match" for k in key}, key, "theme", "theme_labels")
    Traceback (most recent call last):
    ...
    course.grading.checks.CheckFailed: `theme_labels`: 6 of 8 not right yet. ...
    """
    rationales = label_rationales(labelled_vignettes(family))
    try:
        expect_labels(value, expected, name, rationales)
    except CheckFailed as failure:
        raise CheckFailed(f"{failure} {REMINDERS[family]}") from None
