"""Module 03: the multiple-choice items, with option letters in each trainee's own order.

Only the option texts live here; which one is right, and why each other one is
not, is in the grading-only ``answer_key.m03``.
"""

from __future__ import annotations

from course.modules.m03.vignettes import MODULE
from course.seeds import stable_seed

# The options of each item in a fixed base order (the right one is not always first);
# :func:`options` shuffles them per trainee, so the right letter differs between classmates.
OPTION_TEXTS: dict[str, tuple[str, ...]] = {
    "closeness": (
        "It was a randomised trial showing that clients who felt closer to their therapist "
        "had better outcomes, so closeness causes better outcomes.",
        "Closeness only ever helps, so a counsellor should build as much closeness as "
        "possible, as fast as possible, with every client.",
        "It was an interview study of 26 therapists. In the model they built, the closer "
        "the relationship, the more easily each person affects the other: closeness can "
        "give an intervention more force and can also magnify a misstep, so therapists try "
        "to steer closeness towards what helps the client and to handle it when it backfires.",
        "Closeness matters in psychodynamic work, but in behavioural and cognitive therapy "
        "the techniques do the work whatever the relationship is like.",
    ),
    "cabral": (
        "Matched clients improved far more (d = .63), so allocating every client by "
        "ethnicity is justified.",
        "On average clients preferred a counsellor of their own race or ethnicity "
        "(d = .63) and rated such counsellors somewhat more favourably (d = .32), but the "
        "average gain in outcome was close to zero (d = .09), and the effects varied a lot "
        "between studies. So ask about and honour clients' preferences where you can, but "
        "do not expect allocation by ethnicity alone to improve outcomes; every counsellor "
        "needs to work well across difference.",
        "Matching has no effects at all, so clients' wishes about a counsellor's background "
        "can safely be set aside.",
        "The effects were the same size in every study and every group, so one allocation "
        "rule will suit all clients.",
    ),
}


def options(student_id: str, item: str) -> dict[str, str]:
    """The options of ``item`` with letters A, B, ... in this trainee's own order.

    >>> first = options("trainee-01", "closeness")
    >>> sorted(first), first == options("trainee-01", "closeness")
    (['A', 'B', 'C', 'D'], True)
    """
    pool = OPTION_TEXTS[item]
    order = sorted(range(len(pool)), key=lambda i: stable_seed(student_id, MODULE, item, i))
    return {chr(65 + pos): pool[i] for pos, i in enumerate(order)}
