"""Shared fixtures. App-specific factories live in tests/<app>/factories.py."""

import os

from hypothesis import HealthCheck, settings

# Hypothesis' per-example deadline is a timing assertion: speed targets live in bench/, not here.
settings.register_profile(
    "motcua",
    deadline=None,
    max_examples=200,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("ci", parent=settings.get_profile("motcua"), derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "motcua")
