"""Research-calibrated simulated caseloads, one per trainee.

- :func:`caseload` - therapists, clients and sessions for any size and seed.
- :func:`for_student` - a trainee's own classroom caseload for a module.
- :class:`GroundTruth` - every parameter with its source; :class:`Caseload` - the result.
- :mod:`course.simulate.validate` - recover each ground-truth value from the tables.

Every record is simulated: no real client data is used anywhere.
"""

from course.simulate.generate import Caseload, caseload
from course.simulate.params import DEFAULT, GroundTruth
from course.simulate.student import CLASSROOM_SIZES, ClassroomSize, for_student

__all__ = [
    "caseload",
    "for_student",
    "Caseload",
    "GroundTruth",
    "DEFAULT",
    "ClassroomSize",
    "CLASSROOM_SIZES",
]
