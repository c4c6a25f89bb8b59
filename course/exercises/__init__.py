"""Per-module exercise logic (reference answers, data preparation), one file per module."""
