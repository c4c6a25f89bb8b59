"""Module 06, exercises 4 and 6: the keys of the two statement-judging items.

Exercise 4 shows every trainee the same four claims (:data:`course.modules.m06.CLAIMS`,
text only); their labels and the feedback on each are here, in the authored
bank :data:`CLAIM_BANK` from which those four were chosen. Exercise 6 shows the
same four readings of the decomposition (:data:`course.modules.m06.READINGS`);
two are decided by the trainee's own slopes, as the worked example shows them
(a ``rule``), two could not be shown by any analysis of this kind (``rule`` is
None), so that key still differs from trainee to trainee.
"""

from __future__ import annotations

from dataclasses import dataclass

from course.modules.m06 import CLAIMS, READINGS

# ------------------------------------------------- statements to judge (ex 4)


@dataclass(frozen=True)
class Claim:
    """A claim a trainee labels; ``label`` is its key, ``rationale`` the feedback."""

    id: str
    text: str
    label: str
    rationale: str


CLAIM_BANK: tuple[Claim, ...] = (
    Claim(
        "c05",
        "On average, clients who rated the alliance more highly over their first three "
        "sessions had improved more by their last session.",
        "supported",
        "This is what a positive correlation says: a tendency across clients, nothing more.",
    ),
    Claim(
        "c11",
        "Early alliance goes with less than a fifth of the differences in how much "
        "clients improved.",
        "supported",
        "r squared is the share of outcome variance that goes with alliance; for r near .28 "
        "it is about 8%, well under a fifth.",
    ),
    Claim(
        "c02",
        "A client's early alliance rating carries some information about how therapy is "
        "likely to go, so it is worth collecting alongside symptom measures.",
        "supported",
        "A modest but reliable association makes the rating a useful signal to monitor, "
        "without claiming it causes or fixes the outcome.",
    ),
    Claim(
        "c08",
        "Because early alliance predicts outcome, a workshop that raises clients' alliance "
        "ratings will raise the clinic's recovery rate.",
        "causal_leap",
        "A correlation does not show that changing the alliance changes outcomes; only "
        "a design that manipulates the alliance could show that.",
    ),
    Claim(
        "c01",
        "The clinic's data prove that a strong alliance is what makes therapy work.",
        "causal_leap",
        "Observational data show an association; 'prove' and 'what makes it work' are "
        "causal claims the correlation cannot carry.",
    ),
    Claim(
        "c10",
        "Clients with weak early alliances improved less, so their weak alliance is the "
        "reason they did not get better.",
        "causal_leap",
        "Other things (severity, life events, the therapist) can lower both; the data "
        "cannot single out the alliance as the reason.",
    ),
    Claim(
        "c04",
        "Alliance was rated in sessions 1-3, before the final outcome, so the client's "
        "improvement cannot have influenced their alliance rating.",
        "early_change",
        "Outcome change is counted from session 1, so improvement in sessions 1-3 is part "
        "of it, and feeling better early can raise the alliance rating: rated before the "
        "end is not rated before the change began. Early change can run into the alliance.",
    ),
    Claim(
        "c12",
        "Clients who felt much better by their third session rated the alliance highly, "
        "but that cannot be part of the reason early alliance predicts the final outcome.",
        "early_change",
        "Early improvement can lift both the alliance rating and the final outcome, so it "
        "can carry part of the association. Early change can run into the alliance.",
    ),
    Claim(
        "c07",
        "The early alliance score is independent of how much a client had already "
        "improved, so the association reflects the alliance alone.",
        "early_change",
        "Early symptom change and the alliance influence each other in the first sessions "
        "(Flückiger et al. 2020); the score is not independent of early change. Early change "
        "can run into the alliance.",
    ),
    Claim(
        "c03",
        "A client whose early alliance is in the clinic's top tenth will almost certainly "
        "finish among the most improved.",
        "individual_prediction",
        "With r near .28 most of the variation in outcome lies elsewhere; many clients with "
        "high alliance improve only a little.",
    ),
    Claim(
        "c09",
        "A client whose early alliance is below the clinic average should be told that "
        "therapy is unlikely to help them.",
        "individual_prediction",
        "A modest correlation cannot forecast one client's outcome, and saying so could "
        "itself harm the work; a low rating is a prompt to talk about the relationship.",
    ),
    Claim(
        "c06",
        "With r around .28 we can rank next month's new clients by their session-3 alliance "
        "and know in advance which of them will recover.",
        "individual_prediction",
        "r near .28 leaves over 90% of outcome variance unexplained; such a ranking would "
        "often be wrong for individual clients.",
    ),
)


