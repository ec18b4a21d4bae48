from django.urls import path

from motcua.backoffice import views

app_name = "backoffice"
urlpatterns = [
    path("calendar/", views.calendar_page, name="calendar"),
    path(
        "calendar/overrides/<int:pk>/revoke/",
        views.calendar_override_revoke_view,
        name="calendar-override-revoke",
    ),
    path("deadline/", views.deadline_page, name="deadline"),
]
