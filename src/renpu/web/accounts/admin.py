"""Admin: county staff create accounts and give them a role and area here."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User

from .models import Agreement, AgreementAcceptance, ExportLog, Membership


class MembershipInline(admin.StackedInline):
    model = Membership
    can_delete = False
    filter_horizontal = ("townships", "villages")
    verbose_name_plural = "角色与辖区"


class RenpuUserAdmin(UserAdmin):
    inlines = [MembershipInline]
    list_display = ("username", "first_name", "is_active", "is_staff", "last_login")


admin.site.unregister(User)
admin.site.register(User, RenpuUserAdmin)


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ("title", "version", "created_at")


@admin.register(AgreementAcceptance)
class AcceptanceAdmin(admin.ModelAdmin):
    list_display = ("user", "version", "accepted_at")
    readonly_fields = ("user", "agreement", "version", "accepted_at")


@admin.register(ExportLog)
class ExportLogAdmin(admin.ModelAdmin):
    list_display = ("at", "user_name", "what", "rows", "masked")
    readonly_fields = ("user", "user_name", "what", "rows", "masked", "at")
