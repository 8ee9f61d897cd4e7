from django.apps import AppConfig


class CanvassConfig(AppConfig):
    name = "renpu.web.canvass"
    label = "canvass"
    verbose_name = "摸排数据库"
