"""Module 06 (alliance and outcome): the trainee's caseload and the published values.

Every number a trainee reports in module 06 comes from their own simulated
caseload, :func:`caseload` (``course.simulate.for_student`` with the module's
:data:`SIZE`). Nothing is cached: every call simulates afresh, so one trainee's
tables (or an answer that edited them in place) can never reach another
trainee's grading. The reference answers computed from it are in the
grading-only ``answer_key.m06``.

Every record is simulated; no real client data is used.
"""

from __future__ import annotations

from course.simulate import ClassroomSize, for_student
from course.simulate.generate import Caseload

MODULE = "06-alliance-and-outcome"

#: Module 06 needs more therapists than the default classroom caseload (8):
#: therapist effects and between-therapist slopes are invisible with 8.
#: 30 therapists x 20 clients keeps the whole notebook fast.
SIZE = ClassroomSize(therapists=30, clients=600, max_sessions=12)

#: Flückiger, Del Re, Wampold & Horvath (2018): r = .278, 95% CI [.256, .299], 295 studies.
META_R = 0.278
META_CI = (0.256, 0.299)
#: Diener & Monroe (2011): attachment security and alliance, r = .17 [.10, .23], k = 17.
ATTACHMENT_META_R = 0.17
#: Johns, Barkham, Kellett & Saxon (2019): therapist effects, weighted average 5%.
THERAPIST_EFFECT_REVIEW = 0.05

Z_95 = 1.96
EARLY_SESSIONS = 3


def caseload(student_id: str) -> Caseload:
    """The trainee's module-06 caseload: 30 therapists, 600 clients (simulated afresh).

    >>> cl = caseload("trainee-01")
    >>> cl.therapists.shape[0], cl.clients.shape[0]
    (30, 600)
    >>> int(cl.clients.groupby("therapist_id").size().min())
    20
    """
    return for_student(student_id, MODULE, size=SIZE)
