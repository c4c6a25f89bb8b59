"""Module 01, exercises 1, 8 and 9: statements, claims and short cases, text only.

The statements (exercise 1) and claims (exercise 8) are the same author-chosen
five for every trainee, in a fixed order, under neutral labels. The cases of
exercise 9 are the same three for everyone, with the option letters shuffled per
trainee (:func:`case_options`). Whether each statement or claim holds, which
option is best and why are in the grading-only ``answer_key.m01``.

>>> list(DEFINITION_STATEMENTS), list(CLAIMS)
(['S1', 'S2', 'S3', 'S4', 'S5'], ['C1', 'C2', 'C3', 'C4', 'C5'])
"""

from __future__ import annotations

from course.modules.m01.vignettes import MODULE
from course.seeds import stable_seed

# Five statements to judge against Gelso & Carter's definition and three-part model.
DEFINITION_STATEMENTS: dict[str, str] = {
    "S1": (
        "A counsellor's private impatience with a client, even one she never shows, is "
        "part of the therapeutic relationship."
    ),
    "S2": (
        "The relationship is the client's feelings about the therapist; the therapist's "
        "own reactions are kept out of it."
    ),
    "S3": (
        "In Gelso and Carter's model the working alliance is one part of the "
        "relationship, alongside the real relationship and "
        "transference-countertransference."
    ),
    "S4": (
        "Behavioural therapies work through techniques, so the relationship plays no part in them."
    ),
    "S5": (
        "The way a client shows his feelings toward the therapist (turning up early, "
        "going quiet when a topic comes up) is part of the relationship."
    ),
}

# Five claims about the alliance and outcome, to judge against the research.
CLAIMS: dict[str, str] = {
    "C1": (
        "Because the association is found so consistently, it proves that a good "
        "alliance causes clients to improve."
    ),
    "C2": (
        "Across nearly three hundred studies, clients with stronger alliances tended to "
        "have better outcomes."
    ),
    "C3": ("r = .278 means that about 28% of clients improve because of the alliance."),
    "C4": (
        "Part of the association may run the other way: clients who start to feel "
        "better early on may then rate the alliance more highly."
    ),
    "C5": (
        "The alliance matters in psychodynamic therapy, where the relationship is the "
        "treatment, but not in structured approaches such as CBT."
    ),
}

# Each case: the situation and its three options in a fixed base order; :func:`case_options`
# shuffles the options per trainee, so the best letter differs between classmates.
CASES: dict[str, tuple[str, tuple[str, ...]]] = {
    "alcohol": (
        (
            "Second session. Dev (44) was sent by his GP after an abnormal liver test. He "
            "says: 'I'm only here because the doctor told me to come.'"
        ),
        (
            (
                "Go through the liver results with him carefully, so that he understands why "
                "his GP is worried and why cutting out alcohol is now the safe choice."
            ),
            (
                "Say that coming was clearly not his idea, ask what he makes of the GP's worry, "
                "and what, if anything, he would want from these sessions."
            ),
            (
                "Tell him counselling only works when people choose it, and offer to book him "
                "in again once he feels ready to make a change."
            ),
        ),
    ),
    "depression": (
        (
            "Sam (24) is in counselling for low mood, has cancelled twice and answers in a "
            "few words. This week their WAI-SR bond items dropped."
        ),
        (
            (
                "Say nothing about it for now: low mood can pull ratings down, and raising it "
                "might make Sam feel watched."
            ),
            (
                "Name the change gently and ask how the sessions feel for them, including "
                "whether something you did did not sit right."
            ),
            (
                "Offer Sam a referral to a colleague, since a weaker bond suggests the match is "
                "not right and a fresh start may suit them better."
            ),
        ),
    ),
    "safety": (
        (
            "At intake Leo's PHQ-9 total is 8 (mild), but on item 9 (thoughts of being "
            "better off dead or of hurting himself) he marked 'several days'."
        ),
        (
            (
                "As the total is only in the mild range, note item 9 in his file and look at it "
                "again with him when he repeats the form next session."
            ),
            (
                "Ask him directly about these thoughts today, make sure a clinician competent "
                "to assess risk sees him the same day, and follow local protocol."
            ),
            (
                "Wait for his total to be confirmed at the next session before raising item 9, "
                "because one item on its own is less reliable than the total."
            ),
        ),
    ),
}
CASE_KEYS = tuple(CASES)


def case_options(student_id: str) -> dict[str, dict[str, str]]:
    """Each case's options with letters a-c in this trainee's own order.

    >>> first = case_options("trainee-01")
    >>> list(first), sorted(first["safety"]), first == case_options("trainee-01")
    (['alcohol', 'depression', 'safety'], ['a', 'b', 'c'], True)
    """
    shuffled = {}
    for key, (_situation, options) in CASES.items():
        order = sorted(
            range(len(options)), key=lambda i, key=key: stable_seed(student_id, MODULE, key, i)
        )
        shuffled[key] = {letter: options[i] for letter, i in zip("abc", order, strict=True)}
    return shuffled


def cases_markdown(options: dict[str, dict[str, str]]) -> str:
    """The cases as Markdown, with the options lettered as in ``options``.

    >>> text = cases_markdown(case_options("trainee-01"))
    >>> text.startswith("**alcohol**: ") and "- (a) " in text
    True
    """
    blocks = []
    for key, lettered in options.items():
        listed = "\n".join(f"- ({letter}) {text}" for letter, text in lettered.items())
        blocks.append(f"**{key}**: {CASES[key][0]}\n\n{listed}")
    return "\n\n".join(blocks)
