"""Module 01 (the working alliance): each trainee's exercise material and the reference answers.

Everything here is a pure function of the trainee id (or of their simulated
caseload), so the notebook and the autograder's hidden tests compute exactly
the same thing. Nothing is cached between trainees.

What the module uses:

- **Vignettes** from the course bank (``course.vignettes``), shown under
  neutral labels (``V1``, ``W1``, ``P1``...). The bank's own ids start with the
  answer (``comp-goal-004``, ``weak-bond-002``), so they are never shown.
- **Statements, claims and short cases** written for this module (below), each
  with a one-sentence rationale a trainee sees when they get it wrong.
- **One client's WAI-SR** from the trainee's caseload
  (``course.simulate.for_student``), scored by hand and with
  ``course.instruments.score``.

>>> items = sort_items("trainee-01")
>>> [item.label for item in items]
['V1', 'V2', 'V3', 'V4', 'V5', 'V6', 'V7']
>>> sorted(set(answer_key(items).values()))
['bond', 'goal', 'task']
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from course import vignettes
from course.grading import CheckFailed, expect_number, plain
from course.seeds import stable_seed

MODULE = "01-working-alliance"
COMPONENTS = ("goal", "task", "bond")
SUBSCALES = ("task", "goal", "bond")
WAI_ITEMS = [f"i{k}" for k in range(1, 13)]
N_SORT = 7
N_WEAKEST = 4
N_PRACTICE = 6
N_STATEMENTS = 5
N_CLAIMS = 5


@dataclass(frozen=True)
class Item:
    """One thing a trainee labels: a neutral label, the text, the right answer and why."""

    label: str
    text: str
    answer: str | bool
    rationale: str
    kind: str = ""
    problem: str = ""


def _ranked(things, *seed_parts):
    """``things`` in a stable per-trainee order (SHA-256 seeds, never ``hash()``)."""
    return sorted(things, key=lambda thing: stable_seed(*seed_parts, _key(thing)))


def _key(thing) -> str:
    return thing.id if hasattr(thing, "id") else str(thing[0])


def _from_vignettes(picked, family: str, prefix: str) -> list[Item]:
    return [
        Item(
            label=f"{prefix}{n}",
            text=v.text,
            answer=v.tags[family],
            rationale=v.rationale,
            kind=v.speaker,
            problem=v.problem,
        )
        for n, v in enumerate(picked, start=1)
    ]


# --- Bordin's components: sorting and spotting the weakest ------------------------------


def sort_items(student_id: str) -> list[Item]:
    """The seven vignettes a trainee sorts into goal, task or bond (graded), as ``V1``..``V7``.

    Drawn with ``course.vignettes.for_student(..., family="component")``: seven
    means one component has three vignettes and the others two, so counting
    cannot stand in for judgement.

    >>> items = sort_items("trainee-01")
    >>> items == sort_items("trainee-01"), items == sort_items("trainee-02")
    (True, False)
    >>> sorted(list(answer_key(items).values()).count(c) for c in COMPONENTS)
    [2, 2, 3]
    """
    picked = vignettes.for_student(student_id, MODULE, N_SORT, family="component")
    return _from_vignettes(picked, "component", "V")


def weakest_items(student_id: str) -> list[Item]:
    """Four short cases (``W1``..``W4``) in which one Bordin component is the weakest.

    >>> [item.label for item in weakest_items("trainee-01")]
    ['W1', 'W2', 'W3', 'W4']
    """
    picked = vignettes.for_student(student_id, MODULE, N_WEAKEST, family="weakest_component")
    return _from_vignettes(picked, "weakest_component", "W")


def practice_items(student_id: str, k: int = N_PRACTICE) -> list[Item]:
    """Practice vignettes for the sorter widget (``P1``..): never one of the graded seven.

    Two per component by default, in a per-trainee order.

    >>> graded = {item.text for item in sort_items("trainee-01")}
    >>> practice = practice_items("trainee-01")
    >>> len(practice), any(item.text in graded for item in practice)
    (6, False)
    """
    graded = {v.id for v in vignettes.for_student(student_id, MODULE, N_SORT, family="component")}
    bank = vignettes.bank()
    per_component = math.ceil(k / len(COMPONENTS))
    chosen = []
    for component in COMPONENTS:
        pool = [v for v in bank.tagged("component", component) if v.id not in graded]
        chosen += _ranked(pool, student_id, MODULE, "practice", component)[:per_component]
    chosen = _ranked(chosen, student_id, MODULE, "practice-order")[:k]
    return _from_vignettes(chosen, "component", "P")


def answer_key(items: list[Item]) -> dict:
    """``{label: right answer}`` for a list of :class:`Item`."""
    return {item.label: item.answer for item in items}


def rationales(items: list[Item]) -> dict[str, str]:
    """``{label: rationale}``: what a trainee reads when they get that item wrong."""
    return {item.label: item.rationale for item in items}


_PROBLEM_NAMES = {
    "depression": "depression",
    "alcohol_use": "alcohol use",
    "both": "low mood and drinking",
    "general": "",
}


def as_markdown(items: list[Item]) -> str:
    """The items as Markdown: a heading per label, the text quoted line by line.

    >>> item = Item("V1", "Client: Hello.\\nTherapist: Hi.", "bond", "Why.", "scene", "general")
    >>> print(as_markdown([item]))
    **V1** (scene)
    > Client: Hello.<br>
    > Therapist: Hi.
    """
    blocks = []
    for item in items:
        about = ", ".join(p for p in (item.kind, _PROBLEM_NAMES.get(item.problem, "")) if p)
        head = f"**{item.label}**" + (f" ({about})" if about else "")
        lines = [line.strip() for line in item.text.splitlines() if line.strip()]
        blocks.append(head + "\n" + "<br>\n".join(f"> {line}" for line in lines))
    return "\n\n".join(blocks)


def show(items: list[Item]):
    """Display ``items`` in the notebook (rendered Markdown)."""
    from IPython.display import Markdown

    return Markdown(as_markdown(items))


# --- What the definition covers -------------------------------------------------------

# (id, statement, consistent with Gelso & Carter's definition and model?, rationale)
_STATEMENTS = [
    (
        "unvoiced",
        "A counsellor's private impatience with a client, even one she never shows, "
        "is part of the therapeutic relationship.",
        True,
        "The definition covers the feelings and attitudes each person holds toward the "
        "other, not only those that get expressed, so unspoken impatience belongs to it.",
    ),
    (
        "expression",
        "The way a client shows his feelings toward the therapist (turning up early, "
        "going quiet when a topic comes up) is part of the relationship.",
        True,
        "Gelso and Carter define the relationship by the feelings and attitudes and also "
        "by how they are expressed, so the way feelings show is part of it.",
    ),
    (
        "two-way",
        "The therapist's attitudes toward the client belong to the relationship just as "
        "much as the client's attitudes toward the therapist.",
        True,
        "The definition is mutual: it names what client and therapist each feel toward the other.",
    ),
    (
        "tripartite",
        "In Gelso and Carter's model the working alliance is one part of the relationship, "
        "alongside the real relationship and transference-countertransference.",
        True,
        "Gelso and Carter propose three components of every therapy relationship, and the "
        "working alliance is only one of them.",
    ),
    (
        "any-school",
        "A CBT therapist and a psychodynamic therapist both have a relationship with their "
        "clients in this sense, whatever their theory says about it.",
        True,
        "The definition is meant to be theory-neutral: every counselling relationship has "
        "these components whatever the therapist's school.",
    ),
    (
        "client-only",
        "The relationship is the client's feelings about the therapist; the therapist's "
        "own reactions are kept out of it.",
        False,
        "The definition is mutual: the therapist's feelings and attitudes toward the client "
        "are part of the relationship too.",
    ),
    (
        "same-thing",
        "'Therapeutic relationship' and 'working alliance' are two names for the same thing.",
        False,
        "In Gelso and Carter's model the working alliance is one of three components of the "
        "relationship, so the two terms are not interchangeable.",
    ),
    (
        "words-only",
        "Only feelings that are put into words count as part of the relationship.",
        False,
        "The definition covers the feelings and attitudes themselves as well as how they "
        "are expressed, and much expression is not in words.",
    ),
    (
        "humanistic-only",
        "Behavioural therapies work through techniques, so the relationship plays no part in them.",
        False,
        "Gelso and Carter describe the relationship as present in every therapy, "
        "behavioural ones included; schools differ in how central they make it.",
    ),
    (
        "liking-only",
        "Whether client and counsellor agree on what to work on is a practical matter that "
        "lies outside the relationship.",
        False,
        "Agreement on goals and tasks is the working alliance, which Gelso and Carter count "
        "as a component of the relationship.",
    ),
]


def definition_items(student_id: str) -> list[Item]:
    """Five statements (``S1``..``S5``) to judge against Gelso & Carter's definition.

    Two or three are consistent with it (True) and the rest are not (False),
    varying by trainee.

    >>> items = definition_items("trainee-01")
    >>> [item.label for item in items]
    ['S1', 'S2', 'S3', 'S4', 'S5']
    >>> sorted({type(item.answer) for item in items}, key=str)
    [<class 'bool'>]
    """
    true = [s for s in _STATEMENTS if s[2]]
    false = [s for s in _STATEMENTS if not s[2]]
    n_true = 2 + stable_seed(student_id, MODULE, "n-true") % 2
    chosen = (
        _ranked(true, student_id, MODULE, "statement")[:n_true]
        + _ranked(false, student_id, MODULE, "statement")[: N_STATEMENTS - n_true]
    )
    chosen = _ranked(chosen, student_id, MODULE, "statement-order")
    return [
        Item(label=f"S{n}", text=text, answer=answer, rationale=why)
        for n, (_id, text, answer, why) in enumerate(chosen, start=1)
    ]


# --- What the research does and does not show -----------------------------------------

# (id, claim, supported by the evidence?, rationale)
_CLAIMS = [
    (
        "meta-r",
        "Across nearly three hundred studies, clients with stronger alliances tended to "
        "have better outcomes.",
        True,
        "Flückiger et al. (2018) pooled 295 studies with more than 30,000 clients and found "
        "r = .278: a reliable positive association.",
    ),
    (
        "variance",
        "An alliance-outcome correlation of .28 means the alliance shares roughly 8% of the "
        "variance in outcomes: modest, but far from nothing.",
        True,
        "The share of variance is r squared: .278 x .278 is about .077, so about 8%.",
    ),
    (
        "reciprocal",
        "Part of the association may run the other way: clients who start to feel better "
        "early on may then rate the alliance more highly.",
        True,
        "Early change is one proposed explanation, and session-by-session data show that "
        "alliance and symptoms influence each other early in therapy (Flückiger et al., 2020).",
    ),
    (
        "across-treatments",
        "In one large depression trial the alliance predicted outcome in psychotherapy and "
        "in medication (or placebo) with clinical management alike.",
        True,
        "Krupnick et al. (1996) found the alliance related to outcome in interpersonal "
        "therapy and CBT, and in imipramine or placebo given with clinical management.",
    ),
    (
        "therapist-part",
        "Therapists who tend to build stronger alliances across their caseload tend to have "
        "clients with better outcomes.",
        True,
        "Baldwin, Wampold and Imel (2007) found that the therapist's share of alliance "
        "variability predicted outcome, while differences among one therapist's clients did not.",
    ),
    (
        "proves-cause",
        "Because the association is found so consistently, it proves that a good alliance "
        "causes clients to improve.",
        False,
        "A consistent correlation is not proof of cause: the alliance is a proposed "
        "mechanism, and early change or therapist differences could explain part of it.",
    ),
    (
        "percent-clients",
        "r = .278 means that about 28% of clients improve because of the alliance.",
        False,
        "A correlation describes how two measures move together across clients; it is not "
        "a percentage of clients, and r squared (about 8%) is a share of variance.",
    ),
    (
        "one-school",
        "The alliance matters in psychodynamic therapy, where the relationship is the "
        "treatment, but not in structured approaches such as CBT.",
        False,
        "The association held across treatment approaches in Flückiger et al. (2018), "
        "structured ones included.",
    ),
    (
        "guarantee",
        "If a client rates the alliance highly, their outcome is assured.",
        False,
        "An r near .28 leaves most variation in outcome unexplained: many clients with "
        "strong alliances still do poorly, and the reverse.",
    ),
    (
        "client-ratings-useless",
        "Clients' own ratings of the alliance are too flattering to say anything about "
        "their outcomes.",
        False,
        "Client-rated alliance predicts outcome: Flückiger et al. (2018) found the association "
        "across rater perspectives, clients' included, although client ratings cluster high.",
    ),
]


def claim_items(student_id: str) -> list[Item]:
    """Five claims (``C1``..``C5``) about the alliance and outcome, each supported or not.

    >>> items = claim_items("trainee-01")
    >>> len(items), {type(item.answer) for item in items} == {bool}
    (5, True)
    """
    supported = [c for c in _CLAIMS if c[2]]
    unsupported = [c for c in _CLAIMS if not c[2]]
    n_supported = 2 + stable_seed(student_id, MODULE, "n-supported") % 2
    chosen = (
        _ranked(supported, student_id, MODULE, "claim")[:n_supported]
        + _ranked(unsupported, student_id, MODULE, "claim")[: N_CLAIMS - n_supported]
    )
    chosen = _ranked(chosen, student_id, MODULE, "claim-order")
    return [
        Item(label=f"C{n}", text=text, answer=answer, rationale=why)
        for n, (_id, text, answer, why) in enumerate(chosen, start=1)
    ]


def numbered(items: list[Item]) -> str:
    """Statements or claims as a Markdown list: ``- **S1**: text``.

    >>> print(numbered([Item("S1", "A statement.", True, "Why.")]))
    - **S1**: A statement.
    """
    return "\n".join(f"- **{item.label}**: {item.text}" for item in items)


# --- Alcohol, depression and safety: short cases ---------------------------------------

# Each case: (id, situation, [(option, best?)...], rationale shown when the choice is wrong)
_CASES = {
    "alcohol": [
        (
            "gp-referral",
            "Second session. Dev (44) was sent by his GP after an abnormal liver test. He says: "
            "'I'm only here because the doctor told me to come.'",
            [
                (
                    "Go through the liver results with him carefully, so that he understands "
                    "why his GP is worried and why cutting out alcohol is now the safe choice.",
                    False,
                ),
                (
                    "Say that coming was clearly not his idea, ask what he makes of the GP's "
                    "worry, and what, if anything, he would want from these sessions.",
                    True,
                ),
                (
                    "Tell him counselling only works when people choose it, and offer to book "
                    "him in again once he feels ready to make a change.",
                    False,
                ),
            ],
            "A client who did not choose to come needs goals he can own before any plan: early "
            "alliance predicted both attendance and drinking in outpatient alcohol treatment "
            "(Connors et al., 1997), and lecturing or sending him away loses both.",
        ),
        (
            "diary-homework",
            "Fourth session. Ana (29) missed last week. She says the drinking diary 'felt like "
            "homework for a bad student'.",
            [
                (
                    "Explain why the diary matters for spotting patterns, and ask her to try "
                    "it for two more weeks before deciding whether it helps.",
                    False,
                ),
                (
                    "Apologise and drop the monitoring altogether, so that sessions stop "
                    "feeling like a test she can fail.",
                    False,
                ),
                (
                    "Ask what made it feel that way, then work out with her a way of keeping "
                    "track that she would find useful, or a different task.",
                    True,
                ),
            ],
            "This is a strain in task agreement: renegotiating the task with her keeps the "
            "shared aim, while insisting or quietly dropping it leaves the disagreement "
            "unspoken.",
        ),
        (
            "moderation-goal",
            "Kofi (52) wants to cut down to weekends only. His counsellor's service usually "
            "recommends stopping altogether.",
            [
                (
                    "Explain that the service's programme is built around abstinence, and that "
                    "cutting down can be revisited once he has stopped for a month.",
                    False,
                ),
                (
                    "Explore his reasons, share the service's concerns with his permission, "
                    "check whether he needs a medical review, and agree a goal he endorses.",
                    True,
                ),
                (
                    "Accept weekends-only as the goal straight away and keep away from risk, so "
                    "that nothing spoils the good start the two of them have made.",
                    False,
                ),
            ],
            "Goal agreement is negotiated: the client's reasons and the clinician's concerns "
            "(including whether dependence makes a medical review necessary) are both put on "
            "the table, and the goal is one he can commit to.",
        ),
    ],
    "depression": [
        (
            "no-point",
            "Third session. Ruth (67), treated for depression, says: 'I don't see the point of "
            "these exercises. Nothing helps at my age.'",
            [
                (
                    "Reassure her warmly that people of every age recover from depression, and "
                    "that she will feel better if she keeps going with the exercises.",
                    False,
                ),
                (
                    "Reflect how hopeless it feels, ask what she has noticed so far, and agree "
                    "one small step she thinks is worth a try.",
                    True,
                ),
                (
                    "Put the exercises aside for today and spend the session on lighter topics, "
                    "so that she leaves feeling a little better than she arrived.",
                    False,
                ),
            ],
            "Hopelessness is part of depression and strains agreement on tasks; reflecting it "
            "and agreeing a step with her keeps the alliance, whereas promises or avoidance do "
            "not engage her view.",
        ),
        (
            "bond-drop",
            "Sam (24) is in counselling for low mood, has cancelled twice and answers in a few "
            "words. This week their WAI-SR bond items dropped.",
            [
                (
                    "Say nothing about it for now: low mood can pull ratings down, and raising "
                    "it might make Sam feel watched.",
                    False,
                ),
                (
                    "Name the change gently and ask how the sessions feel for them, including "
                    "whether something you did did not sit right.",
                    True,
                ),
                (
                    "Offer Sam a referral to a colleague, since a weaker bond suggests the match "
                    "is not right and a fresh start may suit them better.",
                    False,
                ),
            ],
            "Weaker alliances go with dropping out (Sharf et al., 2010), so a drop in the bond "
            "is raised with the client, openly and without blame, before it becomes a reason "
            "to leave.",
        ),
        (
            "different-aims",
            "Mina (38) came to get her energy back for work. Her therapist has spent four "
            "sessions on her childhood, and Mina has started arriving late.",
            [
                (
                    "Check with Mina what she wants from therapy now, and agree together how "
                    "the sessions can serve that aim.",
                    True,
                ),
                (
                    "Explore the lateness as a sign that the childhood material is painful, "
                    "since that is often where low energy starts.",
                    False,
                ),
                (
                    "Keep the focus on her childhood for a few more sessions, since the "
                    "lateness suggests the work is reaching something important.",
                    False,
                ),
            ],
            "Lateness here may signal a goal mismatch; asking what she wants and re-agreeing "
            "the aim repairs goal agreement, whereas interpreting or pressing on ignores it.",
        ),
    ],
    "safety": [
        (
            "item9-low-total",
            "At intake Leo's PHQ-9 total is 8 (mild), but on item 9 (thoughts of being better "
            "off dead or of hurting himself) he marked 'several days'.",
            [
                (
                    "As the total is only in the mild range, note item 9 in his file and "
                    "look at it again with him when he repeats the form next session.",
                    False,
                ),
                (
                    "Ask him directly about these thoughts today, make sure a qualified "
                    "clinician assesses risk the same day, and follow local protocol.",
                    True,
                ),
                (
                    "Wait for his total to be confirmed at the next session before raising "
                    "item 9, because one item on its own is less reliable than the total.",
                    False,
                ),
            ],
            "Any answer above 0 on PHQ-9 item 9 is acted on the same day, whatever the total: "
            "ask directly, arrange a risk assessment by a qualified clinician, plan for "
            "safety, follow local protocol and involve supervision.",
        ),
        (
            "item9-minimised",
            "Priya (45), in counselling for her drinking, also fills in the PHQ-9. She marked "
            "item 9 (thoughts of death or self-harm) as 'several days' and says it was "
            "'nothing, just a bad week'.",
            [
                (
                    "Accept her explanation for now so as not to strain a new alliance, and "
                    "make a note to ask about her mood again in a few weeks.",
                    False,
                ),
                (
                    "Pass the form to her GP, since thoughts of self-harm are outside the remit "
                    "of an alcohol service, and carry on with the drinking work.",
                    False,
                ),
                (
                    "Thank her for answering honestly, ask her directly about the thoughts, and "
                    "make sure a same-day risk assessment follows, as local protocol says.",
                    True,
                ),
            ],
            "An endorsed item 9 is acted on the same day even when the client minimises it; "
            "asking directly and calmly does not raise risk (Dazzi et al., 2014) and usually "
            "shows the care that strengthens the bond.",
        ),
    ],
}
CASE_KEYS = tuple(_CASES)


@dataclass(frozen=True)
class Case:
    """A short case with lettered options; ``best`` is the letter of the best response."""

    key: str
    situation: str
    options: dict[str, str]
    best: str
    rationale: str


def cases(student_id: str) -> list[Case]:
    """One alcohol, one depression and one safety case for this trainee, options shuffled.

    >>> picked = cases("trainee-01")
    >>> [case.key for case in picked]
    ['alcohol', 'depression', 'safety']
    >>> all(case.best in case.options for case in picked)
    True
    """
    picked = []
    for key, pool in _CASES.items():
        case_id, situation, options, why = _ranked(pool, student_id, MODULE, "case", key)[0]
        shuffled = _ranked(
            [(text, best) for text, best in options], student_id, MODULE, "options", case_id
        )
        letters = dict(zip("abc", shuffled, strict=True))
        best = next(letter for letter, (_text, is_best) in letters.items() if is_best)
        picked.append(
            Case(key, situation, {k: text for k, (text, _b) in letters.items()}, best, why)
        )
    return picked


def case_key(picked: list[Case]) -> dict[str, str]:
    """``{case key: letter of the best response}``."""
    return {case.key: case.best for case in picked}


def case_rationales(picked: list[Case]) -> dict[str, str]:
    """``{case key: why the best response is best}``."""
    return {case.key: case.rationale for case in picked}


def cases_markdown(picked: list[Case]) -> str:
    """The cases as Markdown, options lettered a-c.

    >>> text = cases_markdown(cases("trainee-01"))
    >>> text.startswith("**alcohol**: ") and "- (a) " in text
    True
    """
    blocks = []
    for case in picked:
        options = "\n".join(f"- ({letter}) {text}" for letter, text in case.options.items())
        blocks.append(f"**{case.key}**: {case.situation}\n\n{options}")
    return "\n\n".join(blocks)


# --- One client's WAI-SR ----------------------------------------------------------------

_KEY = {"task": [1, 2, 10, 12], "goal": [4, 6, 8, 11], "bond": [3, 5, 7, 9]}
_CONSECUTIVE = {"task": [1, 2, 3, 4], "goal": [5, 6, 7, 8], "bond": [9, 10, 11, 12]}


def wai_key() -> dict[str, list[int]]:
    """The WAI-SR item numbers of each subscale, read from the instrument spec.

    >>> wai_key()
    {'task': [1, 2, 10, 12], 'goal': [4, 6, 8, 11], 'bond': [3, 5, 7, 9]}
    """
    from course.instruments import get

    spec = get("wai-sr")
    return {s: [i.number for i in spec.items if s in i.subscales] for s in SUBSCALES}


def _subscale_means(answers: pd.Series, key: dict[str, list[int]]) -> dict[str, float]:
    return {s: float(np.mean([answers[f"i{n}"] for n in items])) for s, items in key.items()}


def hand_scores(answers: pd.Series) -> dict[str, float]:
    """Score one WAI-SR administration by hand: total and subscales as mean item scores.

    The course's reference for "by hand": plain arithmetic on the 12 answers,
    which the tests check against ``course.instruments.score``.

    >>> row = pd.Series({f"i{k}": v for k, v in enumerate([5, 4, 3, 4, 5, 4, 2, 4, 3, 5, 4, 4], 1)})
    >>> hand_scores(row)
    {'total': 3.9166666666666665, 'task': 4.5, 'goal': 4.0, 'bond': 3.25}
    """
    total = float(np.mean([answers[c] for c in WAI_ITEMS]))
    return {"total": total, **_subscale_means(answers, _KEY)}


def _eligible(scored: pd.DataFrame, attended: pd.Series) -> list[str]:
    """Clients good for the exercise: 6+ sessions, a clear weakest early subscale, and a
    first session whose scores tell a sum from a mean and the real key from a wrong one."""
    early = scored[scored["session"] <= 3].groupby("client_id", observed=True)[list(SUBSCALES)]
    means = early.mean()
    ordered = np.sort(means.to_numpy(), axis=1)
    clear = means.index[(ordered[:, 1] - ordered[:, 0]) >= 0.25]
    first = scored[scored["session"] == 1].set_index("client_id")
    ok = []
    for client in clear:
        if attended.get(client, 0) < 6:
            continue
        answers = first.loc[client, WAI_ITEMS]
        right = _subscale_means(answers, _KEY)
        wrong = _subscale_means(answers, _CONSECUTIVE)
        if answers.nunique() >= 2 and any(abs(right[s] - wrong[s]) > 0.2 for s in SUBSCALES):
            ok.append(str(client))
    return ok


def focus_client(caseload) -> str:
    """The client whose WAI-SR this trainee scores: chosen by seed among suitable clients.

    Suitable: attended at least 6 sessions; over sessions 1-3 one subscale is
    lowest by at least a quarter point; the first session's answers vary and
    score differently under the real key and under "consecutive blocks".
    """
    from course.instruments import score

    scored = score("wai-sr", caseload.items("wai-sr"))
    attended = caseload.clients.set_index("client_id")["sessions_attended"]
    eligible = _eligible(scored, attended)
    if not eligible:  # pragma: no cover - never seen; tests run many trainee ids
        raise RuntimeError("no client in this caseload suits the WAI-SR exercise")
    return sorted(eligible, key=lambda c: stable_seed("m01-focus", caseload.seed, c))[0]


def client_items(caseload, client_id: str) -> pd.DataFrame:
    """One client's WAI-SR answers, every session: ``client_id``, ``therapist_id``,
    ``session``, ``i1``..``i12`` (ready for ``course.instruments.score``)."""
    items = caseload.items("wai-sr")
    one = items[items["client_id"] == client_id].copy()
    for column in ("client_id", "therapist_id"):
        one[column] = one[column].astype(str)
    return one.reset_index(drop=True)


def early_means(scored: pd.DataFrame) -> dict[str, float]:
    """Mean of each subscale over sessions 1-3 of one client's scored WAI-SR.

    >>> scored = pd.DataFrame({"session": [1, 2, 3, 4], "task": [4.0, 4.5, 5.0, 1.0],
    ...                        "goal": [3.0, 3.5, 4.0, 1.0], "bond": [5.0, 5.0, 5.0, 1.0]})
    >>> early_means(scored)
    {'task': 4.5, 'goal': 3.5, 'bond': 5.0}
    """
    early = scored[scored["session"] <= 3]
    return {s: float(early[s].mean()) for s in SUBSCALES}


def weakest(means: dict[str, float]) -> str:
    """The subscale with the lowest mean.

    >>> weakest({'task': 4.5, 'goal': 3.5, 'bond': 5.0})
    'goal'
    """
    return min(means, key=means.get)


def expect_mean_item_score(value, name: str) -> float:
    """Visible-test check: a number on the WAI-SR mean-item scale (1-5).

    Checks only type and range, never the answer, and names the usual slip
    (a sum instead of a mean) when the number is off the scale.

    >>> expect_mean_item_score(3.75, "hand_total")
    3.75
    >>> expect_mean_item_score(45, "hand_total")
    Traceback (most recent call last):
    ...
    course.grading.checks.CheckFailed: `hand_total` is 45, outside the possible range 1 to 5. WAI-SR scores in this course are mean item scores (1-5), not sums (12-60 for the total, 4-20 for a subscale).
    """
    number = expect_number(value, name)
    if not 1 <= number <= 5:
        raise CheckFailed(
            f"`{name}` is {number}, outside the possible range 1 to 5. WAI-SR scores in this "
            "course are mean item scores (1-5), not sums (12-60 for the total, 4-20 for a "
            "subscale)."
        )
    return number


def _number(value) -> float | None:
    try:
        value = plain(value)
    except AssertionError:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def hand_total_hint(answer, answers: pd.Series) -> str:
    """The teaching message for a wrong ``hand_total``, naming the likely slip.

    >>> row = pd.Series({f"i{k}": 4 for k in range(1, 13)})
    >>> hand_total_hint(48, row)[:60]
    'This looks like the sum of the 12 answers (12-60). The WAI-S'
    >>> hand_total_hint(3.1, row)[:40]
    'The WAI-SR total is the mean item score:'
    """
    core = (
        "The WAI-SR total is the mean item score: add the 12 answers of session 1 as they "
        "are (no item is reverse-keyed) and divide by 12, giving a number from 1 to 5."
    )
    got = _number(answer)
    if got is not None and abs(got - float(sum(answers[c] for c in WAI_ITEMS))) < 0.01:
        return "This looks like the sum of the 12 answers (12-60). " + core
    return core


def subscale_hint(answer, answers: pd.Series) -> str:
    """The teaching message for wrong ``hand_subscales``, naming the likely slip.

    >>> row = pd.Series({f"i{k}": v for k, v in enumerate([5, 4, 3, 4, 5, 4, 2, 4, 3, 5, 4, 4], 1)})
    >>> subscale_hint({"task": 4.0, "goal": 3.75, "bond": 4.0}, row)[:58]
    'The subscales are not consecutive blocks of four items: ta'
    >>> subscale_hint({"task": 18, "goal": 16, "bond": 13}, row)[:48]
    'These look like sums of four items (4-20). Each '
    """
    key = (
        "task = items 1, 2, 10, 12; goal = 4, 6, 8, 11; bond = 3, 5, 7, 9 "
        "(see course.instruments.get('wai-sr').items)."
    )
    core = "Each subscale is the mean of its own four items: " + key
    try:
        got = plain(answer)
    except AssertionError:
        return core
    if not isinstance(got, dict):
        return core

    def matches(reference: dict[str, float], factor: float = 1.0) -> bool:
        values = [_number(got.get(s)) for s in SUBSCALES]
        return all(v is not None for v in values) and all(
            abs(v - factor * reference[s]) < 0.01 for v, s in zip(values, SUBSCALES, strict=True)
        )

    right = _subscale_means(answers, _KEY)
    if matches(_subscale_means(answers, _CONSECUTIVE)) and not matches(right):
        return "The subscales are not consecutive blocks of four items: " + key
    if matches(right, 4.0):
        return "These look like sums of four items (4-20). " + core
    return core


# --- The alliance and outcome in the trainee's caseload ---------------------------------


def alliance_outcome_r(clients: pd.DataFrame) -> float:
    """Pearson's r between early alliance and outcome change across the caseload's clients.

    >>> df = pd.DataFrame({"early_alliance": [3.0, 4.0, 5.0], "outcome_change": [0.1, 0.5, 0.6]})
    >>> round(alliance_outcome_r(df), 3)
    0.945
    """
    return float(clients["early_alliance"].corr(clients["outcome_change"]))


def r_hint(answer, clients: pd.DataFrame) -> str:
    """The teaching message for a wrong correlation, naming the likely slip.

    >>> df = pd.DataFrame({"early_alliance": [3.0, 4.0, 5.0, 4.5],
    ...                    "outcome_change": [0.1, 0.5, 0.4, 0.9],
    ...                    "final_score": [20, 12, 14, 5]})
    >>> rho = df["early_alliance"].corr(df["outcome_change"], method="spearman")
    >>> r_hint(rho, df)[:44]
    'That is a rank (Spearman) correlation. Use P'
    """
    core = (
        "Use Pearson's r between `early_alliance` and `outcome_change` across all clients in "
        "`clients` (Series.corr does this by default)."
    )
    got = _number(answer)
    if got is None:
        return core
    alliance = clients["early_alliance"]
    # Spearman's rho is Pearson's r of the ranks (ranking here avoids importing scipy).
    spearman = alliance.rank().corr(clients["outcome_change"].rank())
    if abs(got - spearman) < 0.001:
        return "That is a rank (Spearman) correlation. " + core
    if "final_score" in clients and abs(got - alliance.corr(clients["final_score"])) < 0.001:
        return (
            "That correlates the alliance with the final score, where lower is better. "
            "outcome_change is the improvement (positive = better). " + core
        )
    return core
