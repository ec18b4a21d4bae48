"""Background tasks of the catalog (django.tasks: the database backend in production, run
immediately in tests)."""

from django.tasks import task

from motcua.catalog.importing import catalog_import_run


@task
def run_catalog_import_task(import_id: int) -> None:
    """Check or import the workbook of a `CatalogImport`; does nothing unless it is queued."""
    catalog_import_run(import_id=import_id)
