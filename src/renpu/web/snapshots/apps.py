from django.apps import AppConfig


class SnapshotsConfig(AppConfig):
    """Monthly snapshots (月度快照) and the changes between two of them (核变动)."""

    name = "renpu.web.snapshots"
    label = "snapshots"
    verbose_name = "月度快照"
    default_auto_field = "django.db.models.BigAutoField"
