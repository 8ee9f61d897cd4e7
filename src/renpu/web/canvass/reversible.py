"""Changes that can be taken back exactly: a task's resolution, reverted when it is
sent back or undone.

A ``ChangeSet`` makes each change through the one history writer
(``canvass.history``) and keeps, as JSON, what it did: the fields it changed
(old and new, as history spells them), the records it added, and the whole of
each record it removed.  ``revert`` undoes them in reverse order, with history
again, and refuses (changing nothing) when someone edited a record since: an
undo must never overwrite a later correction.

Each step is also described for people (``lines``): the preview before a
resolution is submitted is the same ChangeSet run and rolled back, so what the
page shows is exactly what will be done.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Model

from . import history
from .models import MODEL_FOR_TABLE, Person

# Models a change set may touch, by a stable name kept in the stored JSON.
MODELS: dict[str, type[Model]] = {"person": Person, **{t: m for t, m in MODEL_FOR_TABLE.items() if m is not Person}}
_NAME_OF = {model: name for name, model in MODELS.items()}
# Filled by the store on save: never compared, never restored by hand.
_AUTOMATIC = frozenset({"updated_at"})


class RevertConflict(ValueError):
    """A record was changed after the change set; the message says which, in Chinese."""


@dataclass
class ChangeSet:
    user: User
    preview: bool = False  # lines say what *will* be done ("将删除 …")
    steps: list[dict[str, Any]] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)

    def _say(self, verb: str, what: str) -> None:
        self.lines.append(f"{'将' if self.preview else ''}{verb} {what}")

    def update(self, record: Model, **values: Any) -> None:
        """Set fields of ``record`` (history: one row per field that changes)."""
        before = history.snapshot(record)
        for name, value in values.items():
            setattr(record, name, value)
        record.save()
        changes = history.log_changes(record, before, self.user)
        if not changes:
            return
        fields = {_attname(record, c.field): [c.old_value, c.new_value] for c in changes}
        self.steps.append({"op": "update", "model": _NAME_OF[type(record)], "pk": record.pk, "fields": fields})
        for change in history.labelled(changes):
            shown_old = change.old_shown or "（空）"  # type: ignore[attr-defined]
            self._say("修改", f"{_who(record)} {change.field_label}：{shown_old} → {change.new_shown or '（空）'}")  # type: ignore[attr-defined]

    def create(self, record: Model, note: str) -> None:
        record.save()
        history.log_create(record, self.user, note)
        self.steps.append({"op": "create", "model": _NAME_OF[type(record)], "pk": record.pk})
        self._say("新增", f"{_who(record)}（{note}）")

    def delete(self, record: Model, reason: str) -> None:
        values = _values(record)
        history.log_delete(record, self.user, f"{reason}：{_summary(record)}")
        record.delete()
        self.steps.append({"op": "delete", "model": _NAME_OF[type(record)], "values": values})
        self._say("删除", f"{_who(record)}（{reason}）")

    def link(self, kept: Person, removed_key: str, linked: bool = True) -> None:
        """Join (or part) the histories of a kept person and the duplicate merged into them."""
        history.log_merge(kept, removed_key, self.user, linked)
        self.steps.append({"op": "link", "pk": kept.pk, "removed": removed_key, "linked": linked})
        if linked:
            self._say("合并", f"{removed_key} 的修改记录到 {_who(kept)} 名下")


class _RolledBack(Exception):
    """Raised inside a dry run to roll its changes back."""


def dry_run(user: User, make: Callable[[ChangeSet], None]) -> list[str]:
    """What ``make`` would change ("将删除 …"), line by line, changing nothing: it runs and is rolled back,
    so a preview says exactly what doing it does."""
    changes = ChangeSet(user, preview=True)
    try:
        with transaction.atomic():
            make(changes)
            raise _RolledBack
    except _RolledBack:
        pass
    return changes.lines


def _who(record: Model) -> str:
    """张小明（HA1-03）; a row of another table says which: 外出人员 张小明（CA1）."""
    name = getattr(record, "name", "") or getattr(record, "address", "")
    who = f"{name}（{history.key_of(record)}）" if name else history.key_of(record)
    return who if isinstance(record, Person) else f"{record._meta.verbose_name} {who}"


def _summary(record: Model) -> str:
    shown = []
    # the household first: its page finds its removed members by it (history.for_household)
    for f in ("household_key", "name", "id_number", "sex", "birth_date", "relationship", "address"):
        value = getattr(record, f, None)
        if value:
            label = history.labels_of(history.table_of(record), f)[1]
            shown.append(f"{label} {history.value_label(history.table_of(record), f, history.text(value))}")
    return "，".join(shown)


def _attname(record: Model, name: str) -> str:
    """History drops ``_id`` of a foreign key (``village``); the stored step keeps the attribute."""
    names = {f.attname for f in record._meta.concrete_fields}
    return name if name in names else f"{name}_id"


def _values(record: Model) -> dict[str, str]:
    return {f.attname: history.text(getattr(record, f.attname))
            for f in record._meta.concrete_fields if f.name not in _AUTOMATIC}


def from_text(model: type[Model], attname: str, text: str) -> Any:
    """The value history spelled as ``text``, back in the field's own type."""
    found = next(f for f in model._meta.concrete_fields if f.attname == attname)
    if text == "" and found.null:
        return None
    if found.get_internal_type() == "BooleanField":
        return text == "1"
    return found.to_python(text)


@transaction.atomic
def revert(steps: list[dict[str, Any]], user: User, note: str) -> list[str]:
    """Undo ``steps`` (newest first) with history; return what was undone, for the task's record."""
    undone = ChangeSet(user)
    for step in reversed(steps):
        model = MODELS.get(step.get("model", "person"), Person)
        if step["op"] == "update":
            _revert_update(undone, model, step)
        elif step["op"] == "create":
            record = model._default_manager.filter(pk=step["pk"]).first()
            if record is not None:
                undone.delete(record, note)
        elif step["op"] == "delete":
            _revert_delete(undone, model, step, note)
        elif step["op"] == "link":
            kept = Person.objects.filter(pk=step["pk"]).first()
            if kept is not None:
                history.log_merge(kept, step["removed"], user, not step["linked"])
    return undone.lines


def _revert_update(undone: ChangeSet, model: type[Model], step: dict[str, Any]) -> None:
    record = model._default_manager.filter(pk=step["pk"]).first()
    if record is None:
        raise RevertConflict(f"要恢复的记录（{model._meta.verbose_name} #{step['pk']}）已被删除，不能撤销，请手工核对。")
    current = history.snapshot(record)
    for attname, (_old, new) in step["fields"].items():
        if current.get(attname) != new:
            label = history.labels_of(history.table_of(record), attname.removesuffix("_id"))[1]
            raise RevertConflict(f"{_who(record)} 的“{label}”在处理后又被修改过（现为 {current.get(attname) or '空'}），"
                                 "不能自动撤销，请先核对该项。")
    undone.update(record, **{a: from_text(model, a, old) for a, (old, _new) in step["fields"].items()})


def _revert_delete(undone: ChangeSet, model: type[Model], step: dict[str, Any], note: str) -> None:
    values = {a: from_text(model, a, text) for a, text in step["values"].items()}
    key_field = next((f for f in ("person_key", "household_key", "away_key") if f in values), None)
    if model._default_manager.filter(pk=values["id"]).exists() or (
            key_field and model._default_manager.filter(**{key_field: values[key_field]}).exists()):
        raise RevertConflict(f"要恢复的记录（{values.get(key_field or 'id')}）的编号已被占用，不能撤销，请手工核对。")
    undone.create(model(**values), f"恢复（{note}）")
