"""Background tasks of the reports (django.tasks: the database backend in production, run
immediately in tests)."""

from django.tasks import task

from motcua.reports.services import report_export_execute


@task
def report_export_run(export_id: int) -> None:
    """Make the file of a queued `ReportExport`; does nothing unless it is queued."""
    report_export_execute(export_id=export_id)
