"""Hypothesis profiles: a quick one for `make test`, a long one for `make fuzz`."""

import os

from hypothesis import HealthCheck, settings

settings.register_profile("quick", max_examples=150, deadline=None)
settings.register_profile(
    "fuzz", max_examples=20_000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))
