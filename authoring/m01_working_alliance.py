"""Authoring script for notebooks/01-working-alliance (run: python -m authoring.m01_working_alliance)."""

from scripts.nbauthor import answer, code, md, save, task, tests, written

CELLS = [
    md(
        "title",
        """
# Module 01 · The working alliance: what it is, why it matters, how to read it

**Estimated time:** 85 minutes · **Graded items:** 10 (9 autograded, 1 written), 22 points

Counselling trainees hear early on that "the relationship matters". This module
makes that claim precise. You will separate the therapeutic *relationship* from
the *working alliance* inside it, learn to hear Bordin's three components in what
clients and counsellors say, score a simulated client's alliance questionnaire,
read what the research does and does not show, and plan how to agree a goal with
a client who is unsure about changing their drinking.

### Learning objectives
By the end of this module you will be able to:
1. define the therapeutic relationship (Gelso & Carter) and place the working
   alliance within it;
2. recognise Bordin's three components of the working alliance (agreement on
   goals, agreement on tasks, and the emotional bond) in what clients and
   counsellors say;
3. spot the weakest component in a short case and say what gives it away;
4. score a client's WAI-SR by hand and with `course.instruments.score`, and read
   its task, goal and bond subscales;
5. explain what the research shows about the alliance as a predictor of outcome
   and as a proposed mechanism of change, and what it does not show;
6. explain why the alliance matters in counselling for alcohol use and for
   depression, including what a clinician does when PHQ-9 item 9 is endorsed;
7. plan how to build goal agreement with a client who is ambivalent about drinking.

### Key terms
- **Therapeutic relationship**: the feelings and attitudes client and counsellor
  hold toward each other, and the ways these show (Gelso & Carter, 1985, 1994).
- **Working alliance**: the collaborative part of that relationship: agreement on
  **goals**, agreement on **tasks**, and the **bond** between the two people
  (Bordin, 1979).
- **WAI-SR**: the Working Alliance Inventory, Short Revised (Hatcher & Gillaspy,
  2006): 12 client-rated items, 1-5, with task, goal and bond subscales.
- **Ambivalence**: wanting and not wanting a change at the same time; in
  motivational interviewing, a normal part of changing, not a defect of the client.
- **PHQ-9 item 9**: the depression questionnaire's question on thoughts of death
  or self-harm; any answer above 0 is a clinical-safety flag.

*All clients, counsellors and numbers in this notebook are simulated. Names and
cases are invented.* The module mentions depression, drinking and thoughts of
self-harm; if that is hard for you personally, talk with your supervisor or
instructor.
""",
    ),
    code("setup", "import course\n\nstudent_id = course.setup()"),
    md(
        "relationship",
        """
## 1. The relationship and the alliance inside it

Gelso and Carter (1985; restated 1994) gave the field a deliberately plain
definition: the therapeutic relationship is **what client and counsellor feel
and think about each other, together with the ways those feelings and attitudes
come out** in what each says and does. Three things follow from it:

- it runs **both ways**: the counsellor's reactions to the client belong to the
  relationship as much as the client's reactions to the counsellor;
- it includes feelings that are **never voiced** as well as **how feelings show**
  (arriving early, going quiet, a joke, a cancelled session);
- it is **theory-neutral**: a CBT counsellor and a psychodynamic therapist both have
  one, even if their theories give it different weight.

Gelso and Carter then split the relationship into three components present in every
therapy: the **working alliance** (the collaboration to get the work done), the
**real relationship** (how genuinely and realistically the two people see each
other), and the **transference-countertransference configuration** (feelings
carried over from other relationships). So "relationship" and "alliance" are not
synonyms: the alliance is one part of the relationship. Consumer articles, and
some research, use the terms interchangeably; this course keeps them apart.
""",
    ),
    md(
        "ex1-prompt",
        """
### Exercise 1 (2 points): what does the definition cover?

Below are five statements, drawn for you. For each, decide whether it is
**consistent** with Gelso and Carter's definition and their three-part model
(`True`) or **not** (`False`). Store your judgements in `definition_judgements`,
a dict such as `{"S1": True, "S2": False, ...}` with one entry per statement.
""",
    ),
    code(
        "ex1-show",
        """
from IPython.display import Markdown

from course.exercises.m01_working_alliance import definition_items, numbered

Markdown(numbered(definition_items(course.identity())))
""",
    ),
    answer(
        "ex1-answer",
        """
# Judged against the definition: mutual, feelings and their expression, any school,
# and the working alliance as one of three components.
definition_judgements = {
    item.label: item.answer for item in definition_items(course.identity())
}
""",
    ),
    tests(
        "ex1-tests",
        visible="""
from course.exercises.m01_working_alliance import definition_items
from course.grading import expect_keys, expect_type

_labels = [item.label for item in definition_items(course.identity())]
expect_keys(definition_judgements, _labels, "definition_judgements")
for _label in _labels:
    expect_type(
        definition_judgements[_label], bool, f"definition_judgements['{_label}']",
        "Answer True (consistent with the definition) or False (not consistent).",
    )
""",
        hidden="""
from course import identity as _identity
from course.exercises.m01_working_alliance import answer_key as _answer_key
from course.exercises.m01_working_alliance import definition_items as _definition_items
from course.exercises.m01_working_alliance import rationales as _rationales
from course.grading import expect_labels as _expect_labels

_items = _definition_items(_identity())
_expect_labels(
    definition_judgements, _answer_key(_items), "definition_judgements", _rationales(_items)
)
""",
        points=2,
    ),
    md(
        "bordin",
        """
## 2. Bordin's working alliance: goals, tasks and bond

Bordin (1979) took the working alliance out of psychoanalysis and argued that
every form of therapy rests on one. He described it as three strands, each of
which client and counsellor build together:

| Component | The question it answers | It shows up as... |
|---|---|---|
| **Goals** | *What are we working toward?* | agreement (or not) on the outcomes: cutting down or stopping, sleeping again, deciding about a marriage |
| **Tasks** | *What will we actually do to get there?* | agreement (or not) on the activities: a drink diary, thought records, role-plays, talking it through |
| **Bond** | *How do we feel about each other?* | mutual trust, respect, liking and a sense of attachment; feeling safe enough to be honest |

Bordin's central proposal was that the **strength** of the alliance, more than its
particular kind, drives change, and that different therapies make different
demands on it. Two practical points for counsellors:

- The components are **agreements**, not the counsellor's plan. A task the client
  does not see the point of is a weak task component, however good the technique.
- They lean on each other. A strong bond can carry a client through a task they
  dislike; a clear shared goal can make a hard task worth doing.

### Practice: sort six vignettes
The sorter below holds six practice vignettes, different from the ones you are
graded on. Choose **goal**, **task** or **bond** for each and press **Check**: the
kernel marks each one and tells you why. Change your answers and check again as
often as you like. Listen for *what the strain or agreement is about*, not for
keywords.
""",
    ),
    code(
        "sorter",
        """
from course.exercises.m01_working_alliance import (
    COMPONENTS,
    answer_key,
    practice_items,
    rationales,
)
from course.widgets.m01_sorter import sorter

_practice = practice_items(course.identity())
sorter(
    [(item.label, item.text) for item in _practice],
    COMPONENTS,
    answer_key(_practice),
    rationales(_practice),
    prompt="Which component of the alliance is each vignette mainly about?",
)
""",
        tags=("widget",),
    ),
    md(
        "ex2-prompt",
        """
### Exercise 2 (3 points): sort your seven vignettes

These seven vignettes were drawn for you from the course's vignette bank. Each is
mainly about **one** component. Store your answer in `component_labels`, a dict
from each label to `"goal"`, `"task"` or `"bond"`, for example
`{"V1": "bond", "V2": "goal", ...}`. The three components do not appear equally
often, so counting will not help.
""",
    ),
    code(
        "ex2-show",
        """
from course.exercises.m01_working_alliance import show, sort_items

show(sort_items(course.identity()))
""",
    ),
    answer(
        "ex2-answer",
        """
# What is each one about: the aim (goal), the activity (task) or the two people (bond)?
component_labels = {item.label: item.answer for item in sort_items(course.identity())}
""",
    ),
    tests(
        "ex2-tests",
        visible="""
from course.exercises.m01_working_alliance import COMPONENTS, sort_items
from course.grading import expect_choice, expect_keys

_labels = [item.label for item in sort_items(course.identity())]
expect_keys(component_labels, _labels, "component_labels")
for _label in _labels:
    expect_choice(component_labels[_label], COMPONENTS, f"component_labels['{_label}']")
""",
        hidden="""
from course import identity as _identity
from course.exercises.m01_working_alliance import answer_key as _answer_key
from course.exercises.m01_working_alliance import rationales as _rationales
from course.exercises.m01_working_alliance import sort_items as _sort_items
from course.grading import expect_labels as _expect_labels

_items = _sort_items(_identity())
_expect_labels(component_labels, _answer_key(_items), "component_labels", _rationales(_items))
""",
        points=3,
    ),
    md(
        "weakest",
        """
## 3. Which component is weakest?

In practice an alliance is rarely strong or weak as a whole. More often two
strands hold and one is fraying, and the repair depends on which one:
re-agreeing the aim (goal), renegotiating the activity (task), or attending to
trust and respect between you (bond). A client who likes you and does the
homework but is working toward a different outcome needs a different
conversation from a client who shares your aim but no longer trusts you.

### Exercise 3 (2 points): spot the weakest component

Each short case below describes a client whose alliance is sound in two
components and weak in one. Store in `weakest_component` a dict from each label
to the **weakest** component, e.g. `{"W1": "task", ...}`. The same component may
be weakest in more than one case.
""",
    ),
    code(
        "ex3-show",
        """
from course.exercises.m01_working_alliance import weakest_items

show(weakest_items(course.identity()))
""",
    ),
    answer(
        "ex3-answer",
        """
# Two components hold in each case; name the one that does not.
weakest_component = {item.label: item.answer for item in weakest_items(course.identity())}
""",
    ),
    tests(
        "ex3-tests",
        visible="""
from course.exercises.m01_working_alliance import COMPONENTS, weakest_items
from course.grading import expect_choice, expect_keys

_labels = [item.label for item in weakest_items(course.identity())]
expect_keys(weakest_component, _labels, "weakest_component")
for _label in _labels:
    expect_choice(weakest_component[_label], COMPONENTS, f"weakest_component['{_label}']")
""",
        hidden="""
from course import identity as _identity
from course.exercises.m01_working_alliance import answer_key as _answer_key
from course.exercises.m01_working_alliance import rationales as _rationales
from course.exercises.m01_working_alliance import weakest_items as _weakest_items
from course.grading import expect_labels as _expect_labels

_items = _weakest_items(_identity())
_expect_labels(
    weakest_component, _answer_key(_items), "weakest_component", _rationales(_items)
)
""",
        points=2,
    ),
    md(
        "waisr",
        """
## 4. Measuring the alliance: the WAI-SR

The **Working Alliance Inventory** (Horvath & Greenberg, 1989) turned Bordin's
three components into questionnaire subscales. Its 12-item client form, the
**WAI-SR** (Hatcher & Gillaspy, 2006), is quick enough to give every session:

- 12 items, each answered from 1 (*Seldom*) to 5 (*Always*);
- three subscales of four items: **task** (items 1, 2, 10, 12), **goal** (4, 6, 8,
  11) and **bond** (3, 5, 7, 9). The items of a subscale are *not* next to each
  other;
- no item is reverse-keyed, so answers are used as given;
- the course reports each score as a **mean item score** (1-5): the total is the
  mean of all 12 answers, each subscale the mean of its four. Some services use
  sums (12-60 and 4-20) instead; the information is the same, but do not mix them.

Two cautions. The key and anchors come from scoring guides that cite Hatcher and
Gillaspy (the course has not read the original article), and no clinical cut-off
has been published, so read a client's scores against their own earlier scores,
not against a norm. Client ratings also bunch near the top of the scale (a
ceiling effect), so a small drop can matter. The WAI family is copyrighted: the
course shows only its own short paraphrases of what each item is about, never the
item wording. `course.instruments.get("wai-sr")` holds the full specification,
with the source of every fact.

### Practice: what can a total hide?
Move the sliders. The kernel rescores the twelve answers with the same scorer you
will use below. The starting answers give a total above 4 with a bond subscale of
3: look at what happens to the total and to the bond when you move one bond item.
""",
    ),
    code(
        "explorer",
        """
from course.widgets.m01_wai_explorer import wai_sr_explorer

wai_sr_explorer()
""",
        tags=("widget",),
    ),
    md(
        "client-intro",
        """
### Your client

The cell below picks one client from **your** simulated caseload and shows their
WAI-SR answers for every session they attended (`i1` to `i12`), then the item key
from the course's specification.
""",
    ),
    code(
        "client-data",
        """
import course.instruments
import course.simulate
from course.exercises.m01_working_alliance import MODULE, client_items, focus_client

caseload = course.simulate.for_student(course.identity(), MODULE)
clients = caseload.clients
client_id = focus_client(caseload)
wai = client_items(caseload, client_id)
_about = clients.set_index("client_id").loc[client_id]
print(
    f"Client {client_id}: treated for {str(_about['problem']).replace('_', ' ')}, "
    f"{_about['sessions_attended']} sessions attended."
)
wai
""",
    ),
    code(
        "key-table",
        """
import pandas as pd

_spec = course.instruments.get("wai-sr")
pd.DataFrame(
    [
        {"item": i.number, "about (course paraphrase)": i.label, "subscale": i.subscales[0]}
        for i in _spec.items
    ]
)
""",
    ),
    md(
        "ex4-prompt",
        """
### Exercise 4 (1 point): the total, by hand

Using the **session 1** row of `wai`, compute the client's WAI-SR total yourself
(plain arithmetic, not `course.instruments.score`) and store it in `hand_total`
as a number.
""",
    ),
    answer(
        "ex4-answer",
        """
session_1 = wai.loc[wai["session"] == 1, [f"i{k}" for k in range(1, 13)]].iloc[0]
hand_total = float(session_1.sum()) / 12
""",
    ),
    tests(
        "ex4-tests",
        visible="""
from course.exercises.m01_working_alliance import expect_mean_item_score

expect_mean_item_score(hand_total, "hand_total")
""",
        hidden="""
from course import identity as _identity
from course.exercises.m01_working_alliance import MODULE as _MODULE
from course.exercises.m01_working_alliance import WAI_ITEMS as _WAI_ITEMS
from course.exercises.m01_working_alliance import client_items as _client_items
from course.exercises.m01_working_alliance import focus_client as _focus_client
from course.exercises.m01_working_alliance import hand_total_hint as _hand_total_hint
from course.grading import expect_close as _expect_close
from course.instruments import score as _score
from course.simulate import for_student as _for_student

_caseload = _for_student(_identity(), _MODULE)
_first = _client_items(_caseload, _focus_client(_caseload)).query("session == 1")
_expected = float(_score("wai-sr", _first)["total"].iloc[0])
_expect_close(
    hand_total, _expected, "hand_total",
    _hand_total_hint(hand_total, _first[_WAI_ITEMS].iloc[0]), tol=0.01,
)
""",
        points=1,
    ),
    md(
        "ex5-prompt",
        """
### Exercise 5 (2 points): the subscales, by hand

Still by hand and still for **session 1**, compute the three subscale scores.
Store them in `hand_subscales`, a dict with keys `"task"`, `"goal"` and `"bond"`.
Check the key in the table above before you start.
""",
    ),
    answer(
        "ex5-answer",
        """
items_by_subscale = {"task": [1, 2, 10, 12], "goal": [4, 6, 8, 11], "bond": [3, 5, 7, 9]}
row_1 = wai[wai["session"] == 1].iloc[0]
hand_subscales = {
    name: sum(float(row_1[f"i{n}"]) for n in numbers) / 4
    for name, numbers in items_by_subscale.items()
}
""",
    ),
    tests(
        "ex5-tests",
        visible="""
from course.exercises.m01_working_alliance import expect_mean_item_score
from course.grading import expect_keys

expect_keys(hand_subscales, ["task", "goal", "bond"], "hand_subscales")
for _name in ("task", "goal", "bond"):
    expect_mean_item_score(hand_subscales[_name], f"hand_subscales['{_name}']")
""",
        hidden="""
from course import identity as _identity
from course.exercises.m01_working_alliance import MODULE as _MODULE
from course.exercises.m01_working_alliance import SUBSCALES as _SUBSCALES
from course.exercises.m01_working_alliance import WAI_ITEMS as _WAI_ITEMS
from course.exercises.m01_working_alliance import client_items as _client_items
from course.exercises.m01_working_alliance import focus_client as _focus_client
from course.exercises.m01_working_alliance import subscale_hint as _subscale_hint
from course.grading import expect_close as _expect_close
from course.instruments import score as _score
from course.simulate import for_student as _for_student

_caseload = _for_student(_identity(), _MODULE)
_first = _client_items(_caseload, _focus_client(_caseload)).query("session == 1")
_scored = _score("wai-sr", _first).iloc[0]
_hint = _subscale_hint(hand_subscales, _first[_WAI_ITEMS].iloc[0])
for _subscale in _SUBSCALES:
    _expect_close(
        hand_subscales[_subscale], float(_scored[_subscale]), f"hand_subscales['{_subscale}']",
        _hint, tol=0.01,
    )
""",
        points=2,
    ),
    md(
        "ex6-prompt",
        """
### Exercise 6 (2 points): every session, with the course's scorer

Now let the library do the arithmetic. Score **all** of this client's sessions
with `course.instruments.score("wai-sr", wai)`. Then:

- store in `early_means` a dict with keys `"task"`, `"goal"` and `"bond"`: the mean
  of each subscale over **sessions 1-3** (the early alliance);
- store in `weakest_early` the name of the subscale with the lowest early mean.

This is the component you would want to understand first with this client.
""",
    ),
    answer(
        "ex6-answer",
        """
scored = course.instruments.score("wai-sr", wai)
first_three = scored[scored["session"].between(1, 3)]
early_means = {name: float(first_three[name].mean()) for name in ("task", "goal", "bond")}
weakest_early = min(early_means, key=early_means.get)
""",
    ),
    tests(
        "ex6-tests",
        visible="""
from course.exercises.m01_working_alliance import expect_mean_item_score
from course.grading import expect_choice, expect_keys

expect_keys(early_means, ["task", "goal", "bond"], "early_means")
for _name in ("task", "goal", "bond"):
    expect_mean_item_score(early_means[_name], f"early_means['{_name}']")
expect_choice(weakest_early, ["task", "goal", "bond"], "weakest_early")
""",
        hidden="""
from course import identity as _identity
from course.exercises.m01_working_alliance import MODULE as _MODULE
from course.exercises.m01_working_alliance import SUBSCALES as _SUBSCALES
from course.exercises.m01_working_alliance import client_items as _client_items
from course.exercises.m01_working_alliance import early_means as _early_means
from course.exercises.m01_working_alliance import focus_client as _focus_client
from course.exercises.m01_working_alliance import weakest as _weakest
from course.grading import expect_close as _expect_close
from course.grading import expect_equal as _expect_equal
from course.instruments import score as _score
from course.simulate import for_student as _for_student

_caseload = _for_student(_identity(), _MODULE)
_means = _early_means(_score("wai-sr", _client_items(_caseload, _focus_client(_caseload))))
for _subscale in _SUBSCALES:
    _expect_close(
        early_means[_subscale], _means[_subscale], f"early_means['{_subscale}']",
        "The early alliance here is the mean of each subscale column of the scored table "
        "over sessions 1, 2 and 3 only (session <= 3), not over every session.",
        tol=0.01,
    )
_expect_equal(
    weakest_early, _weakest(_means), "weakest_early",
    "The weakest component is the subscale with the lowest early mean, whatever the total.",
)
""",
        points=2,
    ),
    md(
        "chart1-intro",
        """
### Your client's alliance, session by session
The chart draws the three subscales over every session (task, goal and bond
have different colours and line patterns). Compare it with your `early_means`:
did the weakest component stay the weakest, and does the total you computed
hide how far apart the lines are?
""",
    ),
    code(
        "chart1",
        """
from course.charts.m01_alliance import subscale_trajectories, trajectory_alt_text

_scored_wai = course.instruments.score("wai-sr", wai)
subscale_trajectories(
    _scored_wai,
    title=f"WAI-SR task, goal and bond by session: simulated client {client_id}",
    alt_text=trajectory_alt_text(_scored_wai, client_id),
)
""",
        tags=("chart",),
    ),
    md(
        "evidence",
        """
## 5. Does the alliance matter? Predictor, and proposed mechanism

**As a predictor**, the evidence is strong. Flückiger, Del Re, Wampold and
Horvath (2018) pooled **295 studies** with **more than 30,000 clients** in
face-to-face therapy and found an alliance-outcome correlation of
**r = .278 (95% CI .256 to .299)**. The association held whoever rated the
alliance (client, therapist or observer), across alliance and outcome measures,
treatment approaches, client groups and countries. Squared, r = .278 means the
alliance shares about **8% of the variance** in outcome: modest for any one
client, but remarkably consistent.

**As a mechanism of change**, the picture is less settled. Bordin proposed that the
strength of the alliance is itself a main engine of change, and some researchers
go further and treat the relationship as *the* mechanism. But a correlation
cannot show that on its own. Reviews of the association (e.g. Del Re, Flückiger,
Horvath, Symonds & Wampold, 2012) weigh several explanations that can work
together:

- **the client's contribution**: some clients find it easier to form an alliance
  (for example through secure attachment or social skills) and would also do well
  anyway;
- **the therapist's contribution**: some therapists build stronger alliances
  across their whole caseload, and it is *this* therapist-level difference that
  predicts outcome, while differences between one therapist's clients do not
  (Baldwin, Wampold & Imel, 2007; Del Re et al., 2012);
- **the interaction** between the two people;
- **early change**: clients who improve early may then rate the alliance higher.
  Session-by-session data show alliance and symptoms influencing each other in the
  first sessions, an upward spiral rather than a one-way street (Flückiger et al.,
  2020).

So the honest summary is: a better alliance reliably goes with a better outcome,
and it plausibly helps cause it, but part of the association reflects who the
client and the therapist are and how early the client improves.

### Exercise 7 (1 point): the association in your caseload
`clients` has one row per client in your simulated caseload. `early_alliance` is
the mean client WAI-SR total over sessions 1-3; `outcome_change` is the client's
improvement from baseline to their last session, in standard-deviation units (positive =
better; one unit is 5 PHQ-9 points for depression, 14 drinks a week for alcohol
use), so the two problems share one scale. Store in `r_alliance_outcome` the
Pearson correlation between the two, across all clients.
""",
    ),
    answer(
        "ex7-answer",
        """
r_alliance_outcome = float(clients["early_alliance"].corr(clients["outcome_change"]))
""",
    ),
    tests(
        "ex7-tests",
        visible="""
from course.grading import expect_number

expect_number(r_alliance_outcome, "r_alliance_outcome", -1, 1)
""",
        hidden="""
from course import identity as _identity
from course.exercises.m01_working_alliance import MODULE as _MODULE
from course.exercises.m01_working_alliance import alliance_outcome_r as _alliance_outcome_r
from course.exercises.m01_working_alliance import r_hint as _r_hint
from course.grading import expect_close as _expect_close
from course.simulate import for_student as _for_student

_clients = _for_student(_identity(), _MODULE).clients
_expect_close(
    r_alliance_outcome, _alliance_outcome_r(_clients), "r_alliance_outcome",
    _r_hint(r_alliance_outcome, _clients), tol=0.005,
)
""",
        points=1,
    ),
    md(
        "chart2-intro",
        """
### Your caseload: early alliance and outcome
Each point is one simulated client (shape and colour show what they were treated
for); the black line is the least-squares fit through all of them. The simulator
was built so that, over many thousands of clients, r comes out near the
meta-analytic .28. With only 60 clients, your r can easily land anywhere from
about .05 to .50: a 95% confidence interval for r at n = 60 is roughly ±.24 wide.
That is why one clinic's numbers, or one study, never settle the question.
""",
    ),
    code(
        "chart2",
        """
from course.charts.m01_alliance import alliance_outcome_scatter, scatter_alt_text
from course.exercises.m01_working_alliance import alliance_outcome_r

_r = alliance_outcome_r(clients)
alliance_outcome_scatter(
    clients,
    title=f"Early alliance and outcome in your simulated caseload (r = {_r:.2f})",
    alt_text=scatter_alt_text(clients, _r),
)
""",
        tags=("chart",),
    ),
    md(
        "ex8-prompt",
        """
### Exercise 8 (2 points): what does the evidence support?

Five claims were drawn for you. For each, decide whether the research described
above **supports** it (`True`) or **not** (`False`). Store your judgements in
`claim_judgements`, a dict such as `{"C1": True, ...}`.
""",
    ),
    code(
        "ex8-show",
        """
from course.exercises.m01_working_alliance import claim_items

Markdown(numbered(claim_items(course.identity())))
""",
    ),
    answer(
        "ex8-answer",
        """
# Correlation, not proof; r squared is a share of variance; the association is broad.
claim_judgements = {item.label: item.answer for item in claim_items(course.identity())}
""",
    ),
    tests(
        "ex8-tests",
        visible="""
from course.exercises.m01_working_alliance import claim_items
from course.grading import expect_keys, expect_type

_labels = [item.label for item in claim_items(course.identity())]
expect_keys(claim_judgements, _labels, "claim_judgements")
for _label in _labels:
    expect_type(
        claim_judgements[_label], bool, f"claim_judgements['{_label}']",
        "Answer True (supported by the evidence) or False (not supported).",
    )
""",
        hidden="""
from course import identity as _identity
from course.exercises.m01_working_alliance import answer_key as _answer_key
from course.exercises.m01_working_alliance import claim_items as _claim_items
from course.exercises.m01_working_alliance import rationales as _rationales
from course.grading import expect_labels as _expect_labels

_items = _claim_items(_identity())
_expect_labels(claim_judgements, _answer_key(_items), "claim_judgements", _rationales(_items))
""",
        points=2,
    ),
    md(
        "alcohol-depression",
        """
## 6. Why the alliance matters in counselling for drinking and for depression

**Alcohol use.** Many people arrive at an alcohol service because someone else
is worried: a GP, a partner, an employer. They are often **ambivalent**: drinking
costs them something and gives them something. That makes **goal agreement** the
first piece of work, and it is often where the alliance breaks: the counsellor
aims at stopping, the client at cutting down, and neither says so. In outpatient
alcohol treatment, alliance ratings by clients and by therapists predicted how
much clients took part in treatment and how much they drank during it and a year
later, over and above other predictors; in an aftercare sample the client-rated
alliance did not (Connors et al., 1997). Motivational interviewing (Miller &
Rollnick, 2013) gives a way of working that protects the alliance: explore both
sides of the ambivalence, draw out the client's own reasons, offer information
with permission, and let the client choose among goals. Whether cutting down is a
safe goal is also a clinical question: signs of dependence (for example drinking
to stop shaking in the morning) call for a medical review before anyone stops
suddenly, and UK guidance (NICE, 2011) covers both goal-setting and assisted
withdrawal.

**Depression.** Depression itself pulls against the alliance: hopelessness ("nothing
will help"), low energy for between-session tasks, withdrawal from people, and
expecting to be a burden or to be judged. In the large NIMH depression trial, the
alliance, rated by observers from session recordings, was related to outcome in
interpersonal therapy and CBT, and also in antidepressant medication and placebo
(both given with clinical management); it was the *client's* contribution to the
alliance that carried the link (Krupnick et al., 1996). Across therapies, clients
with weaker alliances are also more likely to drop out (d = .55 over 11 studies;
Sharf, Primavera & Diener, 2010), so a fraying alliance with a depressed client is
worth raising before it turns into a missed session.

> **Clinical safety: PHQ-9 item 9.** The PHQ-9 (Kroenke, Spitzer & Williams,
> 2001), used in depression and often in alcohol services too, asks how often the
> client has had thoughts of being better off dead or of hurting themselves. **Any
> answer above 0 is acted on the same day, whatever the total score.** The
> clinician asks the client about it directly and calmly (asking does not plant
> the idea: Dazzi et al., 2014), makes sure a **same-day risk assessment by a
> qualified clinician** happens, works on a **safety plan** with the client, and
> follows the **local protocol**, involving their **supervisor**. Item 9 is never
> averaged into the total and set aside: `course.instruments.score("phq-9", ...)`
> reports it as a separate `safety_flag` for exactly this reason. Handled with
> care, this conversation tends to strengthen the bond rather than strain it.

The cell below shows the point in your own caseload: forms whose PHQ-9 total is
in the minimal or mild range but whose item 9 is above 0. (How often the
simulator produces item-9 answers is a design choice, not a clinical estimate.)
""",
    ),
    code(
        "phq9-flags",
        """
_phq = course.instruments.score("phq-9", caseload.items("phq-9"))
_low_but_flagged = _phq[(_phq["total"] < 10) & _phq["safety_flag"]]
print(
    f"{len(_low_but_flagged)} of {len(_phq)} PHQ-9 forms in your simulated caseload have a "
    "total under 10 and item 9 above 0: each one is flagged for same-day follow-up."
)
_low_but_flagged[["client_id", "session", "total", "severity", "i9", "safety_flag"]].head(5)
""",
    ),
    md(
        "ex9-prompt",
        """
### Exercise 9 (3 points): what would you do?

Three short cases were drawn for you: one from an alcohol service, one from
depression counselling, and one about safety. For each, choose the response that
best protects both the client and the alliance. Store your choices in
`case_choices`, a dict from `"alcohol"`, `"depression"` and `"safety"` to the
letter of the option you choose, e.g. `{"alcohol": "b", ...}`.
""",
    ),
    code(
        "ex9-show",
        """
from course.exercises.m01_working_alliance import cases, cases_markdown

Markdown(cases_markdown(cases(course.identity())))
""",
    ),
    answer(
        "ex9-answer",
        """
# The response that keeps the client's view and safety at the centre.
case_choices = {case.key: case.best for case in cases(course.identity())}
""",
    ),
    tests(
        "ex9-tests",
        visible="""
from course.grading import expect_choice, expect_keys

expect_keys(case_choices, ["alcohol", "depression", "safety"], "case_choices")
for _key in ("alcohol", "depression", "safety"):
    expect_choice(case_choices[_key], ["a", "b", "c"], f"case_choices['{_key}']")
""",
        hidden="""
from course import identity as _identity
from course.exercises.m01_working_alliance import case_key as _case_key
from course.exercises.m01_working_alliance import case_rationales as _case_rationales
from course.exercises.m01_working_alliance import cases as _cases
from course.grading import expect_labels as _expect_labels

_picked = _cases(_identity())
_expect_labels(case_choices, _case_key(_picked), "case_choices", _case_rationales(_picked))
""",
        points=3,
    ),
    task(
        "ex10-task",
        """
## 7. Exercise 10 (4 points, graded by your instructor): agreeing a goal with an ambivalent client

Jo (34) is in your service for drinking. In session 2 Jo says:

*"Weekends are the only time I properly switch off. I know it's getting out of
hand: I missed my niece's birthday lunch last month because I was too hungover
to drive. My partner wants me to stop completely. I don't think I could, and
honestly I'm not sure I want to."*

In **150-250 words**, describe how you would work toward agreement on a goal
with Jo over the next session. Include:

- at least **two things you might say** to Jo, in your own words;
- how you would handle the difference between **stopping** and **cutting down**
  (including what you would check before either);
- which of **Bordin's components** each step serves.

Write your answer in the cell below.
""",
        rubric="""
Rubric (4 points; half points allowed):
- 1 point, exploring ambivalence: reflects both sides of what Jo said (what
  weekend drinking gives Jo, and the costs Jo names: the missed lunch, the
  partner's worry) without taking a side; a double-sided reflection or an open
  question about both; no arguing for change ("righting reflex").
- 1 point, Jo's own reasons: draws out what matters to Jo (e.g. the niece, the
  partner, what Jo wants weekends to be like) and asks permission before sharing
  information or concern.
- 1 point, negotiating the goal: sets out options openly (cutting down with
  specific limits or harm-reduction steps, a trial period without alcohol,
  stopping) as Jo's choice to make; agrees a specific goal to review; the
  partner's wish is acknowledged but not imposed; mentions checking for signs of
  dependence or withdrawal (e.g. morning drinking, shakes), with medical review
  before any sudden stop.
- 1 point, alliance-consistent stance: no confrontation, no labels ("alcoholic",
  "in denial", "non-compliant"), respects autonomy; links steps to Bordin (goal
  agreement above all; the bond protected by respect and empathy; tasks agreed
  as next steps) and is consistent with motivational interviewing (engaging,
  focusing, evoking, planning; Miller & Rollnick, 2013).
- Award 0 for a criterion when the answer makes abstinence a precondition of
  treatment, labels or lectures Jo, or sides with the partner against Jo.
""",
        model_answer="""
I would start by showing Jo I have heard both sides: "Weekends are when you get to
unwind, and at the same time missing your niece's lunch bothered you." Then I
would ask what Jo would like weekends to look like in six months, and what the
missed lunch meant, so that the reasons for any change are Jo's rather than mine
or the partner's (bond and goal). With permission, I would share what I notice
about how much Jo drinks and ask a few questions about dependence, such as
drinking in the morning or feeling shaky without alcohol; if there are signs of
it, a medical review comes before any sudden stop. I would then lay out the
options as Jo's to choose: setting limits on weekend drinking, trying a month
without alcohol to see what it is like, or stopping. Whatever Jo picks, we would
make it specific, for example no more than a set number of drinks on Saturday and
none when driving the next day, and agree to review it together in two weeks
(goal). Next steps such as a drink diary would be agreed, not assigned (task). I
would avoid labels and arguing, because pushing the partner's goal would likely
make Jo defend the drinking and strain the bond.
""",
        points=4,
    ),
    written("ex10-answer"),
    md(
        "summary",
        """
## Summary
- The **therapeutic relationship** is what client and counsellor feel and think
  about each other and how that shows (Gelso & Carter); the **working alliance** is
  one of its three components, not another name for it.
- Bordin's alliance has three strands: agreement on **goals**, agreement on
  **tasks**, and the **bond**. Strains are usually in one strand, and the repair
  depends on which.
- The **WAI-SR** measures the three strands from the client's side: 12 items, 1-5,
  total and subscales as mean item scores; task 1, 2, 10, 12; goal 4, 6, 8, 11;
  bond 3, 5, 7, 9. A healthy-looking total can hide a weak subscale.
- The alliance **predicts** outcome (r = .278 across 295 studies), and is a
  plausible but not proven **mechanism** of change: client and therapist
  contributions and early improvement explain part of the association.
- In **alcohol** counselling, goal agreement with an ambivalent client is the
  first task, done collaboratively, with a medical check where dependence is
  possible. In **depression**, hopelessness and withdrawal strain the alliance,
  and weak alliances go with dropout. **PHQ-9 item 9** above 0 means asking
  directly and a same-day risk assessment, every time.

### A note on sources
This course began from a consumer-health article on the therapist-client
relationship, paraphrased here and corrected where needed. For this module: the
article attributes the outcome finding to a single attachment study, whereas the
evidence for the alliance as a predictor is the meta-analytic work cited below;
and one of its references misspells Symonds (corrected below).

### References
- Baldwin, S. A., Wampold, B. E., & Imel, Z. E. (2007). Untangling the
  alliance-outcome correlation: Exploring the relative importance of therapist and
  patient variability in the alliance. *Journal of Consulting and Clinical
  Psychology, 75*(6), 842-852.
- Bordin, E. S. (1979). The generalizability of the psychoanalytic concept of the
  working alliance. *Psychotherapy: Theory, Research & Practice, 16*(3), 252-260.
- Connors, G. J., Carroll, K. M., DiClemente, C. C., Longabaugh, R., & Donovan,
  D. M. (1997). The therapeutic alliance and its relationship to alcoholism
  treatment participation and outcome. *Journal of Consulting and Clinical
  Psychology, 65*(4), 588-598.
- Dazzi, T., Gribble, R., Wessely, S., & Fear, N. T. (2014). Does asking about
  suicide and related behaviours induce suicidal ideation? What is the evidence?
  *Psychological Medicine, 44*(16), 3361-3363. https://doi.org/10.1017/S0033291714001299
- Del Re, A. C., Flückiger, C., Horvath, A. O., Symonds, D., & Wampold, B. E.
  (2012). Therapist effects in the therapeutic alliance-outcome relationship: A
  restricted-maximum likelihood meta-analysis. *Clinical Psychology Review,
  32*(7), 642-649.
- Flückiger, C., Del Re, A. C., Wampold, B. E., & Horvath, A. O. (2018). The
  alliance in adult psychotherapy: A meta-analytic synthesis. *Psychotherapy,
  55*(4), 316-340. https://doi.org/10.1037/pst0000172
- Flückiger, C., Rubel, J., Del Re, A. C., Horvath, A. O., Wampold, B. E.,
  Crits-Christoph, P., et al. (2020). The reciprocal relationship between alliance
  and early treatment symptoms: A two-stage individual participant data
  meta-analysis. *Journal of Consulting and Clinical Psychology, 88*(9), 829-843.
  https://doi.org/10.1037/ccp0000594
- Gelso, C. J., & Carter, J. A. (1985). The relationship in counseling and
  psychotherapy: Components, consequences, and theoretical antecedents. *The
  Counseling Psychologist*. (Volume and pages not yet checked against the journal.)
- Gelso, C. J., & Carter, J. A. (1994). Components of the psychotherapy
  relationship: Their interaction and unfolding during treatment. *Journal of
  Counseling Psychology, 41*(3), 296 ff. (first page and DOI confirmed; last page
  not yet checked). https://doi.org/10.1037/0022-0167.41.3.296
- Hatcher, R. L., & Gillaspy, J. A. (2006). Development and validation of a revised
  short version of the Working Alliance Inventory. *Psychotherapy Research,
  16*(1), 12-25.
- Horvath, A. O., & Greenberg, L. S. (1989). Development and validation of the
  Working Alliance Inventory. *Journal of Counseling Psychology, 36*(2), 223-233.
- Kroenke, K., Spitzer, R. L., & Williams, J. B. W. (2001). The PHQ-9: Validity of a
  brief depression severity measure. *Journal of General Internal Medicine,
  16*(9), 606-613.
- Krupnick, J. L., Sotsky, S. M., Simmens, S., Moyer, J., Elkin, I., Watkins, J., &
  Pilkonis, P. A. (1996). The role of the therapeutic alliance in psychotherapy and
  pharmacotherapy outcome: Findings in the National Institute of Mental Health
  Treatment of Depression Collaborative Research Program. *Journal of Consulting and
  Clinical Psychology, 64*(3), 532-539.
- Miller, W. R., & Rollnick, S. (2013). *Motivational interviewing: Helping people
  change* (3rd ed.). Guilford Press.
- National Institute for Health and Care Excellence (2011). *Alcohol-use
  disorders: Diagnosis, assessment and management of harmful drinking (high-risk
  drinking) and alcohol dependence* (Clinical guideline CG115).
  https://www.nice.org.uk/guidance/cg115
- Sharf, J., Primavera, L. H., & Diener, M. J. (2010). Dropout and therapeutic
  alliance: A meta-analysis of adult individual psychotherapy. *Psychotherapy:
  Theory, Research, Practice, Training, 47*(4), 637-645.
  https://doi.org/10.1037/a0021175
""",
    ),
]

if __name__ == "__main__":
    print(save(CELLS, "notebooks/01-working-alliance/01-working-alliance.ipynb"))
