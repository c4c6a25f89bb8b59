"""Module 02, exercises 1-4: the key of the vignette sorting and its teaching check.

The graded vignettes are the same sixteen for every trainee (:data:`GRADED_IDS`);
their tags are read from a freshly loaded bank (:func:`exercise_key`), and a miss
is explained with each vignette's rationale and the distinction the family turns
on (:data:`FAMILY_CONCEPTS`).
"""

from __future__ import annotations

from answer_key.labelling import check_sorted, label_key, label_rationales
from answer_key.vignettes import fresh_bank
from course.modules.m02.vignettes import GRADED, LABELS
from course.vignettes import Vignette

#: The graded cards of each exercise, in the order shown (A to D): see course.modules.m02.
#: Each set is balanced over its family's values, no card is in two exercises, and the
#: answers do not follow one pattern across sets. Stance A is a gently worded challenge.
GRADED_IDS = GRADED

#: What each classification asks the trainee to notice; ends every failure message.
FAMILY_CONCEPTS = {
    "use": (
        "Ask what the therapist is doing with the relationship at that moment: naming a "
        "strain between the two of them (address a relationship problem), questioning a "
        "habit of the client's as it shows up with the therapist (challenge a maladaptive "
        "pattern), settling a difference in a way the client can copy elsewhere (model "
        "interpersonal resolution), or telling the client how they come across (feedback)."
    ),
    "stance": (
        "Stance is about direction, not tone: a confronting or challenging stance questions "
        "the client's thinking or behaviour, however gently; a supporting or empowering "
        "stance affirms the client and strengthens their own agency."
    ),
    "purpose": (
        "Purpose asks where the work is headed: exploring what happens between client and "
        "therapist as the work itself (process the relationship), or using the relationship "
        "as a base for a change outside the room (promote change)."
    ),
    "corrective_experience": (
        "A corrective experience needs three things: an old relational expectation, a "
        "therapist response that differs from it, and the client feeling the difference. "
        "Kind, useful work without all three is not one."
    ),
}


def labelled_vignettes(family: str) -> dict[str, Vignette]:
    """The graded vignettes of ``family`` under their labels A-D, freshly loaded.

    Read from disk now, not from the kernel's cached bank, so that nothing an
    answer cell does to the objects the notebook showed can change a key.

    >>> [v.id for v in labelled_vignettes("purpose").values()][:2]
    ['card-039', 'card-040']
    """
    fresh = fresh_bank()
    return {label: fresh.get(i) for label, i in zip(LABELS, GRADED_IDS[family], strict=True)}


def exercise_key(family: str) -> dict[str, object]:
    """The correct value of each labelled vignette of one exercise.

    >>> key = exercise_key("corrective_experience")
    >>> sorted(key), sorted(key.values())
    (['A', 'B', 'C', 'D'], [False, False, True, True])
    """
    return label_key(labelled_vignettes(family), family)


def rationales(family: str) -> dict[str, str]:
    """The one-sentence rationale of each labelled vignette of one exercise."""
    return label_rationales(labelled_vignettes(family))


def check_labels(answer, expected: dict[str, object], family: str, name: str) -> None:
    """Hidden-test check of one classification exercise; teaches with rationales.

    Raises :class:`course.grading.CheckFailed` whose message names the
    mislabelled vignettes, why each carries its tag, and the distinction the
    family turns on. ``expected`` is the key from :func:`reference`; it must
    agree with the freshly loaded bank.

    >>> key = exercise_key("purpose")
    >>> check_labels(key, key, "purpose", "purpose_labels")
    >>> wrong = {k: "promote_change" for k in LABELS}
    >>> check_labels(wrong, key, "purpose", "purpose_labels")
    Traceback (most recent call last):
    ...
    course.grading.checks.CheckFailed: `purpose_labels`: 2 of 4 not right yet. ...
    """
    labelled = labelled_vignettes(family)
    if label_key(labelled, family) != expected:
        raise ValueError(f"the {family} key does not match the vignette bank")
    check_sorted(answer, labelled, family, name, FAMILY_CONCEPTS[family])
