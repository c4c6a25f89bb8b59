"""The shared vignette-sorting helpers: neutral labels (course) and the key and check (answer_key)."""

from __future__ import annotations

import pytest

from answer_key import labelling as key_labelling
from course import labelling, vignettes
from course.grading import CheckFailed


def _two(family: str = "rupture"):
    return vignettes.bank().tagged(family)[:2]


def test_labels_never_show_the_bank_id():
    labelled = labelling.with_labels(_two(), "V")
    assert list(labelled) == ["V1", "V2"]
    assert all(label not in v.id for label, v in labelled.items())


def test_an_explicit_label_list_must_match_the_number_of_vignettes():
    with pytest.raises(ValueError):
        labelling.with_labels(_two(), ["A", "B", "C"])


def test_the_key_comes_from_the_bank_not_from_the_objects_the_notebook_showed():
    first, second = _two()
    true_value = first.tags["rupture"]
    other = next(v for v in vignettes.bank().tagged("rupture") if v.tags["rupture"] != true_value)
    # a displayed object whose tags were swapped for another vignette's
    doctored = first.model_copy(update={"tags": other.tags})
    key = key_labelling.label_key({"V1": doctored, "V2": second}, "rupture")
    assert key == {"V1": true_value, "V2": second.tags["rupture"]}


def test_a_miss_is_explained_with_the_rationale_and_the_reminder():
    labelled = labelling.with_labels(_two(), "V")
    key = key_labelling.label_key(labelled, "rupture")
    key_labelling.check_sorted(dict(key), labelled, "rupture", "marker_labels", "Reminder text.")
    wrong = {
        label: "confrontation" if value == "withdrawal" else "withdrawal"
        for label, value in key.items()
    }
    with pytest.raises(CheckFailed) as caught:
        key_labelling.check_sorted(wrong, labelled, "rupture", "marker_labels", "Reminder text.")
    message = str(caught.value)
    assert "`marker_labels`: 2 of 2 not right yet" in message
    assert message.endswith("Reminder text.")
    first_rationale = labelled["V1"].rationale.split()[:4]
    assert " ".join(first_rationale) in message
