from django.apps import AppConfig


class VerificationConfig(AppConfig):
    """Comparison runs, findings, the tasks they become, and the task pages."""

    name = "renpu.web.verification"
    label = "verification"
    verbose_name = "比对与核查"
    default_auto_field = "django.db.models.BigAutoField"
