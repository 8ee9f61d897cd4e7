from django.apps import AppConfig


class UiConfig(AppConfig):
    """What every page shares: the base template, HTML tables, paging, headers, template tags, CSS and script."""

    name = "renpu.web.ui"
    label = "ui"
    verbose_name = "页面组件"
    default_auto_field = "django.db.models.BigAutoField"
