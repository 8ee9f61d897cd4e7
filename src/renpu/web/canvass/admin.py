from django.contrib import admin

from . import models

admin.site.site_header = "人普 renpu 管理"
admin.site.site_title = "人普 renpu 管理"  # the browser tab (Django's default names Django)
admin.site.index_title = "账号与数据管理"
for model in (models.Township, models.Village, models.EnumerationArea, models.ImportBatch):
    admin.site.register(model)


@admin.register(models.HouseholdCheck)
class HouseholdCheckAdmin(admin.ModelAdmin):
    list_display = ("household_key", "village", "month", "checked_by_name", "at")
    list_filter = ("month",)
