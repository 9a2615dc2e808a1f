"""Hypothesis profiles: ``ci`` (the default, derandomised and bounded) and ``long``.

Choose with ``HYPOTHESIS_PROFILE=long pytest`` for a local run that searches harder;
docs/writers.md gives the example counts of each property under both.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# Generated reports are large (up to 200 cells and six sections of prose).
_SLOW_DATA = [HealthCheck.too_slow, HealthCheck.data_too_large]

settings.register_profile(
    "ci",
    max_examples=40,
    derandomize=True,  # the same examples on every run, so CI failures reproduce
    database=None,
    deadline=None,  # timing belongs in benchmarks/, not in pass/fail
    print_blob=True,
    suppress_health_check=_SLOW_DATA,
)
settings.register_profile(
    "long",
    max_examples=1000,
    deadline=None,
    print_blob=True,
    suppress_health_check=_SLOW_DATA,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# Messages follow the locale; tests assert exact Chinese wording whatever the machine's
# locale is (tests of the choice itself set the variables they need). Subprocesses
# started by tests inherit it.
os.environ["GOVREPORT_LANG"] = "zh"
