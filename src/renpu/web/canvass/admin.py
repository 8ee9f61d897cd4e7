from django.contrib import admin

from . import models

admin.site.site_header = "人普 renpu 管理"
for model in (models.Township, models.Village, models.EnumerationArea, models.ImportBatch):
    admin.site.register(model)
