"""Dossiers in the admin: readable by superusers, never written there."""

import pytest
from django.urls import reverse

from motcua.accounts.models import User
from tests.dossiers.builders import build_world, receive

pytestmark = pytest.mark.django_db


def test_a_superuser_reads_dossiers_but_cannot_change_them(client) -> None:
    dossier = receive(build_world())
    client.force_login(User.objects.create_superuser(username="root", password="mat-khau-2026-dai"))
    listing = client.get(reverse("admin:dossiers_dossier_changelist"), {"q": dossier.code})
    assert listing.status_code == 200
    assert dossier.code in listing.text
    page = client.get(reverse("admin:dossiers_dossier_change", args=[dossier.pk]))
    assert page.status_code == 200
    assert "Nguyễn Văn Bình" in page.text
    assert 'name="_save"' not in page.text
    assert client.get(reverse("admin:dossiers_dossier_add")).status_code == 403
    assert (
        client.get(reverse("admin:dossiers_dossier_delete", args=[dossier.pk])).status_code == 403
    )
