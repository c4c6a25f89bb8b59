"""Module 06: the options and statements of exercises 3, 5, 7 and 9, as shown (text only).

Every trainee sees the same texts, in a fixed order, under neutral labels. Which
option or label is right, and why the others are not, is in the grading-only
``answer_key.m06``; for exercise 7 one statement's truth depends on the
trainee's own numbers.
"""

from __future__ import annotations

#: Exercise 3: which reading of the 95% interval is right.
INTERVAL_OPTIONS = {
    "A": "95% of my clients have their own alliance-outcome link between the two bounds.",
    "B": (
        "The bounds mark the correlations my data are compatible with: the method catches the "
        "population value in 95% of samples like mine, so the correlation for clients like "
        "mine is plausibly anywhere between them."
    ),
    "C": (
        "My interval is wider than the meta-analysis's because my clinic measured the alliance "
        "less accurately."
    ),
    "D": "If my interval contains .278, the correlation in my clinic is exactly .278.",
}

#: Exercise 3: what a correlation of this size means for a caseload.
CASELOAD_OPTIONS = {
    "A": "About 28% of my clients improved because of their alliance.",
    "B": (
        "Clients in the stronger-alliance half improved more than the median client more often "
        "than clients in the weaker half, yet a large share of them still improved less than "
        "the median: a real tendency across the caseload, not a forecast for one client."
    ),
    "C": "Early alliance accounts for about 28% of the differences in how much clients improved.",
    "D": (
        "Almost every client with a strong early alliance improved more than the median client, "
        "so the early alliance tells me who will improve."
    ),
}

SLOPE_LABELS = ("between", "within", "neither")

SLOPE_LABEL_MEANINGS = {
    "between": "the between-therapist slope answers it",
    "within": "the within-therapist slope answers it",
    "neither": "neither slope can answer it: it asks what would happen if something were changed",
}

#: Exercise 5: which slope answers which clinical question.
SLOPE_QUESTIONS = {
    "Q1": (
        "Two clients see the same therapist; one rates the early alliance 1 SD higher than the "
        "other. How much more is that client expected to improve?"
    ),
    "Q2": (
        "The clients of one therapist rate the alliance 1 SD higher on average than the clients "
        "of another. How much more do the first therapist's clients improve on average?"
    ),
    "Q3": (
        "If a client were moved to a therapist whose clients report stronger alliances, how much "
        "more would this client improve?"
    ),
    "Q4": (
        "A supervisor compares the clinic's therapists: do those whose caseloads report the "
        "strongest alliances also have the caseloads that improve most?"
    ),
}

#: Exercise 7: statements about the therapist effect, to judge True or False.
ICC_STATEMENTS = {
    "I1": "In your clinic, less than a tenth of the differences in outcome lie between therapists.",
    "I2": (
        "Most of the differences in how much clients improve lie among the clients of each "
        "therapist, not between therapists."
    ),
    "I3": (
        "With a therapist effect of about 5%, it makes no practical difference to clients which "
        "therapist they see."
    ),
    "I4": "A therapist effect of about 5% means that about 5% of therapists are ineffective.",
    "I5": (
        "Dividing the variance of the 30 therapist means by the total variance would overstate "
        "the therapist effect, because means of 20 clients differ by chance alone."
    ),
}

#: Exercise 9: what the split-half comparison says about ranking therapists.
RANKING_OPTIONS = {
    "A": (
        "The two halves rank the therapists alike, so this year's top five will be next year's "
        "top five."
    ),
    "B": (
        "The two halves of the same year's caseloads already rank the therapists differently "
        "(a split-half r well below 1, and not all of half A's top five in half B's top five), "
        "so a ranking on 20 clients each rests partly on chance; with differences in case mix "
        "on top, it is no basis for bonuses or performance plans."
    ),
    "C": "Because the halves disagree, therapists do not differ at all in how their clients fare.",
    "D": (
        "The bottom five therapists of half A should go on a performance plan: the ranking shows "
        "who is least effective."
    ),
}
