"""Authoring script for notebooks/03-client-perspective (run: python -m authoring.m03_client_perspective)."""

from scripts.nbauthor import answer, code, md, save, task, tests, written

NOTEBOOK = "notebooks/03-client-perspective/03-client-perspective.ipynb"

CELLS = [
    md(
        "title",
        """
# Module 03 · The client's side of the relationship

**Estimated time:** 80 minutes · **Graded items:** 11 (10 autograded, 1 written), 22 points

Module 01 described the alliance in Bordin's terms: goals, tasks and bond. This
module looks at the same relationship from where the client sits. What makes a
relationship feel good to be in? What do clients say helped them open up, feel
understood and feel that they had a say? How much does it matter whether the
counsellor shares the client's gender, class, faith or ethnicity? You will read
what clients and counsellors say, practise the self-check questions a client can
ask about their own therapy, and estimate, with an honest margin of error,
whether matched clients in your simulated caseload rate the alliance higher.

### Learning objectives
By the end of this module you will be able to:
1. describe the qualities of a good therapeutic relationship and recognise them
   in what clients and counsellors say;
2. explain the four themes clients describe when a relationship forms (Noyce &
   Simpson, 2018) and recognise each in a client's words;
3. explain how clients weigh the match with a counsellor (gender, socioeconomic
   status, religion, race/ethnicity/culture, or a difference they value) and what
   Cabral and Smith's (2011) meta-analysis found about racial/ethnic matching;
4. explain the claim that closeness amplifies interventions (Vandenberghe et al.,
   2018), and what kind of evidence it rests on;
5. use the eleven self-check questions to read a client's view of their therapy
   and decide what to raise first;
6. estimate a difference in early alliance between matched and unmatched clients
   with a 95% confidence interval, and interpret it without over-claiming;
7. plan a first session that invites openness and reduces the power difference.

### Key terms
- **Goodness of fit**: the client's overall sense that this counsellor and this
  therapy suit their needs.
- **Metasynthesis**: a review that pools the findings of several qualitative
  studies and interprets them together to reach themes no single study shows.
- **Match / valued difference**: a characteristic the client and counsellor share
  (or differ on) that the client weighs; some clients value a difference for the
  other viewpoint it brings.
- **Therapeutic closeness**: how personally connected client and counsellor are.
- **95% confidence interval (CI)**: a range of values compatible with the data;
  computed this way, 95 of 100 such intervals would contain the true difference.
- **Cohen's d**: a difference between two group means in standard-deviation units.
""",
    ),
    code("setup", "import course\n\nstudent_id = course.setup()"),
    md(
        "data-note",
        """
**About the data.** Every client, counsellor and statement in this notebook is
*simulated* or written for teaching: no real person's data or words are used.
The vignettes and numbers are drawn for your trainee id, so your classmates see
different ones and your answers are your own.
""",
    ),
    md(
        "qualities",
        """
## 1. What a good relationship feels like

Descriptions of a good counselling relationship tend to come in two overlapping
lists. The first names what goes on **between** the two people:

- **mutual empathy**: each is emotionally attuned to the other; the counsellor
  feels with the client, and the client can sense that;
- **goal consensus**: both are working towards the same ends;
- **mutual positive regard**: each holds the other in warm esteem;
- **collaboration**: they work as a team and share decisions and effort;
- **congruence**: the counsellor is *genuine*, what they say matches what they
  feel, with no professional mask (Rogers, 1957). The seed article for this
  course glosses congruence as agreement or compatibility; the counselling
  literature uses it for genuineness, and so does this course.

The second list names what a client experiences when things are going well:
**trust**, **comfort**, **respect**, **mutual understanding**, **confidence** in
one another, **positive feelings** towards the counsellor and towards the
therapy, and feeling **accepted and cared for**.

Several of the first list (empathy, goal consensus, collaboration, positive
regard, congruence) have each been studied as an element of the relationship in
their own meta-analyses, collected by an American Psychological Association task
force (Norcross & Lambert, 2018). Which qualities matter most differs between
clients: one may care most about the counsellor's expertise, another about
feeling understood. That is why the rest of this module keeps asking the client.
""",
    ),
    md(
        "ex1-prompt",
        """
## Exercise 1 (2 points): name the quality

Read the six statements below. For each, choose the **one** quality it shows most
clearly (ask yourself which quality would disappear if the statement were
rewritten). Store a dictionary `quality_labels` mapping each statement's label
(`"Q1"` to `"Q6"`, listed in `quality_ids`) to one label from `QUALITY_LABELS`,
for example `{"Q1": "trust", ...}`.
""",
    ),
    code(
        "ex1-data",
        """
from course.exercises.m03_client_perspective import QUALITY_LABELS, exercise_vignettes

quality_ids, quality_cards = exercise_vignettes(course.identity(), "quality")
print("Labels:", ", ".join(QUALITY_LABELS))
quality_cards
""",
    ),
    answer(
        "ex1-answer",
        """
from course.exercises.m03_client_perspective import exercise_key

quality_labels = exercise_key(course.identity(), "quality")
""",
    ),
    tests(
        "ex1-tests",
        visible="""
from course.grading import expect_choice, expect_keys

expect_keys(quality_labels, quality_ids, "quality_labels")
for _vid, _label in quality_labels.items():
    expect_choice(_label, QUALITY_LABELS, f"quality_labels[{_vid!r}]")
""",
        hidden="""
from course import identity as _identity
from course.exercises.m03_client_perspective import check_labels as _check_labels

_check_labels(quality_labels, _identity(), "quality", "quality_labels")
""",
        points=2,
    ),
    md(
        "themes",
        """
## 2. How clients say a relationship forms: four themes

Noyce and Simpson (2018) asked what clients themselves say about forming a
relationship with a counsellor. They pooled 13 qualitative studies of clients'
accounts in a **metasynthesis** (using Noblit and Hare's meta-ethnographic
method) and found four themes. (The seed article cites this paper as 2016 with
volume 28(2): it appeared online in July 2016 and in the printed volume 28(2) in
2018, so cite it as 2018.)

1. **Assessing the client-counsellor match.** From the first contact clients size
   up the counsellor and the way therapy begins, asking whether this will meet
   their needs. They hold a personal ranking of what they want in a counsellor,
   which may include shared characteristics, particular skills or specialist
   knowledge of their problem. What they are after is a *goodness of fit*.
2. **Facilitating openness.** Openness comes from both sides. Clients open up
   when the counsellor makes it safe to talk about sensitive things without fear
   of a negative reaction or judgment, and clients in the reviewed studies
   valued counsellors who were open in return, including well-judged sharing of
   something about themselves.
3. **Connecting on a deeper level.** The moment a client feels truly heard and
   understood, or notices something the counsellor did or said that shows they
   are appreciated and cared about as a person.
4. **Empowerment through respect.** Therapy carries a built-in power difference.
   Clients valued counsellors who reduced it, for example by letting the client
   set the pace, explaining their rights and what to expect, and asking rather
   than telling; disrespectful or disempowering behaviour got in the way of a
   relationship forming. (The seed article reports that this theme stood out in
   studies of adolescents and of minority ethnic clients; we could not check that
   detail against the full paper, so treat it as reported.)
""",
    ),
    md(
        "ex2-prompt",
        """
## Exercise 2 (3 points): which theme is the client describing?

Eight statements follow, two for each theme. Store a dictionary `theme_labels`
mapping each label in `theme_ids` (`"T1"` to `"T8"`) to one of `THEME_LABELS`.
Some statements touch more than one theme: choose the one at the heart of what
the speaker describes.
""",
    ),
    code(
        "ex2-data",
        """
from course.exercises.m03_client_perspective import THEME_LABELS

theme_ids, theme_cards = exercise_vignettes(course.identity(), "theme")
print("Labels:", ", ".join(THEME_LABELS))
theme_cards
""",
    ),
    answer(
        "ex2-answer",
        """
from course.exercises.m03_client_perspective import exercise_key

theme_labels = exercise_key(course.identity(), "theme")
""",
    ),
    tests(
        "ex2-tests",
        visible="""
from course.grading import expect_choice, expect_keys

expect_keys(theme_labels, theme_ids, "theme_labels")
for _vid, _label in theme_labels.items():
    expect_choice(_label, THEME_LABELS, f"theme_labels[{_vid!r}]")
""",
        hidden="""
from course import identity as _identity
from course.exercises.m03_client_perspective import check_labels as _check_labels

_check_labels(theme_labels, _identity(), "theme", "theme_labels")
""",
        points=3,
    ),
    md(
        "match",
        """
## 3. Weighing the match, and valuing difference

When clients assess the match they weigh different things. Some prefer a
counsellor of the same **gender**, of a similar **socioeconomic** background, who
shares or understands their **religious** beliefs, or who shares their **race,
ethnicity or culture**, often because they hope such a counsellor will grasp
their life without lengthy explanation. Others **value a difference**: a
counsellor from another background can offer a viewpoint the client's own circle
cannot. Clients also judge whether the counsellor has the skills and specialist
knowledge their problem needs.

For practice this means: ask, do not assume. A shared category does not
guarantee understanding, and a difference need not be a barrier; naming a
visible difference early, and asking what it means to the client, lets the
client tell you which it is for them.
""",
    ),
    md(
        "ex3-prompt",
        """
## Exercise 3 (2 points): what is the client weighing?

Each of the five statements below shows a client assessing the match. Store a
dictionary `match_labels` mapping each label in `match_ids` (`"M1"` to `"M5"`) to
one of `MATCH_LABELS`: `gender`, `ses` (socioeconomic status), `religion`,
`race_ethnicity_culture`, `valued_difference`.
""",
    ),
    code(
        "ex3-data",
        """
from course.exercises.m03_client_perspective import MATCH_LABELS

match_ids, match_cards = exercise_vignettes(course.identity(), "match_dimension")
match_cards
""",
    ),
    answer(
        "ex3-answer",
        """
from course.exercises.m03_client_perspective import exercise_key

match_labels = exercise_key(course.identity(), "match_dimension")
""",
    ),
    tests(
        "ex3-tests",
        visible="""
from course.grading import expect_choice, expect_keys

expect_keys(match_labels, match_ids, "match_labels")
for _vid, _label in match_labels.items():
    expect_choice(_label, MATCH_LABELS, f"match_labels[{_vid!r}]")
""",
        hidden="""
from course import identity as _identity
from course.exercises.m03_client_perspective import check_labels as _check_labels

_check_labels(match_labels, _identity(), "match_dimension", "match_labels")
""",
        points=2,
    ),
    md(
        "closeness",
        """
## 4. Does closeness amplify what the counsellor does?

The seed article says that closeness between client and counsellor strengthens
the effect each has on the other, so that a closer relationship gives the
counsellor's interventions more impact and makes it easier for the client to
disclose. Look at where the claim comes from. Vandenberghe, Coppede and
Bittencourt (2018) interviewed **26 therapists** in private practice who work in
behavioural and cognitive therapies, and analysed the interviews with grounded
theory. From the therapists' accounts they built a model in which closeness
*modifies* the effects of therapy: the closer the pair, the more easily the
therapist affects the client, and is affected by them. Their therapists also
described closeness going wrong: they tried to direct it to where it helps the
client without harming the relationship, the client or themselves, and to make
use of it when it backfired.

So the claim is a well-grounded account of how practitioners experience their
work, not a measured effect on client outcomes, and amplification cuts both
ways: a close relationship can give a skilful challenge more force, and a
clumsy one more sting.
""",
    ),
    md(
        "ex4-prompt",
        """
## Exercise 4 (1 point): reading the closeness study

A colleague says: *"The closer I get to my clients, the better my interventions
work: Vandenberghe and colleagues proved it."* Which statement best describes
the study and what it means for practice? Store the **letter** in
`closeness_answer` (the order of the options is your own).
""",
    ),
    code(
        "ex4-data",
        """
from course.exercises.m03_client_perspective import options, show_options

closeness_options = options(course.identity(), "closeness")
show_options(closeness_options)
""",
    ),
    answer(
        "ex4-answer",
        """
closeness_answer = next(
    letter for letter, text in closeness_options.items() if text.startswith("It was an interview")
)
""",
    ),
    tests(
        "ex4-tests",
        visible="""
from course.grading import expect_choice

expect_choice(closeness_answer, list(closeness_options), "closeness_answer")
""",
        hidden="""
from course import identity as _identity
from course.exercises.m03_client_perspective import check_choice as _check_choice

_check_choice(
    closeness_answer,
    _identity(),
    "closeness",
    "closeness_answer",
    "Vandenberghe et al. interviewed therapists: closeness strengthens each person's "
    "influence on the other, for good and for ill, so it is steered with care.",
)
""",
        points=1,
    ),
    md(
        "self-check",
        """
## 5. Eleven questions a client can ask about their own therapy

Formal alliance measures are the subject of module 04. Without one, a client can
still take stock by asking themselves a few plain questions. The seed article
lists eleven, which it takes from the University at Buffalo School of Social
Work's page on assessment instruments (its reference list swaps that page with
Kuutmann & Hilsenroth, 2012; the attribution here is the corrected one). We give
them in our own words below. They are **not** a validated scale: there are no
norms and no scoring rules, only prompts for a conversation. Notice that the last
question turns to the client's own part: openness runs both ways.

Try the widget: answer as you imagine a client might (1 = not at all,
5 = completely) and watch which area the summary asks you to raise first.
""",
    ),
    code(
        "widget",
        """
from course.widgets.m03_self_check import self_check_widget

self_check_widget()
""",
        tags=("widget",),
    ),
    md(
        "ex5-prompt",
        """
## Exercise 5 (2 points): what would you raise first?

Three simulated clients answered the eleven questions (1-5). The first table
gives the question behind each column, the second the five areas a counsellor
might raise. Decide which area each question belongs to, then, for each client,
the area **with the lowest average answer**: the one to raise first. (One
middling answer elsewhere is there to test you.) Store a dictionary
`first_to_raise` mapping `"client_A"`, `"client_B"` and `"client_C"` to one of
`"bond"`, `"goals"`, `"competence"`, `"benefit"`, `"openness"`.
""",
    ),
    code(
        "ex5-data",
        """
from IPython.display import display

from course.exercises.m03_client_perspective import areas_table, questions_table, self_check_clients

self_check = self_check_clients(course.identity())
display(questions_table(), areas_table())
self_check
""",
    ),
    answer(
        "ex5-answer",
        """
question_areas = {
    "bond": ["listens", "understands", "trust", "like", "cares", "supported"],
    "goals": ["my_goals"],
    "competence": ["qualified"],
    "benefit": ["feel_better", "benefited"],
    "openness": ["honest"],
}
first_to_raise = {}
for client_name, client_answers in self_check.iterrows():
    area_mean = {area: client_answers[keys].mean() for area, keys in question_areas.items()}
    first_to_raise[client_name] = min(area_mean, key=area_mean.get)
""",
    ),
    tests(
        "ex5-tests",
        visible="""
from course.grading import expect_choice, expect_keys

_areas = ["bond", "goals", "competence", "benefit", "openness"]
expect_keys(first_to_raise, ["client_A", "client_B", "client_C"], "first_to_raise")
for _client, _area in first_to_raise.items():
    expect_choice(_area, _areas, f"first_to_raise[{_client!r}]")
""",
        hidden="""
from course import identity as _identity
from course.exercises.m03_client_perspective import check_self_check as _check_self_check

_check_self_check(first_to_raise, _identity(), "first_to_raise")
""",
        points=2,
    ),
    md(
        "caseload",
        """
## 6. Matching in your own caseload

Your simulated caseload has 60 clients seen by 8 counsellors. For each client
the `clients` table records whether client and counsellor share their ethnicity
(`ethnicity_match`), gender (`gender_match`) and religion (`religion_match`),
and the client's **early alliance**: their mean Working Alliance Inventory,
short revised form (WAI-SR; Hatcher & Gillaspy, 2006) score over sessions 1-3,
on its 1-5 scale. The chart shows every client as a dot and each group's mean
as a black bar.
""",
    ),
    code(
        "caseload-data",
        """
from course.simulate import for_student

clients = for_student(course.identity(), "03-client-perspective").clients
columns = ["client_id", "therapist_id", "ethnicity_match", "gender_match", "religion_match"]
clients[columns + ["early_alliance"]].head()
""",
    ),
    code(
        "chart",
        """
from course.charts.m03_match import match_strip

match_strip(
    clients,
    title="Early alliance by client-counsellor match (your simulated caseload)",
    alt_text=(
        "Three side-by-side dot plots of the 60 simulated clients' early alliance scores "
        "(1 to 5), each split into clients who share that characteristic with their "
        "counsellor and clients who do not: ethnicity, gender and religion. A black bar "
        "marks each group's mean; most scores lie between 3 and 5."
    ),
)
""",
        tags=("chart",),
    ),
    md(
        "worked-example",
        """
### Worked example: religion match with a 95% confidence interval

A difference between two group means is only an estimate. Its **standard error**
combines each group's spread and size: SE = √(s₁²/n₁ + s₂²/n₂), with the sample
standard deviations *s* (pandas' `.std()` divides by n - 1). Because the two
groups may differ in spread, we use **Welch's** interval: the difference ± *t* ×
SE, where *t* is the 97.5th percentile of the t distribution with Welch's
degrees of freedom (`stdtrit(df, 0.975)`, the same as `scipy.stats.t.ppf`). The
cell below does it for religion match; always subtract in the same direction,
**matched minus not matched** (`True` minus `False`).
""",
    ),
    code(
        "worked-example-code",
        """
from scipy.special import stdtrit  # the t quantile: stdtrit(df, p) = scipy.stats.t.ppf(p, df)

groups = clients.groupby("religion_match")["early_alliance"]
m, s, n = groups.mean(), groups.std(), groups.count()
difference = m[True] - m[False]
v1, v0 = s[True] ** 2 / n[True], s[False] ** 2 / n[False]
se = (v1 + v0) ** 0.5
df = (v1 + v0) ** 2 / (v1**2 / (n[True] - 1) + v0**2 / (n[False] - 1))
t = stdtrit(df, 0.975)
low, high = difference - t * se, difference + t * se
print(f"religion match: difference {difference:.3f}, 95% CI [{low:.3f}, {high:.3f}]")
print(f"(n = {n[True]} matched, {n[False]} not matched; df = {df:.1f}; t = {t:.3f})")
""",
    ),
    md(
        "ex6-prompt",
        """
## Exercise 6 (1 point): the ethnic-match difference

Store in `ethnic_difference` (a number) the mean early alliance of clients whose
counsellor shares their ethnicity **minus** the mean of those whose counsellor
does not. Do not round, or round to at least three decimals.
""",
    ),
    answer(
        "ex6-answer",
        """
ethnic_means = clients.groupby("ethnicity_match")["early_alliance"].mean()
ethnic_difference = float(ethnic_means[True] - ethnic_means[False])
""",
    ),
    tests(
        "ex6-tests",
        visible="""
from course.grading import expect_number

expect_number(ethnic_difference, "ethnic_difference", -4, 4)
""",
        hidden="""
from course import identity as _identity
from course.exercises.m03_client_perspective import check_difference as _check_difference

_check_difference(ethnic_difference, _identity(), "ethnicity_match", "ethnic_difference")
""",
        points=1,
    ),
    md(
        "ex7-prompt",
        """
## Exercise 7 (2 points): its 95% confidence interval

Store Welch's 95% confidence interval for that difference in `ethnic_ci` as a
list `[lower, upper]`, following the worked example; keep at least three
decimals. (To check yourself:
`scipy.stats.ttest_ind(matched, unmatched, equal_var=False).confidence_interval()`
gives the same interval.)
""",
    ),
    answer(
        "ex7-answer",
        """
eth = clients.groupby("ethnicity_match")["early_alliance"]
e_s, e_n = eth.std(), eth.count()
e_v1, e_v0 = e_s[True] ** 2 / e_n[True], e_s[False] ** 2 / e_n[False]
e_df = (e_v1 + e_v0) ** 2 / (e_v1**2 / (e_n[True] - 1) + e_v0**2 / (e_n[False] - 1))
e_half = float(stdtrit(e_df, 0.975)) * (e_v1 + e_v0) ** 0.5
ethnic_ci = [ethnic_difference - e_half, ethnic_difference + e_half]
""",
    ),
    tests(
        "ex7-tests",
        visible="""
from course.grading import expect_number, expect_type

expect_type(ethnic_ci, list, "ethnic_ci", "Use a list of two numbers: [lower, upper].")
assert len(ethnic_ci) == 2, "Give exactly two numbers: the lower and the upper bound."
expect_number(ethnic_ci[0], "ethnic_ci[0]", -4, 4)
expect_number(ethnic_ci[1], "ethnic_ci[1]", -4, 4)
assert ethnic_ci[0] < ethnic_ci[1], "Write the interval as [lower, upper]: lower bound first."
""",
        hidden="""
from course import identity as _identity
from course.exercises.m03_client_perspective import check_interval as _check_interval

_check_interval(ethnic_ci, _identity(), "ethnicity_match", "ethnic_ci")
""",
        points=2,
    ),
    md(
        "ex8-prompt",
        """
## Exercise 8 (2 points): the same for gender match

Do the same for `gender_match`: store a dictionary `gender_result` with keys
`"difference"` (matched minus not matched), `"ci_low"` and `"ci_high"` (Welch's
95% CI).
""",
    ),
    answer(
        "ex8-answer",
        """
gen = clients.groupby("gender_match")["early_alliance"]
g_m, g_s, g_n = gen.mean(), gen.std(), gen.count()
g_diff = float(g_m[True] - g_m[False])
g_v1, g_v0 = g_s[True] ** 2 / g_n[True], g_s[False] ** 2 / g_n[False]
g_df = (g_v1 + g_v0) ** 2 / (g_v1**2 / (g_n[True] - 1) + g_v0**2 / (g_n[False] - 1))
g_half = float(stdtrit(g_df, 0.975)) * (g_v1 + g_v0) ** 0.5
gender_result = {"difference": g_diff, "ci_low": g_diff - g_half, "ci_high": g_diff + g_half}
""",
    ),
    tests(
        "ex8-tests",
        visible="""
from course.grading import expect_keys, expect_number

expect_keys(gender_result, ["difference", "ci_low", "ci_high"], "gender_result")
for _key in ("difference", "ci_low", "ci_high"):
    expect_number(gender_result[_key], f"gender_result[{_key!r}]", -4, 4)
assert gender_result["ci_low"] < gender_result["difference"] < gender_result["ci_high"], (
    "The difference should lie inside its own confidence interval: ci_low < difference < ci_high."
)
""",
        hidden="""
from course import identity as _identity
from course.exercises.m03_client_perspective import check_estimate as _check_estimate

_check_estimate(gender_result, _identity(), "gender_match", "gender_result")
""",
        points=2,
    ),
    md(
        "ex9-prompt",
        """
## Exercise 9 (2 points): say what your interval shows, and no more

Look at **your** `ethnic_ci`. Which statement reads it correctly without
over-claiming? Store the letter in `ethnic_reading`.
""",
    ),
    code(
        "ex9-data",
        """
from course.exercises.m03_client_perspective import READING_OPTIONS

show_options(READING_OPTIONS)
""",
    ),
    answer(
        "ex9-answer",
        """
ci_lower, ci_upper = ethnic_ci
ethnic_reading = "B" if ci_lower > 0 else ("E" if ci_upper < 0 else "C")
""",
    ),
    tests(
        "ex9-tests",
        visible="""
from course.grading import expect_choice

expect_choice(ethnic_reading, list(READING_OPTIONS), "ethnic_reading")
""",
        hidden="""
from course import identity as _identity
from course.exercises.m03_client_perspective import check_reading as _check_reading

_check_reading(ethnic_reading, _identity(), "ethnic_reading")
""",
        points=2,
    ),
    md(
        "cabral",
        """
## 7. What the research says: Cabral and Smith (2011)

Cabral and Smith (2011) ran three meta-analyses of racial/ethnic matching of
clients and therapists:

| What was compared | Studies | Average effect (Cohen's d) |
|---|---:|---:|
| Preference for a therapist of one's own race/ethnicity | 52 | .63 |
| Perception of the therapist (matched vs not matched) | 81 | .32 |
| Treatment outcome (matched vs not matched) | 53 | .09 |

Clients clearly *preferred* a counsellor of their own race or ethnicity and
tended to *see* such counsellors somewhat more favourably, but outcomes were
almost the same either way. The three averages hid a great deal of variation
between studies; studies with African American participants showed the largest
effects on all three.

**What was built into your simulated data.** The simulator was set up so that
ethnic match raises the early alliance by about d = .32 on average (Cabral and
Smith's perception effect), and outcome by about d = .09; gender and religion
match have no built-in effect at all (a design choice of this course, not a
research finding). With 60 clients, that is a real but small effect seen through
a lot of noise: most trainees' intervals (about four in five) will include zero
although the effect exists, and a few will find a "difference" for religion
although none was built in. The chart
puts your own d, with its approximate 95% CI, beside the meta-analytic averages.
""",
    ),
    code(
        "cabral-chart",
        """
from course.charts.m03_match import cabral_smith_chart
from course.exercises.m03_client_perspective import cohens_d

own_d = cohens_d(clients, "ethnicity_match")
n_matched = int(clients["ethnicity_match"].sum())
n_unmatched = len(clients) - n_matched
print(f"Your caseload: d = {own_d:.2f} ({n_matched} matched, {n_unmatched} not matched)")
cabral_smith_chart(
    (own_d, n_matched, n_unmatched),
    title="Racial/ethnic matching: Cabral & Smith (2011) and your caseload",
    alt_text=(
        "Horizontal bar chart of Cabral and Smith's average effect sizes: preference for a "
        "same-race/ethnicity counsellor d = .63, perception of the counsellor d = .32, "
        "treatment outcome d = .09. A fourth row shows your caseload's d for early alliance "
        "by ethnic match as a diamond with a line for its approximate 95% confidence interval."
    ),
)
""",
        tags=("chart",),
    ),
    md(
        "ex10-prompt",
        """
## Exercise 10 (1 point): advising a service manager

A service manager proposes: *"Research shows ethnic matching improves outcomes,
so from next month we will give every client a counsellor of the same
ethnicity."* Which reply best fits Cabral and Smith (2011)? Store the letter in
`cabral_answer` (the order of the options is your own).
""",
    ),
    code(
        "ex10-data",
        """
cabral_options = options(course.identity(), "cabral")
show_options(cabral_options)
""",
    ),
    answer(
        "ex10-answer",
        """
cabral_answer = next(
    letter for letter, text in cabral_options.items() if text.startswith("On average")
)
""",
    ),
    tests(
        "ex10-tests",
        visible="""
from course.grading import expect_choice

expect_choice(cabral_answer, list(cabral_options), "cabral_answer")
""",
        hidden="""
from course import identity as _identity
from course.exercises.m03_client_perspective import check_choice as _check_choice

_check_choice(
    cabral_answer,
    _identity(),
    "cabral",
    "cabral_answer",
    "Preference (d = .63) and perception (d = .32) effects were larger than the outcome "
    "effect (d = .09), and all varied widely: honour preferences, do not promise better outcomes.",
)
""",
        points=1,
    ),
    md(
        "safety",
        """
## 8. Putting it together: the first session

**Safety note.** The client in the task below has low mood and drinks heavily.
In counselling for depression many services use the PHQ-9, whose item 9 asks
about thoughts of being better off dead or of self-harm. Treat any answer above
"not at all" on that item as a **clinical-safety item**, whatever the total: ask
about it directly and calmly in the same session, arrange a same-day risk
assessment by a qualified clinician, make a safety plan with the client, and
follow your service's protocol and your supervisor's guidance. Never average it
away into a total or let a reassuring total hide it. Heavy drinking raises risk,
so ask about it with a drinking client too.
""",
    ),
    task(
        "ex11-task",
        """
## Exercise 11 (4 points, graded by your instructor): a first-session plan

Your new client, Sam (24), has been referred by their GP for low mood and heavy
weekend drinking. On the referral form Sam wrote that counselling at college
"was pointless, she just told me what to do". Sam's background differs from
yours in at least one way Sam is likely to notice (for example age, ethnicity,
class or faith).

In **200-300 words**, plan your first 50-minute session with Sam:

- (a) two concrete things you will do or say to **facilitate openness**;
- (b) two concrete ways you will **reduce the power difference** (empowerment
  through respect);
- (c) how you will invite Sam to **assess the match**, including the difference
  between you, without assuming what it means to Sam;
- (d) how you will explain **confidentiality and its limits** (including what you
  would do if Sam told you about thoughts of self-harm), and how you will ask, at
  the end, **how the session was for Sam**.

Write your answer in the cell below.
""",
        rubric="""
Rubric (4 points; 1 per part, 0.5 where the part is present but generic or not
tied to Sam):
- (a) Openness, 1 point: two concrete, non-judgmental moves that make disclosure
  safe, e.g. saying that nothing Sam says about drinking will be met with a
  lecture, reflecting before advising, normalising ambivalence, a brief and
  well-judged self-disclosure, responding calmly to a first disclosure. 0 if the
  plan opens with advice or confrontation about drinking.
- (b) Power, 1 point: two concrete ways of sharing power that answer Sam's
  "she just told me what to do", e.g. Sam sets the agenda or pace, choices about
  focus and approach are offered, rights and what to expect are explained, Sam's
  own words are used in notes or goals. 0.5 if only stated as a value ("I will
  respect Sam") without an action.
- (c) Match, 1 point: names the difference or invites Sam to say whether it
  matters, asks rather than assumes (it may matter, may not, or may be valued),
  and says how the counsellor would respond (e.g. openness to Sam's preference,
  including a referral if Sam wants one). 0 if the difference is ignored or its
  meaning is assumed.
- (d) Confidentiality and check-out, 1 point: explains confidentiality and its
  limits in plain words, including that thoughts of self-harm would be asked
  about directly and followed by a risk assessment and safety planning with Sam
  under the service's protocol (not a promise of absolute secrecy); and ends by
  asking how the session was for Sam (for example an SRS or a plain question),
  inviting criticism explicitly.
- Deduct 0.5 (once) for copying the module's wording without applying it to Sam.
""",
        model_answer="""
I will start by asking Sam what they want from today and what they would like me
to know about the college counselling, so Sam's experience sets the agenda. I
will say that I am not here to tell them what to do about drinking, that I will
ask before I suggest anything, and that they can say "not yet" to any topic. When
Sam talks about weekends I will reflect what I hear before asking anything more,
and I will respond calmly to whatever Sam says about drinking.

I will explain how sessions work, what Sam can expect from me, that they can see
what I write and that they can stop or change direction at any time; when we
talk about goals I will write them in Sam's words. I will say: "I'm older than you
and we come from different backgrounds; some people find that gets in the way,
some find it doesn't matter, and some like it. How is it for you? If it matters,
I'd rather know, and we can talk about what would suit you, including another
counsellor."

Early on I will explain confidentiality: what Sam says stays between us and my
supervisor, except if I am seriously worried about their safety or someone
else's. I will say that, because low mood and drinking often go together with
dark thoughts, I ask everyone directly about thoughts of harming themselves, and
that if Sam has them we will talk about them that day, get a fuller risk
assessment and make a safety plan together. In the last five minutes I will ask
what worked and what did not, for example with the SRS, and tell Sam that lower
marks help me most.
""",
        points=4,
    ),
    written("ex11-answer"),
    md(
        "summary",
        """
## Summary
- A good relationship shows in **qualities that run between** client and
  counsellor (mutual empathy, goal consensus, positive regard, collaboration,
  congruence as genuineness) and in **what the client experiences** (trust,
  comfort, respect, mutual understanding, confidence, positive feelings, feeling
  accepted and cared for). Which matter most differs from client to client.
- Clients describe forming a relationship through four themes (Noyce & Simpson,
  2018): **assessing the match**, **facilitating openness**, **connecting on a
  deeper level** and **empowerment through respect**.
- Clients weigh gender, class, faith and race/ethnicity/culture, and some value
  difference. On racial/ethnic matching, **preference (d = .63) and perception
  (d = .32) effects were far larger than the outcome effect (d = .09)**, with wide
  variation (Cabral & Smith, 2011): ask about preferences and honour them; do not
  promise better outcomes from matching alone.
- Closeness strengthens each person's influence on the other, for good and ill:
  a model from therapists' accounts (Vandenberghe et al., 2018), not an outcome
  trial.
- The eleven self-check questions open a conversation; they are not a scale.
- A group difference needs its confidence interval. An interval that includes
  zero is not evidence of no difference, and one that excludes zero in
  observational data is an association, not a cause.

### References
- Cabral, R. R., & Smith, T. B. (2011). Racial/ethnic matching of clients and
  therapists in mental health services: A meta-analytic review of preferences,
  perceptions, and outcomes. *Journal of Counseling Psychology, 58*(4), 537-554.
  https://doi.org/10.1037/a0025266
- Hatcher, R. L., & Gillaspy, J. A. (2006). Development and validation of a
  revised short version of the Working Alliance Inventory. *Psychotherapy
  Research, 16*(1), 12-25.
- Kuutmann, K., & Hilsenroth, M. J. (2012). Exploring in-session focus on the
  patient-therapist relationship: Patient characteristics, process and outcome.
  *Clinical Psychology & Psychotherapy, 19*(3), 187-202.
- Norcross, J. C., & Lambert, M. J. (2018). Psychotherapy relationships that work
  III. *Psychotherapy, 55*(4), 303-315. https://doi.org/10.1037/pst0000193
- Noyce, R., & Simpson, J. (2018). The experience of forming a therapeutic
  relationship from the client's perspective: A metasynthesis. *Psychotherapy
  Research, 28*(2), 281-296. https://doi.org/10.1080/10503307.2016.1208373
  (published online 2016; the seed article gives the year as 2016).
- Rogers, C. R. (1957). The necessary and sufficient conditions of therapeutic
  personality change. *Journal of Consulting Psychology, 21*(2), 95-103.
- University at Buffalo School of Social Work (n.d.; dated 2022 by the seed
  article). *Assessment instruments* [web page].
  https://socialwork.buffalo.edu/resources/archives/NSATTC/assessment-instruments.html
  (the seed article's source for the eleven self-check questions; the wording in
  this module is our paraphrase).
- Vandenberghe, L., Coppede, A. M., & Bittencourt, M. V. (2018). Building and
  handling therapeutic closeness in the therapist-client relationship in
  behavioral and cognitive psychotherapy. *Journal of Contemporary Psychotherapy,
  48*(4), 215-223. https://doi.org/10.1007/s10879-018-9388-9
- Welch, B. L. (1947). The generalization of "Student's" problem when several
  different population variances are involved. *Biometrika, 34*(1-2), 28-35.
""",
    ),
]

