from django.apps import AppConfig


class TransferConfig(AppConfig):
    """Uploads (导入) and exports of any list to .xlsx (导出) in the browser."""

    name = "renpu.web.transfer"
    label = "transfer"
    verbose_name = "导入导出"
    default_auto_field = "django.db.models.BigAutoField"
