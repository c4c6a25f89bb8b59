"""Stable seeds: the same trainee and module give the same numbers everywhere.

Python's built-in ``hash()`` of a string changes between processes, so it must
never seed trainee data. A SHA-256 digest does not change across processes,
machines, Python or pandas versions.
"""

from __future__ import annotations

import hashlib


def stable_seed(*parts: object) -> int:
    """Return a 63-bit seed derived from ``parts`` by SHA-256.

    >>> stable_seed("trainee-01", "00-orientation")
    1058145156857979620
    >>> stable_seed("trainee-01", "00-orientation") == stable_seed("trainee-02", "00-orientation")
    False
    """
    text = "\x1f".join(str(part) for part in parts)
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") >> 1
