"""Grading-only reference answers of the Therapeutic Alliance course.

Installed on grading hosts only (see ``answer_key/README.md``). One module per
course module, ``answer_key.mNN``, each exposing ``reference(student_id)``.
"""

__version__ = "0.1.0"
