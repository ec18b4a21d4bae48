"""Background tasks (Django `django.tasks`): the database backend in production, inline in tests."""

from django.tasks import task


@task
def send_notification_task(notification_id: int) -> str:
    """Send one queued notification (enqueued on commit by `notification_enqueue`).

    Returns the row's status afterwards, kept in the task result. A row that no longer exists
    ("missing") or needs nothing (already sent) is not an error.
    """
    # Imported here: services enqueue this task, so they import this module first.
    from motcua.notifications.models import Notification
    from motcua.notifications.services import notification_send

    notification = Notification.objects.filter(pk=notification_id).first()
    if notification is None:
        return "missing"
    return notification_send(notification=notification).status
