"""Authoring script for notebooks/07-ruptures-and-monitoring (run: python -m authoring.m07_ruptures_and_monitoring)."""

from scripts.nbauthor import answer, code, md, save, task, tests, written

CELLS = [
    md(
        "title",
        """
# Module 07 · Ruptures, repair and session-by-session monitoring (capstone)

**Estimated time:** 90 minutes · **Graded items:** 10 (8 autograded, 2 written:
a short SRS response and the case review) · **Points:** 27 (14 autograded, 3 for the
SRS response, 10 for the case review)

Every alliance has strained moments. This closing module is about noticing them,
working with them, and keeping track of the relationship session by session, so
that a strain becomes something you and the client talk about instead of a reason
the client stops coming. It ends with a case review that pulls the whole course
together.

### Learning objectives
By the end of this module you will be able to:
1. recognise **withdrawal** and **confrontation** rupture markers in what a client
   says, and tell whether a therapist attempts a **repair**;
2. apply a stated rule to a client's session-by-session WAI-SR scores to flag
   possible rupture sessions and say which of them were repaired;
3. describe the **stable**, **linear-growth** and **dip-and-recover** alliance
   trajectories, what Kivlighan and Shaughnessy (2000) found about them, and read
   them in noisy data;
4. estimate the link between rupture repair and outcome in a caseload and compare
   it with the meta-analytic r = .29 (Eubanks, Muran & Safran, 2018);
5. use the SRS and ORS session by session, as in feedback-informed treatment, and
   say what to do when the SRS total is 36 or below;
6. write an integrated case review of one client: alliance components, uses of the
   relationship, measurement and outcome.

### Key terms
- **Alliance rupture**: a deterioration in the working alliance, seen as
  disagreement about goals, a breakdown of collaboration on tasks, or a strain in
  the bond (Safran & Muran, 2000; Eubanks et al., 2018).
- **Withdrawal marker**: the client moves *away* from the therapist or the work.
  **Confrontation marker**: the client moves *against* the therapist or the work.
- **Repair (resolution)**: what client and therapist do to restore collaboration
  after a rupture.
- **Running baseline**: the mean of a client's scores in all earlier sessions.
- **Dip-and-recover trajectory**: an alliance that starts well, dips mid-course and
  recovers (a quadratic, high-low-high shape).
- **Feedback-informed treatment (FIT) / PCOMS**: routinely asking clients to rate
  outcome (ORS) and alliance (SRS) every session and using the answers with them.
""",
    ),
    code("setup", "import course\n\nstudent_id = course.setup()"),
    md(
        "about-data",
        """
**All clients in this module are simulated** from your trainee id: no real person's
data is used, and your numbers differ from your classmates'. Every number you are
asked for is computed from *your* data, so the grader recomputes it from the same
seed.

*A note on content:* the case material mentions depression, heavy drinking and a
questionnaire item about thoughts of self-harm. If this is hard for you personally,
talk with your supervisor or instructor.
""",
    ),
    code(
        "load",
        """
import numpy as np
from IPython.display import Markdown, display

from course.exercises import m07_ruptures_and_monitoring as m07

caseload = m07.trainee_caseload(course.identity())
sessions = caseload.sessions
clients = caseload.clients
print(
    f"Your simulated caseload: {len(clients)} clients of {clients['therapist_id'].nunique()} "
    f"therapists, {len(sessions)} sessions."
)
""",
    ),
    md(
        "ruptures",
        """
## 1. Ruptures and their markers

In Bordin's terms (module 01) a rupture is a strain in one or more parts of the
alliance: client and therapist stop agreeing on what they are working toward, stop
collaborating on how, or the bond between them weakens. Ruptures run from brief
tensions that neither person names to open breakdowns. They are common, and they
are not failures in themselves: Safran and Muran (2000) treat working through them
as one of the ways therapy helps.

Because clients rarely announce a rupture, therapists learn to listen for
**markers**. The Rupture Resolution Rating System (3RS; Eubanks, Muran & Safran,
2015), an observer rating of recorded sessions, sorts them into two families
(examples in our words):

| Withdrawal: moving *away* | Confrontation: moving *against* |
|---|---|
| short, minimal answers; a denial of a feeling that is plain to see | complaints about the therapist ("you don't get it") |
| changing the subject, long stories that avoid the point | rejecting a suggestion or a task outright |
| vague, abstract or intellectual talk instead of one's own experience | complaints about the activities, the arrangements or the lack of progress |
| agreeing, deferring or pleasing while not really on board | defending oneself against the therapist; blame |
| laughing or smiling while describing something painful | pressure or attempts to control what the therapist does |

Trained raters agree well on both families, and in the 3RS validation study
confrontation markers, how well ruptures were resolved and the therapist's
contribution to ruptures each predicted which clients dropped out (Eubanks, Lubitz,
Muran & Safran, 2019).

**Repair.** A repair starts when the therapist notices the strain and turns toward
it instead of pressing on. It can be *direct*, talking together about what is
happening between you ("I wonder if what I said last week didn't sit right"), or
*indirect*, changing the task or the goal, or explaining the rationale again
(Safran & Muran, 2000; Eubanks et al., 2018). The practice advice that runs through
this research is to explore the client's negative feelings about the therapy and to
respond openly, without defensiveness, owning one's own part (Safran, Muran,
Samstag & Stevens, 2001).
""",
    ),
    md(
        "ex1-intro",
        """
### Exercise 1 (2 points): withdrawal or confrontation?
Below are six short vignettes drawn for you. Read each one as a clinician would:
is the client moving away from the therapist or the work, or against them?
""",
    ),
    code(
        "ex1-show",
        """
marker_ids, marker_text = m07.exercise_vignettes(course.identity(), "rupture")
display(Markdown(marker_text))
""",
    ),
    md(
        "ex1-prompt",
        """
Store in `marker_labels` a dictionary that maps **each label** above (`"V1"` to
`"V6"`) to `"withdrawal"` or `"confrontation"`, for example
`{"V1": "withdrawal", ...}`.
""",
    ),
    answer(
        "ex1-answer",
        """
marker_labels = m07.exercise_key(course.identity(), "rupture")
""",
    ),
    tests(
        "ex1-tests",
        visible="""
from course.grading import expect_choice, expect_keys

expect_keys(marker_labels, m07.vignette_labels("rupture"), "marker_labels")
for _label in marker_labels.values():
    expect_choice(_label, ["withdrawal", "confrontation"], "each value of marker_labels")
""",
        hidden="""
from course import identity as _identity
from course.exercises import m07_ruptures_and_monitoring as _m07

_m07.check_vignette_labels(marker_labels, _identity(), "rupture", "marker_labels")
""",
        points=2,
    ),
    md(
        "ex2-intro",
        """
### Exercise 2 (2 points): is the therapist attempting a repair?
Each scene below contains a rupture. Look at the therapist's response: does the
therapist notice the strain and turn toward it, or miss it, talk past it, defend
themself or push on?
""",
    ),
    code(
        "ex2-show",
        """
scene_ids, scene_text = m07.exercise_vignettes(course.identity(), "repair")
display(Markdown(scene_text))
""",
    ),
    md(
        "ex2-prompt",
        """
Store in `repair_attempted` a dictionary that maps **each scene label** above
(`"S1"` to `"S4"`) to `True` (the therapist attempts a repair) or `False` (no
repair).
""",
    ),
    answer(
        "ex2-answer",
        """
repair_attempted = m07.exercise_key(course.identity(), "repair")
""",
    ),
    tests(
        "ex2-tests",
        visible="""
from course.grading import expect_keys, expect_type

expect_keys(repair_attempted, m07.vignette_labels("repair"), "repair_attempted")
for _flag in repair_attempted.values():
    expect_type(_flag, bool, "each value of repair_attempted", "Use True or False.")
""",
        hidden="""
from course import identity as _identity
from course.exercises import m07_ruptures_and_monitoring as _m07

_m07.check_vignette_labels(repair_attempted, _identity(), "repair", "repair_attempted")
""",
        points=2,
    ),
    md(
        "detection",
        """
## 2. Finding ruptures in session data

In the room you find ruptures by listening. Between sessions, a client's own
alliance ratings can point you to sessions worth a second look. Studies that ask
clients to rate the alliance after every session look for exactly this: short dips
followed by recovery (Stevens, Muran, Safran, Gorman & Winston, 2007, found such
local rupture-and-repair patterns in session-by-session WAI ratings).

This course uses one precise rule. It is a **teaching convention**, not a published
cut-off; its numbers (0.5 points, two sessions) are chosen to be clear, and the
simulated record lets you see how often such a rule agrees with what happened.

> **Running baseline** at session *s*: the mean of the client's WAI-SR totals in
> **all earlier sessions** 1 … *s* − 1.
>
> **Rupture session**: from **session 3** on, a session whose WAI-SR total is
> **at least 0.5 points below** its running baseline.
>
> **Repaired**: a rupture at session *s* is repaired if, in **at least one of the
> next two sessions** (*s* + 1 or *s* + 2), the WAI-SR total is **at or above that
> same baseline**, the pre-rupture level. A rupture with no later session in the
> record does not count as repaired.

The WAI-SR total here is the mean of the client's twelve answers (1-5), scored with
`course.instruments.score("wai-sr", ...)` and rounded to two decimals; `task`,
`goal` and `bond` are its subscales (Hatcher & Gillaspy, 2006). Below is the record
of your **case client**, chosen for you from your caseload. You will come back to
this client in the case review.
""",
    ),
    code(
        "case-record",
        """
case_id = m07.choose_case_client(caseload, course.identity())
record = m07.client_record(caseload, case_id)
case_problem = clients.set_index("client_id").loc[case_id, "problem"].replace("_", " ")
print(f"Your case client: {case_id}, in counselling for {case_problem}, {len(record)} sessions.")
record
""",
    ),
    md(
        "case-chart-intro",
        """
The chart shows the WAI-SR total session by session (solid) and the running
baseline (dashed). A rupture under the rule is a point that sits at least 0.5 below
the dashed line, from session 3 on. Reading the chart gives you a first idea;
compute the answer exactly.
""",
    ),
    code(
        "case-chart",
        """
from course.charts.m07_monitoring import alliance_with_baseline

alliance_with_baseline(
    record,
    title=f"Client {case_id}: WAI-SR total and running baseline (simulated)",
    alt_text=(
        f"Line chart of simulated client {case_id}'s WAI-SR total (1-5) at each session, "
        "with a dashed line for the running baseline, the mean of all earlier sessions."
    ),
)
""",
        tags=("chart",),
    ),
    md(
        "ex3-prompt",
        """
### Exercise 3 (2 points): which sessions does the rule flag?
Using `record`, store in `rupture_sessions` the **list of session numbers**
(integers, in order) that the rule flags as rupture sessions.

*Hint:* in pandas, `record["wai_sr"].shift(1).expanding().mean()` gives the mean of
all earlier sessions at each row (empty for session 1). A loop over the sessions
works just as well.
""",
    ),
    answer(
        "ex3-answer",
        """
wai = record["wai_sr"]
baseline = wai.shift(1).expanding().mean()
flagged = (record["session"] >= 3) & (baseline - wai >= 0.5)
rupture_sessions = [int(s) for s in record.loc[flagged, "session"]]
""",
    ),
    tests(
        "ex3-tests",
        visible="""
from course.grading import expect_type

expect_type(rupture_sessions, list, "rupture_sessions", "Use a list such as [4, 7].")
assert all(type(s) is int for s in rupture_sessions), (
    "Each entry of rupture_sessions should be a session number (an int), not a score."
)
assert all(3 <= s <= int(record["session"].max()) for s in rupture_sessions), (
    "Session numbers run from 3 (the first session the rule checks) to the client's last session."
)
""",
        hidden="""
from course import identity as _identity
from course.exercises import m07_ruptures_and_monitoring as _m07
from course.grading import expect_equal

expect_equal(
    rupture_sessions,
    _m07.expected_rupture_sessions(_identity()),
    "rupture_sessions",
    _m07.rupture_feedback(rupture_sessions, _identity()),
)
""",
        points=2,
    ),
    md(
        "ex4-prompt",
        """
### Exercise 4 (2 points): which ruptures were repaired?
Store in `repaired_sessions` the list of **rupture sessions** (from your answer to
Exercise 3) that count as repaired under the rule: in session *s* + 1 or *s* + 2,
the WAI-SR total is back at or above the running baseline that flagged session *s*.
""",
    ),
    answer(
        "ex4-answer",
        """
repaired_sessions = []
for s in rupture_sessions:
    pre_rupture = baseline[record["session"] == s].iloc[0]
    next_two = record.loc[record["session"].between(s + 1, s + 2), "wai_sr"]
    if (next_two >= pre_rupture).any():
        repaired_sessions.append(s)
""",
    ),
    tests(
        "ex4-tests",
        visible="""
from course.grading import expect_type

expect_type(repaired_sessions, list, "repaired_sessions", "Use a list such as [4].")
assert all(type(s) is int for s in repaired_sessions), (
    "Each entry of repaired_sessions should be a session number (an int)."
)
""",
        hidden="""
from course import identity as _identity
from course.exercises import m07_ruptures_and_monitoring as _m07
from course.grading import expect_equal

expect_equal(
    repaired_sessions,
    _m07.expected_repaired_sessions(_identity()),
    "repaired_sessions",
    _m07.repair_feedback(repaired_sessions, _identity()),
)
""",
        points=2,
    ),
    md(
        "detection-caveat",
        """
**A rule is a screen, not a diagnosis.** Clients under-report ruptures, especially
withdrawal ones, and a dip in a rating can come from a bad week rather than
anything between you. The simulated record also notes, session by session, whether
a rupture happened and whether it was repaired in the session (`rupture` and
`repaired` in `sessions`). In the case review you will compare those notes with the
sessions your rule flagged: where the two disagree is where judgement comes in.
""",
    ),
    md(
        "trajectories",
        """
## 3. The shape of the alliance over time

Kivlighan and Shaughnessy (2000) clustered clients' working-alliance ratings across
four sessions of counselling with novice counsellors (38 clients, and a replication
sample of 41). Both samples showed the same three patterns: a
**stable** alliance, **linear growth**, and **quadratic growth**, a high-low-high
shape that this course calls **dip and recover**. As Gelso and Carter (1994) had
predicted, clients with the dip-and-recover pattern improved more on measures of
counselling benefit than clients with the other patterns. One reading is that a
dip that is noticed and worked through is a rupture repaired at the scale of the
whole course of therapy.

Hold this finding lightly. In 44 cases of 30-session therapies, Stevens et al.
(2007) did not find a global high-low-high pattern, and neither the local
rupture-and-repair dips nor the linear trends they did find were related to outcome;
the *level* of the alliance was. Small samples, different lengths of therapy and
noisy ratings all matter.

In the simulation, each client has a ground-truth trajectory (the `trajectory`
column of `clients`), and dip-and-recover clients were given a somewhat better
outcome on average. The chart shows three of your clients, one of each type, in a
random order. Each panel has the WAI-SR totals (solid blue), the level of the first
three sessions (grey dashed) and a fitted curve (orange dotted).
""",
    ),
    code(
        "trajectory-chart",
        """
from course.charts.m07_monitoring import trajectory_panels

trajectory_panels(
    m07.trajectory_frame(caseload, m07.trajectory_examples(caseload, course.identity())),
    title="Three simulated clients' WAI-SR totals over their sessions",
    alt_text=(
        "Three small line charts, Client A, B and C, each showing one simulated client's WAI-SR "
        "total by session with a dashed line at the level of the first three sessions and a "
        "fitted curve; one is stable, one grows and one dips mid-course and recovers."
    ),
)
""",
        tags=("chart",),
    ),
    md(
        "ex5-prompt",
        """
### Exercise 5 (1 point): read the shapes
Store in `trajectory_labels` a dictionary mapping `"A"`, `"B"` and `"C"` to
`"stable"`, `"linear_growth"` or `"dip_and_recover"`. Each type appears once. Judge
from the whole series, not one session: ratings are noisy.
""",
    ),
    answer(
        "ex5-answer",
        """
shown = m07.trajectory_examples(caseload, course.identity())
truth = clients.set_index("client_id")["trajectory"]
trajectory_labels = {letter: str(truth[cid]) for letter, cid in shown.items()}
""",
    ),
    tests(
        "ex5-tests",
        visible="""
from course.grading import expect_choice, expect_keys

expect_keys(trajectory_labels, ["A", "B", "C"], "trajectory_labels")
for _shape in trajectory_labels.values():
    expect_choice(_shape, ["stable", "linear_growth", "dip_and_recover"], "each trajectory label")
""",
        hidden="""
from course import identity as _identity
from course.exercises import m07_ruptures_and_monitoring as _m07

_m07.check_labels(
    trajectory_labels,
    _m07.expected_trajectory_labels(_identity()),
    "trajectory_labels",
    {},
    "Stable stays near its early level; linear growth climbs steadily; dip and recover "
    "starts well, falls mid-course and climbs back to or above the early level.",
)
""",
        points=1,
    ),
    md(
        "ex6-prompt",
        """
### Exercise 6 (1 point): does your caseload show the dip-and-recover advantage?
`outcome_change` in `clients` is each client's standardised improvement (positive =
better). Store in `outcome_by_trajectory` a dictionary mapping each trajectory type
(`"stable"`, `"linear_growth"`, `"dip_and_recover"`) to the **mean outcome_change**
of **all** your clients of that type.
""",
    ),
    answer(
        "ex6-answer",
        """
group_means = clients.groupby("trajectory", observed=True)["outcome_change"].mean()
outcome_by_trajectory = {
    kind: float(group_means[kind]) for kind in ["stable", "linear_growth", "dip_and_recover"]
}
""",
    ),
    tests(
        "ex6-tests",
        visible="""
from course.grading import expect_keys, expect_number

expect_keys(
    outcome_by_trajectory, ["stable", "linear_growth", "dip_and_recover"], "outcome_by_trajectory"
)
for _mean in outcome_by_trajectory.values():
    expect_number(_mean, "each mean of outcome_change", -5, 10)
""",
        hidden="""
from course import identity as _identity
from course.exercises import m07_ruptures_and_monitoring as _m07

_m07.check_group_means(
    outcome_by_trajectory,
    _m07.mean_outcome_by_trajectory(_m07.trainee_caseload(_identity())),
    "outcome_by_trajectory",
    _m07.TRAJECTORY_MEANS_CONCEPT,
)
""",
        points=1,
    ),
    md(
        "ex6-reflect",
        """
Look at your three means. With 60 clients split three ways, each mean rests on
roughly 10 to 30 clients, so the order can come out differently from the published
finding by chance alone. If your caseload does not show the dip-and-recover
advantage, that is not an error: it is what one small sample looks like.
""",
    ),
    md(
        "repair-outcome",
        """
## 4. Does repairing ruptures go with better outcomes?

Eubanks, Muran and Safran (2018) pooled 11 studies (1,314 patients) that compared
the outcomes of patients whose ruptures were repaired with those whose ruptures were
not. Repair went with better outcome: **r = .29** (d = .62, 95% CI [.10, .47]), a
moderate association. In a second meta-analysis, of 6 studies with 276 trainees or
supervisees, training therapists in rupture resolution did not significantly improve
patient outcome (r = .11). Both are correlations across studies: they do not show
that repair *causes* improvement, and clients who can work a rupture through may
differ in other ways.

The simulated caseload was built so that the share of a client's ruptures that get
repaired relates to their outcome at about the published strength. Your 60 clients
are a small sample: your estimate will scatter around it.
""",
    ),
    md(
        "ex7-prompt",
        """
### Exercise 7 (2 points): repair and outcome in your caseload
Using the record's own notes (`sessions["rupture"]`, `sessions["repaired"]`):
1. for each client, count the sessions with a rupture and those where it was repaired;
2. keep only the clients with **at least one** rupture, and compute each one's
   **share repaired** (repairs / ruptures);
3. store in `repair_outcome_r` the **Pearson correlation** of that share with the
   client's `outcome_change` (from `clients`), as a number.

*Hint:* `sessions["client_id"]` is categorical; `.astype(str)` makes it match
`clients["client_id"]`. `np.corrcoef(x, y)[0, 1]` or `x.corr(y)` gives r.
""",
    ),
    answer(
        "ex7-answer",
        """
per_client = (
    sessions.assign(client_id=sessions["client_id"].astype(str))
    .groupby("client_id")[["rupture", "repaired"]]
    .sum()
)
with_rupture = per_client[per_client["rupture"] >= 1]
share_repaired = with_rupture["repaired"] / with_rupture["rupture"]
improvement = clients.set_index("client_id")["outcome_change"].reindex(share_repaired.index)
repair_outcome_r = float(np.corrcoef(share_repaired, improvement)[0, 1])
""",
    ),
    tests(
        "ex7-tests",
        visible="""
from course.grading import expect_number

expect_number(repair_outcome_r, "repair_outcome_r", -1, 1)
""",
        hidden="""
from course import identity as _identity
from course.exercises import m07_ruptures_and_monitoring as _m07
from course.grading import expect_close

expect_close(
    repair_outcome_r,
    _m07.repair_outcome_correlation(_m07.trainee_caseload(_identity())),
    "repair_outcome_r",
    _m07.repair_r_feedback(repair_outcome_r, _identity()),
    tol=0.005,
)
""",
        points=2,
    ),
    md(
        "monitoring",
        """
## 5. Monitoring the relationship session by session

In the **Partners for Change Outcome Management System** (PCOMS; Miller, Duncan,
Brown, Sorrell & Chalk, 2006), part of what is now called feedback-informed
treatment, the client fills in two four-line scales every session, each line marked
from 0 to 10 (total 0-40; the forms are licensed and not reproduced here):

- the **Outcome Rating Scale** (ORS; Miller et al., 2003) at the *start*: how the
  past week has gone for them personally, in close relationships, socially and
  overall. Totals below **25** (the adult clinical cut-off, from a secondary
  scoring guide) are in the range of people seeking help, and a change of **5
  points** or more is reported as reliable change;
- the **Session Rating Scale** (SRS; Duncan et al., 2003) at the *end*: how the
  session went on the relationship, goals and topics, approach, and overall.
  A total of **36 or below** signals a possible alliance concern.

Both go on a chart the therapist and client look at together. How well does it
work? Østergård, Randa and Hougaard (2020) pooled 18 controlled studies (2,910
participants) and found a **small overall benefit, g = 0.27**, on general symptoms.
The benefit was absent in psychiatric settings (g = 0.10, not significant) and
larger in counselling settings (g = 0.45), but most counselling-setting studies
were run by researchers invested in PCOMS and used the ORS itself as the only
outcome. The PCOMS developers dispute that analysis (Duncan & Sparks, 2020). A fair
summary: a modest, contested benefit, likelier when the feedback is really used.

**When the SRS is 36 or below.** Treat it as a conversation starter, not a verdict
on you or the client:
- thank the client for an honest rating; low marks are the most useful ones;
- ask, there and then, what would have made the session fit better, and which line
  was lowest (the relationship, the focus, the way of working);
- do not argue with the rating or rush to reassure; adjust the approach, goals or
  pace with the client;
- check the next session whether the change helped, and bring a pattern of low or
  falling scores to supervision.

High SRS totals are common (ratings crowd the top of the scale), so a drop of a
few points from a client's usual level can matter even above 36.
""",
    ),
    md(
        "dashboard-intro",
        """
### Practice: a monitoring dashboard for your caseload
Pick a client and how far into therapy you are. The kernel redraws the client's SRS
(blue, solid) and ORS (orange, dashed) with the 36 and 25 lines; triangles mark
sessions with an SRS total at or below 36. The text says which conversation the
course's dashboard rule suggests at that point:

- **discuss_alliance**: SRS at or below 36;
- **review_progress**: ORS still below 25 **and** less than 5 points above session 1;
- **both**, or **no_flag**.

This rule is a simplification for practice: PCOMS software compares each client with
the expected course of clients who started at the same level, which needs far more
data than one caseload. Try your case client, then find a client whose SRS dips and
recovers.
""",
    ),
    code(
        "dashboard",
        """
from course.widgets.m07_dashboard import monitoring_dashboard

monitoring_dashboard(m07.session_table(caseload), clients)
""",
        tags=("widget",),
    ),
    md(
        "ex8-prompt",
        """
### Exercise 8 (2 points): who needs which conversation after session 4?
It is the end of week 4. Below are the SRS and ORS totals of five of your clients
for sessions 1-4. Apply the dashboard rule **at session 4** (ORS change = session 4
minus session 1) and store in `triage_labels` a dictionary mapping each client id to
`"discuss_alliance"`, `"review_progress"`, `"both"` or `"no_flag"`.
""",
    ),
    code(
        "ex8-data",
        """
triage_ids = m07.triage_clients(caseload, course.identity())
week4 = m07.monitoring_table(caseload, triage_ids).pivot(
    index="client_id", columns="session", values=["srs", "ors"]
)
week4
""",
    ),
    answer(
        "ex8-answer",
        """
triage_labels = {}
for client in triage_ids:
    srs_now = week4.loc[client, ("srs", 4)]
    ors_now, ors_first = week4.loc[client, ("ors", 4)], week4.loc[client, ("ors", 1)]
    alliance_concern = srs_now <= 36
    no_progress = ors_now < 25 and round(ors_now - ors_first, 1) < 5
    if alliance_concern and no_progress:
        triage_labels[client] = "both"
    elif alliance_concern:
        triage_labels[client] = "discuss_alliance"
    elif no_progress:
        triage_labels[client] = "review_progress"
    else:
        triage_labels[client] = "no_flag"
""",
    ),
    tests(
        "ex8-tests",
        visible="""
from course.grading import expect_choice, expect_keys

expect_keys(triage_labels, list(triage_ids), "triage_labels")
for _conversation in triage_labels.values():
    expect_choice(
        _conversation, ["discuss_alliance", "review_progress", "both", "no_flag"], "each triage label"
    )
""",
        hidden="""
from course import identity as _identity
from course.exercises import m07_ruptures_and_monitoring as _m07

_expected_triage = _m07.expected_triage(_identity())
_m07.check_labels(
    triage_labels,
    _expected_triage,
    "triage_labels",
    {_c: _m07.triage_rationale(_lab) for _c, _lab in _expected_triage.items()},
    _m07.TRIAGE_CONCEPT,
)
""",
        points=2,
    ),
    task(
        "srs-conversation-task",
        """
### Exercise 9 (3 points, graded by your instructor): when the SRS falls
A client in counselling for low mood has rated the SRS between 38 and 39 in every
session so far. At the end of session 6 the form totals **33**; the lowest mark is on
the line about the *approach* (the way of working), which the client marked near the
middle. There are about five minutes left.

In about 100-200 words, say **what you would say and do in those five minutes**,
**what you would do at the next session**, and **what you would not do**. Write one
or two sentences as you would actually say them to the client.

Write your answer in the cell below.
""",
        rubric="""
Rubric: 3 points, one for each criterion. Award the point only when the answer shows it
specifically (a generic "I would discuss it" earns nothing).

1. Welcomes the rating (1 point): thanks the client for an honest, lower rating and
   treats it as useful information and a conversation starter, not a verdict on the
   therapist or the client; no defensiveness.
2. Explores it now (1 point): asks, in the same session, about the lowest line (the
   approach) and what would have made the session fit better, with at least one
   concrete question in the client's language ("What about the way we worked today
   didn't suit you?"); listens before explaining.
3. Adjusts and follows up (1 point): agrees a concrete change to the approach, goals or
   pace with the client, checks at the next session (SRS again, ask whether the change
   helped), and would bring a pattern of low or falling scores to supervision.

Deduct 1 point (minimum 0) for arguing with the rating, rushing to reassure ("I'm sure
it was fine"), asking the client to change the score, or treating 33 as a grade of the
therapist. A drop from 38-39 to 33 matters both because it is at or below 36 and
because it is well below this client's usual level; full marks do not require saying so.
""",
        model_answer="""
"Thank you for being honest on this; a lower mark is the most useful kind, because it
tells me what to change. I see the way we worked today scored lowest. What about it
didn't fit for you? Was it the worksheet, the pace, something I said?" I would listen
without defending the plan, summarise what I heard and ask what would make next week
more useful, for example more time to talk before any exercise. At the next session I
would start by checking that we changed what was agreed, ask again at the end with the
SRS whether it fitted better, and if the scores stay low or keep falling I would take
the case to supervision. I would not argue with the score, reassure it away, or treat
it as a mark of how good a therapist I am; it is an invitation to talk.
""",
        points=3,
    ),
    written("srs-conversation-answer"),
    md(
        "safety",
        """
### Safety first: PHQ-9 item 9
Clients in counselling for depression also complete the PHQ-9 every session
(Kroenke, Spitzer & Williams, 2001). Its ninth item asks about thoughts of being
better off dead or of hurting oneself. **Any answer above 0 is a clinical-safety
flag, whatever the total** (the course's scorer sets `safety_flag` for it). When it
is endorsed:
- ask the client about it directly, in that session; a review of the research found
  no study in which asking about suicidal thoughts significantly increased them (Dazzi, Gribble,
  Wessely & Fear, 2014);
- make sure a risk assessment is done **the same day** by a qualified clinician
  (you, if you are qualified, otherwise your supervisor or the duty clinician);
- agree a safety plan with the client, follow your service's protocol and tell your
  supervisor;
- never average it away: a falling total or a good alliance does not cancel it, and
  a 0 last week does not rule out risk this week.
""",
    ),
    md(
        "capstone-intro",
        """
## 6. Capstone: a case review of your client

Your case client's full record is below: the measures from every module of the
course, the record's own rupture notes, and how much of each session the therapist
spent on the relationship itself (`relationship_focus`, 0 none to 4 most). The
summary gathers the main facts, then the safety note says what your review must
cover about self-harm or physical safety.

When you compare the client's and the therapist's ratings, remember what the research
shows: across 53 studies, clients rated the alliance higher than their therapists did,
and the two ratings agreed only moderately (r = .36; Tryon, Blackwell & Hammel, 2007).
""",
    ),
    code(
        "capstone-data",
        """
display(m07.case_summary(caseload, case_id))
print(m07.safety_note(caseload, case_id))
m07.case_sessions(caseload, case_id)
""",
    ),
    task(
        "capstone-task",
        """
### Exercise 10 (10 points, graded by your instructor): case review for supervision
Write a case review of your case client (about 400-600 words) as you would present it
in supervision. Use the numbers above and your answers to Exercises 3 and 4, and
cover all five parts:

- **(a) The alliance and its components.** What the WAI-SR total and its task, goal
  and bond subscales suggest early and late in therapy; the weakest component and
  what it might mean for this client's problem. Compare the client's and the
  therapist's ratings.
- **(b) Ruptures and how the relationship was used.** The sessions your rule flagged
  and which it counted as repaired, set against the record's own notes; what markers
  you would listen for with this client; how you would use the relationship in
  repair (name at least one use: addressing the relationship problem, challenging a
  pattern, modelling how to resolve a difference, or giving feedback; and a stance,
  supporting or confronting).
- **(c) Measurement.** What these instruments can and cannot tell you here: self-report
  and ceiling effects, the rule's misses and false alarms, and the SRS as a
  conversation starter rather than a verdict.
- **(d) Outcome.** What changed on the ORS and on the PHQ-9 or drinks per week, and
  how cautiously you can link it to the alliance (what the research shows, and why
  one client is not a study).
- **(e) Plan.** What you would do next (in the next sessions, or at ending), including
  the safety point in the note above.

Write your review in the cell below.
""",
        rubric="""
Rubric: 10 points, five criteria of 2 points each. Award 2 when the part is
accurate, specific to THIS client's numbers and linked to the other parts; 1 when it
is generic, partly inaccurate or unconnected to the data; 0 when it is missing or wrong.

(a) Components, 2 points: names early and late WAI-SR levels and the weakest of
task, goal and bond from the summary; interprets it for the client's problem
(for example, goal disagreement about drinking targets, or a fragile bond in
depression); compares the therapist's mean rating with the client's and notes that
clients usually rate the alliance higher than their therapists and that the two agree
only moderately (r = .36 across 53 studies; Tryon et al., 2007).

(b) Ruptures and uses, 2 points: gives the rule-flagged and rule-repaired sessions
consistent with the trainee's Exercise 3-4 answers; compares them with the noted
ruptures and explains at least one disagreement (a miss or a false alarm); names a
withdrawal or confrontation marker to listen for; names at least one use of the
relationship and a stance and says how it would repair the rupture here (for
example, metacommunicating about a withdrawal, non-defensively owning a part).

(c) Measurement, 2 points: at least two sound points among: self-report and
politeness, ceiling effects in alliance ratings, a rule on a noisy score misses and
over-flags, SRS 36 or below as an invitation to talk (not a verdict), the
therapist's view differs from the client's, the course's 0.5-point rule is a
teaching convention.

(d) Outcome, 2 points: reports the direction and size of change on the ORS and on
the PHQ-9 or drinks per week (or outcome_change); links it to the alliance with
caution: correlation not causation, alliance-outcome r about .28 across studies
(Flückiger et al., 2018), repair-outcome r = .29 (Eubanks et al., 2018), a single
case cannot test these.

(e) Plan and safety, 2 points: concrete next steps that follow from (a)-(d), such as
inviting SRS feedback on the weakest component or reviewing goals; for a depression
client with PHQ-9 item 9 above 0, states direct questioning, a same-day risk
assessment by a qualified clinician, a safety plan, the service's protocol and
supervision. Missing this when item 9 was endorsed caps (e) at 0. For an alcohol-use
client, any sound safety point (medical advice on cutting down, mood and self-harm
check) earns the safety half.

Deduct 1 point in total (not per part) for a causal claim the data cannot support
("the rupture caused the relapse") or for treating an SRS total as a grade of the
therapist.
""",
        model_answer="""
Illustrative only: every trainee's client differs. Client C014 (depression, 11 of 11
sessions). Early WAI-SR 3.9, late 4.3; task and bond rose, goal stayed lowest (3.6
early, 3.9 late), which fits a client unsure what "better" would look like. The
therapist rated the alliance lower than the client (3.5 vs 4.1), as is usual. My rule
flagged sessions 5 and 8 and counted 5 as repaired (4.2 at session 6, above its 4.0
baseline). The record notes ruptures at 5 and 9: the rule missed 9, where the WAI-SR
barely moved, which suggests a withdrawal the client did not report, and its flag at 8
may be a hard week. With this client I would listen for minimal answers and polite
agreement, address the strain directly ("I noticed you went quiet when I suggested
the activity plan; did it feel like too much?"), in a supportive stance, and model
settling a disagreement openly. The ratings are self-report and crowd the top of the
scale, so small dips matter; the 0.5 rule is a course convention and both missed and
over-flagged sessions here. An SRS of 35 at session 8 was a reason to ask, not a
verdict. The ORS rose from 18 to 27 and the PHQ-9 fell from 16 to 8, a reliable
improvement; across studies the alliance correlates about .28 with outcome and repair
about .29, but one case cannot show what caused this change. Item 9 was above 0 at
session 3: that day I (or the duty clinician) asked directly, assessed risk and agreed
a safety plan, and it stays on the agenda every session. Next: review goals together,
ask each session which SRS line was lowest, and plan the ending so gains hold.
""",
        points=10,
    ),
    written("capstone-answer"),
    md(
        "summary",
        """
## Summary
- A rupture is a strain in goals, tasks or bond. Withdrawal markers move away from
  the therapist or the work; confrontation markers move against them. Repair starts
  with noticing and turning toward the strain, openly and without defensiveness.
- A stated rule on session-by-session alliance ratings can point to possible
  ruptures and repairs, but it misses some and flags others: a screen for judgement,
  not a replacement for it.
- Kivlighan and Shaughnessy (2000) found stable, linear-growth and dip-and-recover
  alliance patterns, with the best outcomes after a dip and recovery; later work
  (Stevens et al., 2007) did not always find it. Repair goes with better outcome
  (r = .29 over 11 studies; Eubanks et al., 2018).
- In feedback-informed treatment the ORS and SRS are given every session and used
  with the client. An SRS of 36 or below opens a conversation about what would help;
  the overall benefit of PCOMS is small and debated (g = 0.27; Østergård et al., 2020).
- PHQ-9 item 9 above 0 always calls for direct questions, a same-day risk assessment
  by a qualified clinician, a safety plan and supervision.

### References
- Bordin, E. S. (1979). The generalizability of the psychoanalytic concept of the
  working alliance. *Psychotherapy: Theory, Research & Practice, 16*(3), 252-260.
- Dazzi, T., Gribble, R., Wessely, S., & Fear, N. T. (2014). Does asking about suicide
  and related behaviours induce suicidal ideation? What is the evidence?
  *Psychological Medicine, 44*(16), 3361-3363.
- Duncan, B. L., Miller, S. D., Sparks, J. A., Claud, D. A., Reynolds, L. R., Brown,
  J., & Johnson, L. D. (2003). The Session Rating Scale: Preliminary psychometric
  properties of a "working" alliance measure. *Journal of Brief Therapy, 3*(1), 3-12.
- Duncan, B. L., & Sparks, J. A. (2020). When meta-analysis misleads: A critical case
  study of a meta-analysis of client feedback. *Psychological Services, 17*, 487-496.
- Eubanks, C. F., Lubitz, J., Muran, J. C., & Safran, J. D. (2019). Rupture Resolution
  Rating System (3RS): Development and validation. *Psychotherapy Research, 29*(3),
  306-319.
- Eubanks, C. F., Muran, J. C., & Safran, J. D. (2015). *Rupture Resolution Rating
  System (3RS): Manual*. Unpublished manuscript, Mount Sinai-Beth Israel Medical
  Center, New York.
- Eubanks, C. F., Muran, J. C., & Safran, J. D. (2018). Alliance rupture repair: A
  meta-analysis. *Psychotherapy, 55*(4), 508-519.
- Flückiger, C., Del Re, A. C., Wampold, B. E., & Horvath, A. O. (2018). The alliance
  in adult psychotherapy: A meta-analytic synthesis. *Psychotherapy, 55*(4), 316-340.
- Gelso, C. J., & Carter, J. A. (1994). Components of the psychotherapy relationship:
  Their interaction and unfolding during treatment. *Journal of Counseling
  Psychology, 41*(3), 296-306.
- Hatcher, R. L., & Gillaspy, J. A. (2006). Development and validation of a revised
  short version of the Working Alliance Inventory. *Psychotherapy Research, 16*(1),
  12-25.
- Kivlighan, D. M., Jr., & Shaughnessy, P. (2000). Patterns of working alliance
  development: A typology of client's working alliance ratings. *Journal of
  Counseling Psychology, 47*(3), 362-371.
- Kroenke, K., Spitzer, R. L., & Williams, J. B. W. (2001). The PHQ-9: Validity of a
  brief depression severity measure. *Journal of General Internal Medicine, 16*(9),
  606-613.
- Kuutmann, K., & Hilsenroth, M. J. (2012). Exploring in-session focus on the
  patient-therapist relationship: Patient characteristics, process and outcome.
  *Clinical Psychology & Psychotherapy, 19*(3), 187-202. (The source of the uses of
  the relationship; the seed article's reference list swaps it with another entry.)
- Miller, S. D., Duncan, B. L., Brown, J., Sorrell, R., & Chalk, M. B. (2006). Using
  formal client feedback to improve retention and outcome: Making ongoing, real-time
  assessment feasible. *Journal of Brief Therapy, 5*(1), 5-22.
- Miller, S. D., Duncan, B. L., Brown, J., Sparks, J. A., & Claud, D. A. (2003). The
  Outcome Rating Scale: A preliminary study of the reliability, validity, and
  feasibility of a brief visual analog measure. *Journal of Brief Therapy, 2*(2),
  91-100.
- Østergård, O. K., Randa, H., & Hougaard, E. (2020). The effect of using the Partners
  for Change Outcome Management System as feedback tool in psychotherapy: A
  systematic review and meta-analysis. *Psychotherapy Research, 30*(2), 195-212.
- Safran, J. D., & Muran, J. C. (2000). *Negotiating the therapeutic alliance: A
  relational treatment guide*. Guilford Press.
- Safran, J. D., Muran, J. C., Samstag, L. W., & Stevens, C. (2001). Repairing alliance
  ruptures. *Psychotherapy: Theory, Research, Practice, Training, 38*(4), 406-412.
- Stevens, C. L., Muran, J. C., Safran, J. D., Gorman, B. S., & Winston, A. (2007).
  Levels and patterns of the therapeutic alliance in brief psychotherapy. *American
  Journal of Psychotherapy, 61*(2), 109-129.
- Tryon, G. S., Blackwell, S. C., & Hammel, E. F. (2007). A meta-analytic examination of
  client-therapist perspectives of the working alliance. *Psychotherapy Research,
  17*(6), 629-642.
""",
    ),
]

if __name__ == "__main__":
    print(save(CELLS, "notebooks/07-ruptures-and-monitoring/07-ruptures-and-monitoring.ipynb"))
