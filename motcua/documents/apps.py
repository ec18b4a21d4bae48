from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    """The official forms as PDF (receipt, supplement request, refusal, apology, stop notice,
    control sheet, logbook), QR codes and signatures."""

    name = "motcua.documents"
    label = "documents"
    verbose_name = "Văn bản, biểu mẫu"