# This module's entries in docs/coverage.yml: concept id -> learning objective
# (its number above) and the graded cells that teach and assess it.
COVERAGE = {
    "qualities-of-good-relationship": {"objective": 1, "items": ["ex1-tests"]},
    "theme-assessing-match": {"objective": 2, "items": ["ex2-tests", "ex3-tests"]},
    "theme-facilitating-openness": {"objective": 2, "items": ["ex2-tests", "ex11-task"]},
    "theme-connecting-deeper": {"objective": 2, "items": ["ex2-tests"]},
    "theme-empowerment-through-respect": {"objective": 2, "items": ["ex2-tests", "ex11-task"]},
    "match-and-valued-difference": {"objective": 3, "items": ["ex3-tests"]},
    "match-evidence-cabral-smith": {"objective": 3, "items": ["ex10-tests"]},
    "closeness-amplifies": {"objective": 4, "items": ["ex4-tests"]},
    "client-self-check": {"objective": 5, "items": ["ex5-tests"]},
    "match-differences-with-ci": {
        "objective": 6,
        "items": ["ex6-tests", "ex7-tests", "ex8-tests", "ex9-tests"],
    },
    "first-session-openness-plan": {"objective": 7, "items": ["ex11-task"]},
}

if __name__ == "__main__":
    from scripts.set_coverage import update

    print(save(CELLS, NOTEBOOK))
    # The coverage setter locks docs/coverage.yml, so modules can update it at the same time.
    print("coverage:", ", ".join(update(COVERAGE)))
