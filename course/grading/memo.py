"""One computation of a trainee's reference answers per graded notebook.

Each hidden test of a module asks the answer key for the trainee's reference
answers (``answer_key.mNN.reference(id)``), which rebuilds the trainee's
simulated data from the id: ten tests, ten rebuilds, most of a notebook's
test time. Phase 2 of grading (:mod:`course.instructor.two_phase`) opens a
scope per notebook with :func:`one_notebook`; inside it a function marked
:func:`per_notebook` runs once per set of arguments, and every caller gets
its own deep copy, so a test that changes what it got cannot change what the
next test gets. Outside a scope (plain nbgrader, a notebook run by hand) the
function runs afresh on every call, as before.

Phase 2 never runs a trainee's code, so nothing in a submission can reach the
cached values.

>>> calls = []
>>> @per_notebook
... def reference(student_id):
...     calls.append(student_id)
...     return {"answer": [1, 2]}
>>> with one_notebook():
...     first = reference("ada")
...     first["answer"].append(3)
...     reference("ada")
{'answer': [1, 2]}
>>> calls
['ada']
>>> _ = reference("ada"); calls
['ada', 'ada']
>>> @per_notebook(shared=True)
... def bank():
...     return {"read": "only"}
>>> with one_notebook():
...     bank() is bank()
True
"""

from __future__ import annotations

import contextvars
import copy
import functools
from contextlib import contextmanager

_SCOPE: contextvars.ContextVar[dict | None] = contextvars.ContextVar("per_notebook", default=None)


@contextmanager
def one_notebook():
    """Within this block, each :func:`per_notebook` function runs once per argument set."""
    token = _SCOPE.set({})
    try:
        yield
    finally:
        _SCOPE.reset(token)


def per_notebook(function=None, *, shared: bool = False):
    """Mark a pure function of hashable arguments as computed once per graded notebook.

    Each call gets a deep copy of the value, unless ``shared``: for values the
    tests only read and that cannot be deep-copied (the vignette bank's models),
    every call in the notebook gets the same object.
    """

    def mark(function):
        @functools.wraps(function)
        def once(*args, **kwargs):
            scope = _SCOPE.get()
            if scope is None:
                return function(*args, **kwargs)
            key = (function.__module__, function.__qualname__, args, tuple(sorted(kwargs.items())))
            if key not in scope:
                scope[key] = function(*args, **kwargs)
            return scope[key] if shared else copy.deepcopy(scope[key])

        return once

    return mark(function) if function is not None else mark
