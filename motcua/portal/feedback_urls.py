"""Feedback and petitions (PAKN) on the portal; included by motcua/portal/urls.py without an
app_name, so the names are `portal:feedback-*`."""

from django.urls import path

from motcua.portal import feedback_views

FEEDBACK = "phan-anh-kien-nghi/"

urlpatterns = [
    path(FEEDBACK, feedback_views.feedback_list, name="feedback-list"),
    path(f"{FEEDBACK}gui/", feedback_views.feedback_new, name="feedback-new"),
    path(f"{FEEDBACK}cua-toi/", feedback_views.feedback_mine, name="feedback-mine"),
    path(f"{FEEDBACK}da-gui/<str:code>/", feedback_views.feedback_sent, name="feedback-sent"),
    path(f"{FEEDBACK}<str:code>/", feedback_views.feedback_detail, name="feedback-detail"),
    path(
        f"{FEEDBACK}<str:code>/bo-sung/",
        feedback_views.feedback_provide_info,
        name="feedback-provide-info",
    ),
    path(f"{FEEDBACK}<str:code>/danh-gia/", feedback_views.feedback_react, name="feedback-react"),
]
