from django.apps import AppConfig


class BackofficeConfig(AppConfig):
    """Officers' screens. An interface: no models, no rules; it calls services and selectors."""

    name = "motcua.backoffice"
    label = "backoffice"
    verbose_name = "Nghiệp vụ cán bộ"
