from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "renpu.web.reports"
    label = "reports"
    verbose_name = "报表与底册"
