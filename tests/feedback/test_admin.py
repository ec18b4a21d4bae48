"""PAKN in the admin: readable by superusers, never written there."""

from django.urls import reverse

from motcua.accounts.models import User
from motcua.feedback import services as fb
from motcua.feedback.models import ReactionValue
from tests.accounts.factories import CitizenFactory
from tests.feedback.factories import send


def test_a_superuser_reads_pakn_but_cannot_change_them(client, world, province_officer) -> None:
    feedback = fb.feedback_accept(feedback=send(), actor=province_officer)
    feedback = fb.feedback_answer(feedback=feedback, actor=province_officer, answer="A",
                                  public=True)  # fmt: skip
    feedback = fb.feedback_publish(feedback=feedback, actor=province_officer)
    fb.feedback_react(feedback=feedback, value=ReactionValue.LIKE, actor=CitizenFactory())
    client.force_login(User.objects.create_superuser(username="root", password="mat-khau-2026-dai"))
    listing = client.get(reverse("admin:feedback_feedback_changelist"), {"q": feedback.code})
    assert listing.status_code == 200
    assert feedback.code in listing.text
    page = client.get(reverse("admin:feedback_feedback_change", args=[feedback.pk]))
    assert page.status_code == 200
    assert "feedback.published" in page.text  # the log, inline
    assert 'name="_save"' not in page.text
    assert client.get(reverse("admin:feedback_feedback_add")).status_code == 403
    reactions = client.get(reverse("admin:feedback_feedbackreaction_changelist"))
    assert reactions.status_code == 200
    assert feedback.code in reactions.text
