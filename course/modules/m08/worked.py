"""Module 08: the options and statements of the judgement items (text only, no key).

The keys and the reasons behind them are in the grading-only ``answer_key.m08``.
"""

from __future__ import annotations

CALIBRATION_STATEMENTS = {
    "K1": (
        "My kappa's 95% interval reaches below .40, so with twelve excerpts I cannot rule out "
        "marker agreement that Landis and Koch's labels would call fair or worse."
    ),
    "K2": (
        "My ICC's 95% interval lies wholly at or above .75, so by Koo and Li's convention my "
        "strength ratings agree with the key at least 'good'."
    ),
    "K3": (
        "Words such as 'moderate' or 'substantial' for a kappa are a convention for describing "
        "it, not a pass mark that a rater reaches or fails."
    ),
    "K4": (
        "If I rated every excerpt's strength exactly one point above the key, this ICC would "
        "still be 1, because my ratings would rise and fall with the key's."
    ),
    "K5": (
        "Kappa corrects the share of excerpts we labelled the same for the agreement two raters "
        "would reach by chance, given how often each of us used each label."
    ),
}

RULE_REASONS = {
    "A": "The simulator's known outcomes are unreliable, so any rule is as good as another.",
    "B": (
        "Catching most clients headed for a poor outcome needs a generous boundary, and a "
        "generous boundary also flags clients who are only slower than expected; in this "
        "clinic a false alarm costs a review conversation, while a miss can cost the client."
    ),
    "C": "The 50th percentile is the published clinical cut-off of the ORS.",
    "D": "With a large enough reference sample, an alert tells you for certain who will not improve.",
}

ALERT_STATEMENTS = {
    "A1": (
        "In the data Hannan et al. (2005) report, clinicians rarely predicted accurately which "
        "clients would not benefit, while formal progress rules identified those who deteriorated."
    ),
    "A2": (
        "A not-on-track alert means the client will fail, so the therapist should start "
        "planning the ending."
    ),
    "A3": (
        "The expected curves in this module come from a simulated reference sample, not from "
        "a published norm."
    ),
    "A4": (
        "In Shimokawa, Lambert and Smart's (2010) review, progress feedback helped most for "
        "the clients the system flagged as at risk of treatment failure."
    ),
    "A5": (
        "Once a client is flagged, the chart can stand in for asking the client how they "
        "think therapy is going."
    ),
}
