from django.apps import AppConfig


class DashboardConfig(AppConfig):
    """The dashboard: figures per village and township, the age-sex pyramid (no tables of its own)."""

    name = "renpu.web.dashboard"
    label = "dashboard"
    verbose_name = "首页"
    default_auto_field = "django.db.models.BigAutoField"
