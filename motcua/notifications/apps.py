from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    """E-mail and SMS behind interfaces chosen by settings, with an outbox and a delivery log."""

    name = "motcua.notifications"
    label = "notifications"
    verbose_name = "Thông báo"
