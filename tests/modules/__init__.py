"""Tests of each module's code, one file per module."""

# Trainee ids for checks that what a notebook says about "your data" holds for every
# trainee, not just the author's: 200 ids, the same in every module.
AUDIT_IDS = [f"audit-{n}" for n in range(200)]
