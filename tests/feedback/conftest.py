"""Fixtures for PAKN tests: the dossier tests' small province, at a fixed Monday morning."""

from collections.abc import Iterator

import pytest
import time_machine

from motcua.accounts.models import Agency, Role, User
from motcua.notifications import backends
from tests.dossiers.builders import MONDAY_9AM, World, build_world
from tests.feedback.factories import staff


@pytest.fixture
def clock() -> Iterator[time_machine.Traveller]:
    """Monday 9 March 2026, 09:00 in Hà Nội; `clock.move_to(...)` moves on."""
    with time_machine.travel(MONDAY_9AM, tick=False) as traveller:
        yield traveller


@pytest.fixture
def world(db: None, clock: time_machine.Traveller) -> World:
    backends.outbox.clear()
    return build_world()


@pytest.fixture
def province(world: World) -> Agency:
    return Agency.objects.get(code="000.00.00.H99")


@pytest.fixture
def province_officer(province: Agency) -> User:
    """A specialist of the province (where PAKN with no link go)."""
    return staff(province, Role.SPECIALIST, name="chuyenvien.tinh")
