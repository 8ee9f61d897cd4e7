from django.apps import AppConfig


class RegistersConfig(AppConfig):
    """Registers: the household-head register (户主姓名底册), the hard-case registers, 查漏房.

    The label stays ``reports``, the app's name before the web folders were split."""

    name = "renpu.web.registers"
    label = "reports"
    verbose_name = "报表与底册"
    default_auto_field = "django.db.models.BigAutoField"
