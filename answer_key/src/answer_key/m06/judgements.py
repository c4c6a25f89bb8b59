"""Module 06, exercises 3, 5, 7, 9 and 10: which option or label is right, and why not the others.

The options and statements are plain texts in :mod:`course.modules.m06.shown`;
their keys and the feedback on each wrong answer are here. The keys that depend
on a trainee's own numbers are computed in :mod:`answer_key.m06.estimates`;
:func:`check_parts` marks a dictionary of such judgements and names, for each
part that is wrong, why the answer given is not right.
"""

from __future__ import annotations

from course.grading import CheckFailed, expect_labels, plain

INTERVAL_LETTER = "B"
CASELOAD_LETTER = "B"
RANKING_LETTER = "B"

META_WHY = {
    "contains_meta": (
        "Read your interval as printed (three decimals): .278 is inside when it lies between "
        "the lower and the upper bound."
    ),
    "interval": {
        "A": (
            "The interval is about one number, the correlation for clients like yours, not "
            "about each client: a client has no correlation of their own."
        ),
        "C": (
            "Your interval is wider because 600 clients pin a correlation down less tightly "
            "than over 30,000 do; the width comes from the sample size."
        ),
        "D": (
            "An interval that contains .278 is compatible with .278 and with every other value "
            "inside it; it does not make your clinic's correlation exactly .278."
        ),
        "": "The bounds are the correlations your data are compatible with.",
    },
    "caseload": {
        "A": (
            "r is not a share of clients, and a correlation does not say that the alliance "
            "caused anyone's improvement."
        ),
        "C": (
            "The share of outcome variance that goes with alliance is r squared, about .08 for "
            "r near .28, not r itself."
        ),
        "D": (
            "Look at `below_median` for the stronger-alliance half in your table: a large share "
            "of those clients improved less than the median client."
        ),
        "": "Read the split table: a tendency across the caseload, not a forecast for one client.",
    },
}

SLOPE_KEY = {"Q1": "within", "Q2": "between", "Q3": "neither", "Q4": "between"}
SLOPE_WHY = {
    "Q1": (
        "Two clients of one therapist differ in how their alliance departs from that "
        "therapist's average: that is the within-therapist slope."
    ),
    "Q2": (
        "Therapists whose caseloads differ in their average alliance: that is the "
        "between-therapist slope."
    ),
    "Q3": (
        "What would happen if a client were moved is a causal question: the slopes describe "
        "caseloads as they are, and cannot say what a change would do."
    ),
    "Q4": (
        "Comparing therapists by their caseloads' average alliance and average improvement is "
        "the between-therapist slope."
    ),
}

ICC_WHY = {
    "I1": "Read your ICC in the worked example: a tenth is 0.10.",
    "I2": (
        "The ICC is the share between therapists; the rest, by far the larger part, lies among "
        "the clients of each therapist."
    ),
    "I3": (
        "Small shares still matter across a caseload: with about 5%, a therapist 1 SD above "
        "average and one 1 SD below differ by about 0.45 SD of outcome (Johns et al., 2019)."
    ),
    "I4": (
        "The ICC is a share of the variance in outcome, not a share of therapists: it says how "
        "much clients' outcomes differ with the therapist they see."
    ),
    "I5": (
        "Means of 20 clients differ by chance even when therapists are equally effective; the "
        "naive ratio counts that chance as a therapist effect, and ICC(1) subtracts it."
    ),
}

RANKING_WHY = {
    "top5_repeat": (
        "Look at the first five rows of the split-half table (half A's top five) and count "
        "those whose rank_B is 5 or less."
    ),
    "reading": {
        "A": (
            "The two halves of one year do not rank the therapists alike: your split-half r is "
            "well below 1, so next year's top five would be partly different people."
        ),
        "C": (
            "An unstable ranking is not the same as no differences: your ICC is above zero; "
            "therapist means of 10 or 20 clients are simply too noisy to rank them reliably."
        ),
        "D": (
            "The same year's other half ranks them differently, and therapists see different "
            "clients: a bottom-five place on 20 clients rests partly on chance and case mix."
        ),
        "": "Read your split-half r and your count of the top five in both halves.",
    },
}

ATTACHMENT_WHY = {
    "therapist_n": (
        "Therapist attachment is a therapist-level variable: each therapist has one score, so "
        "the correlation rests on 30 therapists, not on 600 client rows (copying the therapist's "
        "score onto each client treats 30 people as if they were 600)."
    ),
    "client_ci_contains_meta": (
        "Read the client-level row: .17 (Diener & Monroe, 2011) is inside when it lies between "
        "ci_low and ci_high."
    ),
    "therapist_ci_includes_zero": (
        "Read the therapist-level row: 0 is inside when ci_low is at or below 0 and ci_high at or "
        "above it. With 30 therapists the interval is wide."
    ),
}


def check_parts(value, answer_key: dict, name: str, why: dict) -> None:
    """Hidden-test check of a dictionary of judgements, with the reason for each wrong part.

    ``why`` maps a part to its reason, or to a dict of reasons by the answer given
    (``""`` holds the reason for any other answer).

    >>> check_parts({"interval": "B"}, {"interval": "B"}, "meta_check", META_WHY)
    >>> check_parts({"interval": "C"}, {"interval": "B"}, "meta_check", META_WHY)
    Traceback (most recent call last):
    ...
    course.grading.checks.CheckFailed: `meta_check`: 1 of 1 not right yet. interval: you said 'C'; Your interval is wider because 600 clients pin a correlation down less tightly than over 30,000 do; the width comes from the sample size.
    """
    got = plain(value, name)
    if type(got) is not dict:
        raise CheckFailed(f"`{name}` should be a dict, but it is a {type(got).__name__}.")
    reasons = {}
    for part, reason in why.items():
        if isinstance(reason, dict):
            given = got.get(part)
            reason = reason.get(given, reason[""]) if isinstance(given, str) else reason[""]
        reasons[part] = reason
    expect_labels(got, answer_key, name, reasons)
