from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo province: generated data and the commands that load it. No models, no rules."""

    name = "motcua.demo"
    label = "demo"
    verbose_name = "Dữ liệu mẫu"
