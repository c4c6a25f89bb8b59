"""Read the course's YAML data files (instrument specs, vignettes, submission profiles).

The C loader (libyaml) is several times faster than the pure-Python one; every
kernel reads these files, so use it when PyYAML was built with it. Both loaders
are *safe* loaders: they build only plain dicts, lists, strings and numbers.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "x.yaml"
>>> _ = path.write_text("id: phq-9\\nitems: 9\\n", encoding="utf-8")
>>> read_yaml(path)
{'id': 'phq-9', 'items': 9}
"""

from __future__ import annotations

from pathlib import Path

import yaml

_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path | str):
    """Parse the UTF-8 YAML file at ``path`` with a safe loader."""
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_SAFE_LOADER)  # noqa: S506
