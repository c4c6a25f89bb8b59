"""Authoring script for notebooks/00-orientation (run: python -m authoring.m00_orientation)."""

from scripts.nbauthor import answer, code, md, save, task, tests, written

CELLS = [
    md(
        "title",
        """
# Module 00 · Orientation: how this course works

**Estimated time:** 30 minutes · **Graded items:** 3 (2 autograded, 1 written)

This course is about the working relationship between a counsellor and a client:
what the *therapeutic alliance* is, how a therapist can use the relationship on
purpose, and how the relationship can be measured and trusted. Later modules
work with simulated clients who come to counselling for **depression** or for
**alcohol use**.

### Learning objectives
By the end of this orientation you will be able to:
1. run a course notebook from top to bottom and answer its graded cells;
2. check your answers with **Validate** and submit them;
3. explain why every dataset in the course is *your own* simulated caseload;
4. total a Session Rating Scale (SRS) and apply its alliance flag.

### Key terms
- **Therapeutic alliance**: the collaborative bond between client and therapist,
  including their agreement on goals and on the tasks of therapy (Bordin, 1979).
- **Simulated caseload**: invented clients whose numbers follow patterns found
  in published research; no real person's data.
- **Visible test / hidden test**: a check you can run now (form of the answer)
  and a check the grader runs later (correctness).
""",
    ),
    code("setup", "import course\n\nstudent_id = course.setup()"),
    md(
        "how-it-works",
        """
## 1. How a course notebook works

- Run cells in order with **Shift + Enter**. Start with the cell above: it
  prepares charts and tables and prints your **trainee id**.
- Cells that say `# YOUR CODE HERE` are yours: delete the line
  `raise NotImplementedError()` and write your answer. Store answers as plain
  values (a number, a list, a dictionary), named exactly as asked.
- The cell under each answer holds **tests**. The visible part checks the *form*
  of your answer (type, range) so you can fix slips early; hidden tests check
  correctness when your work is graded. A failing test message tells you which
  idea to revisit.
- Written answers go in the cells that say *YOUR ANSWER HERE*; a person reads
  and grades them with a rubric.
- Answer with ordinary code. An answer that changes how the notebook is run or
  checked (reassigning a function of the `course` package, numpy or pandas, or
  using `eval`, `exec`, `setattr` or `get_ipython()`) is **held for review**:
  its points wait at 0 until your instructor has read it.
- Before you submit: **Kernel → Restart Kernel and Run All Cells**, then press
  **Validate** in the notebook toolbar. Validate runs every test you can see.
- Submit from the **Assignments** tab (Nbgrader → Assignment List), or upload
  the notebook to your learning platform if your instructor uses one.

Widgets (sliders, boxes, buttons) are for practice. They are never graded,
because their state does not exist when the grader reruns your notebook.
""",
    ),
    md(
        "your-data",
        """
## 2. Your own simulated data

Real client records are protected health information, so every client in this
course is **simulated**. The simulator is tuned so that the patterns in the data
match what published studies found, and it is seeded by your trainee id: you and
your classmates get *different numbers*, and the grader regenerates exactly the
numbers you saw.

Below is one simulated client's **Session Rating Scale** (SRS; Duncan et al.,
2003), a four-line, client-rated alliance check used at the end of each session
in feedback-informed counselling. The client marks each line from 0 to 10; the
lines cover the relationship, the goals and topics, the approach or method, and
the session overall (our paraphrased labels; the SRS wording is copyrighted and
not reproduced here). The **total is the sum of the four lines (0-40)**, and a
total of **36 or below** is the conventional signal to talk with the client about
how the work is going for them.
""",
    ),
    code(
        "load-data",
        """
from course.orientation import SRS_LINES, practice_srs

marks = practice_srs(course.identity()).drop(columns="total")
marks
""",
    ),
    md(
        "widget-intro",
        """
### Practice: the SRS calculator
Type a mark (0-10) into any line and press **Enter**. The total and its flag are
recomputed by the Python kernel. Try to find the highest set of marks that still
raises the flag.
""",
    ),
    code(
        "widget",
        """
from course.widgets import srs_calculator

srs_calculator()
""",
        tags=("widget",),
    ),
    md(
        "chart-intro",
        """
### Your client over eight sessions
The chart totals each session for you. The dashed line marks 36. Notice how
close to the top of the scale most sessions sit: clients tend to rate the
relationship highly, so small drops matter.
""",
    ),
    code(
        "chart",
        """
from course.charts import score_series

totals = marks.assign(total=marks[SRS_LINES].sum(axis=1).round(1))
score_series(
    totals,
    x="session",
    y="total",
    title="SRS total by session (simulated client)",
    alt_text=(
        "Line chart of one simulated client's SRS totals over eight sessions, "
        "with a dashed reference line at 36, the alliance-concern threshold."
    ),
    threshold=36,
    threshold_label="36: talk about the alliance",
    y_domain=(20, 40),
)
""",
        tags=("chart",),
    ),
    md(
        "ex1-prompt",
        """
## 3. Exercise 1 (1 point): total one session

Using `marks`, compute the SRS total of the **last** session (session 8) and
store it in `last_session_total` as a number.
""",
    ),
    answer("ex1-answer", "last_session_total = float(marks.iloc[-1][SRS_LINES].sum())"),
    tests(
        "ex1-tests",
        visible="""
from course.grading import expect_number

expect_number(last_session_total, "last_session_total", 0, 40)
""",
        hidden="""
from course.grading import expect_close
from course.orientation import practice_srs as _practice_srs

_expected = _practice_srs(course.identity())["total"].iloc[-1]
expect_close(
    last_session_total,
    _expected,
    "last_session_total",
    "The SRS total is the sum of the four line marks of that session (0-40), "
    "not their mean, and it is the last session (session 8).",
    tol=0.051,
)
""",
        points=1,
    ),
    md(
        "ex2-prompt",
        """
## 4. Exercise 2 (2 points): which sessions raise the flag?

Store in `sessions_of_concern` a **list of session numbers** (integers) whose
SRS total is at or below 36, in session order.
""",
    ),
    answer(
        "ex2-answer",
        """
session_totals = marks[SRS_LINES].sum(axis=1).round(1)
sessions_of_concern = [int(s) for s in marks.loc[session_totals <= 36, "session"]]
""",
    ),
    tests(
        "ex2-tests",
        visible="""
from course.grading import expect_type

expect_type(sessions_of_concern, list, "sessions_of_concern", "Use a list such as [2, 5].")
assert all(1 <= s <= 8 for s in sessions_of_concern), (
    "Each entry should be a session number between 1 and 8, not a score."
)
""",
        hidden="""
from course.grading import expect_equal
from course.orientation import practice_srs as _practice_srs
from course.orientation import sessions_at_or_below_cutoff

_expected = sessions_at_or_below_cutoff(_practice_srs(course.identity()))
expect_equal(
    sessions_of_concern,
    _expected,
    "sessions_of_concern",
    "The SRS flag is raised at 36 *or below*: a total of exactly 36 counts. "
    "Total the four lines of each session first, then compare with 36.",
)
""",
        points=2,
    ),
    task(
        "ex3-task",
        """
## 5. Exercise 3 (2 points, graded by your instructor): what a high score can hide

Your simulated client rated almost every session near the top of the scale. In
three to five sentences, say (a) what a run of high SRS totals can tell a
counsellor, (b) one thing such high totals might hide, and (c) one thing you
would do in session to learn more. Write your answer in the cell below.
""",
        rubric="""
Rubric (2 points):
- 1 point: (a) and (b) together: high totals suggest the client experiences the
  relationship, goals and approach as acceptable; *and* they may hide a ceiling
  effect, politeness or reluctance to criticise the therapist, or a problem
  the four lines do not ask about.
- 1 point: (c) a concrete, client-centred step: e.g. invite honest feedback
  explicitly ("what would make these sessions more useful?"), ask about the
  lowest line, or say that lower scores are welcome and useful.
- 0.5 only where the answer lists ideas without linking them to this client.
""",
        model_answer="""
High totals suggest the client finds the relationship, our focus and our way of
working acceptable. Because clients rate the alliance near the top of the scale,
high totals can also hide small problems: a ceiling effect, politeness, or
discomfort with criticising me to my face. I would say plainly that lower marks
help me, and ask what one thing would make our next session more useful.
""",
        points=2,
    ),
    written("ex3-answer"),
    md(
        "summary",
        """
## Summary
- Run notebooks top to bottom; answer in the marked cells with plain values;
  Validate before you submit.
- Your data are simulated from your trainee id, so your answers are your own.
- The SRS total is the sum of four 0-10 lines; 36 or below is a prompt to talk
  with the client about the alliance, not a verdict.

### A note on content
Later modules discuss depression, alcohol use and, in the measurement modules,
a questionnaire item about thoughts of self-harm. If this material is hard for
you personally, talk with your supervisor or instructor.

### References
- Bordin, E. S. (1979). The generalizability of the psychoanalytic concept of the
  working alliance. *Psychotherapy: Theory, Research & Practice, 16*(3), 252-260.
- Duncan, B. L., Miller, S. D., Sparks, J. A., Claud, D. A., Reynolds, L. R.,
  Brown, J., & Johnson, L. D. (2003). The Session Rating Scale: Preliminary
  psychometric properties of a "working" alliance measure. *Journal of Brief
  Therapy, 3*(1), 3-12.
""",
    ),
]

if __name__ == "__main__":
    print(save(CELLS, "notebooks/00-orientation/orientation.ipynb"))