def claim_key() -> dict[str, str]:
    """Answer key ``{claim id: label}`` of the claims shown in exercise 4, in the order shown.

    >>> list(claim_key().values())
    ['causal_leap', 'supported', 'early_change', 'individual_prediction']
    """
    bank = {c.id: c for c in CLAIM_BANK}
    return {shown.id: bank[shown.id].label for shown in CLAIMS}


def claim_rationales() -> dict[str, str]:
    """Feedback ``{claim id: rationale}`` for the hidden test's message."""
    return {c.id: c.rationale for c in CLAIM_BANK}


# ----------------------------------------- reading the decomposition (ex 6)


@dataclass(frozen=True)
class Reading:
    """A reading of the decomposition. ``rule`` decides it from the numbers, or is None."""

    id: str
    text: str
    rationale: str
    rule: str | None = None  # name of a check in _RULES; None means "not_shown"


_RULES = {
    "twice": lambda s, r: s["between"] > 2 * s["within"],
    "within_bigger": lambda s, r: s["within"] > s["between"],
    "between_over_r": lambda s, r: s["between"] > r,
    "within_over_quarter": lambda s, r: s["within"] > 0.25,
}

READING_BANK: tuple[Reading, ...] = (
    Reading(
        "r4",
        "In your caseload the between-therapist slope is more than twice the "
        "within-therapist slope.",
        "Compare the two slopes of the worked example directly: is between > 2 x within?",
        "twice",
    ),
    Reading(
        "r7",
        "In your caseload a client who rates the alliance 1 SD above their own therapist's "
        "average is expected to improve by more than 0.25 outcome SD more than that "
        "therapist's other clients.",
        "That is the within-therapist slope read in words: is it above 0.25?",
        "within_over_quarter",
    ),
    Reading(
        "r2",
        "In your caseload the within-therapist slope is larger than the between-therapist slope.",
        "Compare the two slopes of the worked example.",
        "within_bigger",
    ),
    Reading(
        "r5",
        "In your caseload the between-therapist slope is larger than the overall "
        "alliance-outcome correlation r.",
        "Compare the between slope with your r from exercise 1; the overall r mixes the "
        "two slopes, weighted by where the alliance variance lies.",
        "between_over_r",
    ),
    Reading(
        "r1",
        "Moving a client to a therapist whose clients report stronger alliances would raise "
        "that client's improvement by the between-therapist slope.",
        "The slopes describe how outcomes differ between therapists' caseloads as they are; "
        "what happens when a client is moved is a causal question they cannot answer.",
    ),
    Reading(
        "r6",
        "Therapists whose clients report stronger alliances are more skilled at forming "
        "alliances, and that skill is what produces their clients' better outcomes.",
        "A therapist's mean alliance can also reflect their caseload (for example less "
        "severe clients, who both bond and improve more easily); the data cannot say why.",
    ),
    Reading(
        "r3",
        "Training every therapist up to the alliance level of the best therapists would "
        "raise the clinic's outcomes by the between slope times the gap.",
        "That predicts the effect of an intervention; an observational decomposition "
        "cannot, only a trial of the training could.",
    ),
)


def reading_key(
    slopes: dict, r: float, ids: list[str] | tuple[str, ...] | None = None
) -> dict[str, str]:
    """Answer key ``{id: "true" | "false" | "not_shown"}`` for a trainee's numbers.

    ``ids`` defaults to the readings shown in exercise 6, in the order shown.

    >>> key = reading_key({"between": 0.6, "within": 0.2}, 0.28, [r.id for r in READING_BANK])
    >>> key["r4"], key["r7"], key["r2"], key["r5"], key["r1"]
    ('true', 'false', 'false', 'true', 'not_shown')
    >>> reading_key({"between": 0.6, "within": 0.2}, 0.28)
    {'r4': 'true', 'r1': 'not_shown', 'r7': 'false', 'r6': 'not_shown'}
    """
    bank = {r.id: r for r in READING_BANK}
    key = {}
    for reading_id in [r.id for r in READINGS] if ids is None else ids:
        rule = bank[reading_id].rule
        if rule is None:
            key[reading_id] = "not_shown"
        else:
            key[reading_id] = "true" if _RULES[rule](slopes, r) else "false"
    return key


def reading_rationales() -> dict[str, str]:
    """Feedback ``{reading id: rationale}`` for the hidden test's message."""
    return {r.id: r.rationale for r in READING_BANK}
