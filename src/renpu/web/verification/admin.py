"""Admin: tasks and their steps, for the county office to look into."""

from __future__ import annotations

from django.contrib import admin

from .models import Task, TaskEvent


class TaskEventInline(admin.TabularInline):
    model = TaskEvent
    extra = 0
    readonly_fields = ("actor", "actor_name", "at", "action", "outcome", "comment")


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ("pk", "code", "village", "state", "outcome", "updated_at")
    list_filter = ("state", "code")
    raw_id_fields = ("finding",)
    inlines = [TaskEventInline]
