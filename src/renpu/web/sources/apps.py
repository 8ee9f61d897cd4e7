from django.apps import AppConfig


class SourcesConfig(AppConfig):
    name = "renpu.web.sources"
    label = "sources"
    verbose_name = "部门行政记录"
