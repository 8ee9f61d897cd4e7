from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Accounts: roles and areas (scope), the confidentiality agreement, login throttling, ID masking, the export log.

    The label stays ``platform``, the app's name before the web folders were split
    by capability, so that databases made before keep their tables and migrations."""

    name = "renpu.web.accounts"
    label = "platform"
    verbose_name = "账号与权限"
    default_auto_field = "django.db.models.BigAutoField"
