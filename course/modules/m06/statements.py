"""Module 06: the claims and readings trainees judge in exercises 4 and 6, and their labels.

Every trainee is shown the same four claims (exercise 4) and the same four
readings of the decomposition (exercise 6), chosen by the course's authors and
shown in a fixed order, so a model answer can be written from what the notebook
shows. A shown statement is its id and text only: its label and the feedback on
it are in the grading-only ``answer_key.m06``. The ids are neutral codes: they
do not say which kind a statement is.
"""

from __future__ import annotations

from dataclasses import dataclass

# ------------------------------------------------- statements to judge (ex 4)

CLAIM_LABELS = ("supported", "causal_leap", "early_change", "individual_prediction")

CLAIM_LABEL_MEANINGS = {
    "supported": "the caseload's data support the statement as worded",
    "causal_leap": "reads the association as proof that the alliance causes improvement, "
    "or that raising alliance scores would raise outcomes",
    "early_change": "overlooks that improvement already under way in sessions 1-3 can lift "
    "the alliance rating, so the link may run from early change to alliance",
    "individual_prediction": "treats a correlation near .28 as a dependable forecast "
    "for one particular client",
}


@dataclass(frozen=True)
class Statement:
    """A statement a trainee labels, as shown: an id and its text."""

    id: str
    text: str


#: Exercise 4: one claim of each kind, the same four for every trainee.
CLAIMS: tuple[Statement, ...] = (
    Statement(
        "c08",
        "Because early alliance predicts outcome, a workshop that raises clients' "
        "alliance ratings will raise the clinic's recovery rate.",
    ),
    Statement(
        "c11",
        "Early alliance goes with less than a fifth of the differences in how much "
        "clients improved.",
    ),
    Statement(
        "c04",
        "Alliance was rated in sessions 1-3, before the final outcome, so the client's "
        "improvement cannot have influenced their alliance rating.",
    ),
    Statement(
        "c03",
        "A client whose early alliance is in the clinic's top tenth will almost "
        "certainly finish among the most improved.",
    ),
)


# ----------------------------------------- reading the decomposition (ex 6)

READING_LABELS = ("true", "false", "not_shown")

READING_LABEL_MEANINGS = {
    "true": "your numbers show it",
    "false": "your numbers contradict it",
    "not_shown": "no result of this analysis could show it, whatever the numbers",
}

#: Exercise 6: two readings decided by the trainee's own numbers, two that no
#: analysis of this kind could show; the same four for every trainee.
READINGS: tuple[Statement, ...] = (
    Statement(
        "r4",
        "In your caseload the between-therapist slope is more than twice the "
        "within-therapist slope.",
    ),
    Statement(
        "r1",
        "Moving a client to a therapist whose clients report stronger alliances would "
        "raise that client's improvement by the between-therapist slope.",
    ),
    Statement(
        "r7",
        "In your caseload a client who rates the alliance 1 SD above their own "
        "therapist's average is expected to improve by more than 0.25 outcome SD more "
        "than that therapist's other clients.",
    ),
    Statement(
        "r6",
        "Therapists whose clients report stronger alliances are more skilled at forming "
        "alliances, and that skill is what produces their clients' better outcomes.",
    ),
)


def as_markdown(statements, meanings: dict[str, str] | None = None):
    """Statements as a Markdown list (``id``: text) for display in the notebook."""
    from IPython.display import Markdown

    lines = [f"- **{s.id}**: {s.text}" for s in statements]
    if meanings:
        lines += ["", "Labels:"] + [f"- `{k}`: {v}" for k, v in meanings.items()]
    return Markdown("\n".join(lines))
