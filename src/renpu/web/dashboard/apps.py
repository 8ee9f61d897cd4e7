from django.apps import AppConfig


class DashboardConfig(AppConfig):
    """The dashboard: figures per village and township, the age-sex pyramid (no tables of its own)."""

    name = "renpu.web.dashboard"
    label = "dashboard"
    verbose_name = "首页"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from renpu.web.signals import store_changed

        from .figures import on_store_changed

        store_changed.connect(on_store_changed, dispatch_uid="dashboard-figures")
