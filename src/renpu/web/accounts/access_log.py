"""Who viewed which household's personal data: one row per page of personal data shown.

A middleware, so that no view has to remember it: after a page that names one
household (its card, a person's form, a task, a record of the other tables)
answers 200, the user, the village, the household key and the page are written
down.  The county office reads them at 查看记录 (``/access-log/``, county only).
Searches are not logged by their query (an ID number typed is itself personal);
the household pages they lead to are.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .models import AccessLog
from .scope import require_county


def _household(pk: int) -> tuple[str, str] | None:
    from renpu.web.canvass.models import Household

    found = Household.objects.filter(pk=pk).values_list("village_id", "household_key").first()
    return (str(found[0]), str(found[1])) if found else None


def _person(pk: int) -> tuple[str, str] | None:
    from renpu.web.canvass.models import Person

    found = Person.objects.filter(pk=pk).values_list("village_id", "household_key").first()
    return (str(found[0]), str(found[1])) if found else None


def _task(pk: int) -> tuple[str, str] | None:
    from renpu.web.verification.models import Task

    found = Task.objects.filter(pk=pk).values_list("village_id", "finding__canvass_key").first()
    return (str(found[0] or ""), str(found[1] or "")) if found else None


def _record(slug: str, pk: int) -> tuple[str, str] | None:
    from renpu.web.canvass.records import KINDS

    kind = KINDS.get(slug)
    if kind is None:
        return None
    record = kind.model._default_manager.filter(pk=pk).first()
    if record is None:
        return None
    key = getattr(record, "household_key", "") or getattr(record, kind.key_field, "")
    return str(record.village_id), str(key)


# URL name → (label, how its kwargs name a household)
PAGES: dict[str, tuple[str, Callable[..., tuple[str, str] | None]]] = {
    "household": ("户卡", _household), "household_edit": ("修改户", _household),
    "person_new": ("新增人员", _household), "person_edit": ("修改人员", _person),
    "person_death": ("登记死亡", _person), "person_away": ("登记外出", _person),
    "person_return": ("登记返回", _person), "person_remove": ("删除人员", _person),
    "task_undo": ("撤销办结", _task), "task": ("核查任务", _task),
    "record": ("其他表记录", _record),
}


class AccessLogMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if response.status_code == 200 and match is not None and match.url_name in PAGES:
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                label, locate = PAGES[match.url_name]
                found = locate(**match.kwargs)
                if found is not None:
                    AccessLog.objects.create(user=user, user_name=user.get_username(), village_code=found[0],
                                             household_key=found[1], page=label)
        return response


@login_required
def access_log(request: HttpRequest) -> HttpResponse:
    """查看记录: the latest 500 views of personal data, or one household's (``?household=KEY``)."""
    require_county(request)
    logs: Any = AccessLog.objects.all()
    household = request.GET.get("household", "").strip()
    if household:
        logs = logs.filter(household_key=household)
    return render(request, "accounts/access_log.html", {"logs": logs[:500], "household": household})
