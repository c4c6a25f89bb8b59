"""The vignette bank: short client, therapist or scene texts tagged with alliance concepts.

The bank lives in ``course/data/vignettes/``: ``vocabulary.yaml`` defines the concept
families and their allowed values once; every other ``*.yaml`` file there holds
vignettes. :func:`load` validates all of them and fails naming the file, the
vignette id and the reason. Notebooks and graders use:

- :func:`bank` the validated bank (cached), :func:`as_frame` as a DataFrame;
- :func:`for_student` a balanced, reproducible sample for one trainee and module;
- :func:`answer_key` the correct tag value of each sampled vignette;
- :func:`feedback` the one-sentence rationale shown when a trainee mis-sorts one.

>>> picked = for_student("trainee-01", "01-alliance", k=6, family="component")
>>> sorted(answer_key(picked, "component").values())
['bond', 'bond', 'goal', 'goal', 'task', 'task']
>>> feedback(picked[0].id) == picked[0].rationale
True
"""

from course.vignettes.bank import (
    VignetteBank,
    answer_key,
    as_frame,
    balanced_quotas,
    bank,
    feedback,
    for_student,
    graded_texts,
    load,
    vignette_files,
)
from course.vignettes.model import (
    BANK_DIR,
    GRADED_FILE,
    ID_PATTERN,
    MAX_RATIONALE_CHARS,
    MAX_TEXT_CHARS,
    MIN_RATIONALE_CHARS,
    MIN_TEXT_CHARS,
    SCENE_LINES,
    SENTENCE_BREAK,
    VOCABULARY_FILE,
    Family,
    Person,
    TagValue,
    Vignette,
    VignetteBankError,
    VignetteText,
    Vocabulary,
    load_vocabulary,
)

__all__ = [
    "BANK_DIR",
    "GRADED_FILE",
    "ID_PATTERN",
    "MAX_RATIONALE_CHARS",
    "MAX_TEXT_CHARS",
    "MIN_RATIONALE_CHARS",
    "MIN_TEXT_CHARS",
    "SCENE_LINES",
    "SENTENCE_BREAK",
    "VOCABULARY_FILE",
    "Family",
    "Person",
    "TagValue",
    "Vignette",
    "VignetteBank",
    "VignetteBankError",
    "VignetteText",
    "Vocabulary",
    "answer_key",
    "as_frame",
    "balanced_quotas",
    "bank",
    "feedback",
    "for_student",
    "graded_texts",
    "load",
    "load_vocabulary",
    "vignette_files",
]
