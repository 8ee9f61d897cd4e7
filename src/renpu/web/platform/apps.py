from django.apps import AppConfig


class PlatformConfig(AppConfig):
    """The web platform (录平台): accounts and scope, agreement, entry, tasks, dashboard."""

    name = "renpu.web.platform"
    label = "platform"
    verbose_name = "录平台"
    default_auto_field = "django.db.models.BigAutoField"
