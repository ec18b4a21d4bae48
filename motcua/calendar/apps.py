from django.apps import AppConfig


class CalendarConfig(AppConfig):
    name = "motcua.calendar"
    label = "work_calendar"
    verbose_name = "Lịch làm việc"
