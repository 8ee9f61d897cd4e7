"""账号管理: the county office creates canvassers and township officers, gives them
their villages or townships, resets passwords and disables accounts — in the
browser, without Django admin permissions.  County role only (others get 404);
every change is kept (``AccountChange``) and shown beneath the list."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from renpu.web.ui.tables import Column, Table, link, tag

from . import users
from .account_forms import BROWSER_ROLES, AreaForm, NewAccountForm, PasswordForm
from .models import AccountChange, Membership
from .scope import membership_of, require_county, user_of

EDITABLE = {role for role, _ in BROWSER_ROLES}


def _columns() -> list[Column]:
    base = reverse("accounts")
    return [
        Column("账号", lambda u: link(f"{base}{u.pk}/", u.username) if _editable(u) else u.username),
        Column("姓名", lambda u: u.first_name),
        Column("角色", lambda u: u.membership.get_role_display() if membership_of(u) else "（无角色）"),
        Column("辖区", lambda u: users.area_text(membership_of(u))),
        Column("状态", lambda u: tag("approved", "启用") if u.is_active else tag("open", "已停用")),
        Column("最近登录", lambda u: f"{u.last_login:%Y-%m-%d %H:%M}" if u.last_login else "从未登录"),
    ]


def _editable(user: Any) -> bool:
    membership = membership_of(user)
    return not user.is_superuser and (membership is None or membership.role in EDITABLE)


def _account(request: HttpRequest, pk: int) -> User:
    """An account the county may change here (not a county account, not a superuser), else 404."""
    require_county(request)
    found = get_user_model().objects.filter(pk=pk).first()
    if found is None or not _editable(found):
        raise Http404("没有找到该账号")
    return found  # type: ignore[return-value]


@login_required
def account_list(request: HttpRequest) -> HttpResponse:
    require_county(request)
    accounts = (get_user_model().objects.filter(is_superuser=False).select_related("membership")
                .prefetch_related("membership__townships", "membership__villages").order_by("username"))
    return render(request, "accounts/account_list.html", {
        "table": Table(_columns(), accounts, "还没有账号。").html(),
        "changes": AccountChange.objects.all()[:100],
    })


@login_required
@require_http_methods(["GET", "POST"])
def account_new(request: HttpRequest) -> HttpResponse:
    require_county(request)
    form = NewAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                account = get_user_model().objects.create_user(data["username"], password=data["password1"],
                                                               first_name=data["first_name"])
                area = users.set_role(account, data["role"], form.area_codes())
                users.log_change(user_of(request), account, "新建", f"{_role_label(data['role'])}；{area}")
        except users.AccountError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"已新建账号 {account.username}（{area}）。请把账号和密码告诉本人。")
            return redirect("accounts")
    return render(request, "accounts/account_form.html", {"form": form, "title": "新建账号"})


@login_required
@require_http_methods(["GET", "POST"])
def account_edit(request: HttpRequest, pk: int) -> HttpResponse:
    account = _account(request, pk)
    membership = membership_of(account)
    initial = {"first_name": account.first_name, "role": membership.role if membership else "",
               "townships": _codes(membership, "townships"), "villages": _codes(membership, "villages")}
    form = AreaForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                before = users.area_text(membership)
                account.first_name = data["first_name"]
                account.save(update_fields=["first_name"])
                area = users.set_role(account, data["role"], form.area_codes())
                users.log_change(user_of(request), account, "修改辖区",
                                 f"{_role_label(data['role'])}；{before} → {area}")
        except users.AccountError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"已保存 {account.username}：{area}。")
            return redirect("accounts")
    return render(request, "accounts/account_form.html", {
        "form": form, "title": f"修改账号 {account.username}", "account": account,
        "password_form": PasswordForm(user=account),
        "changes": AccountChange.objects.filter(username=account.username)[:50],
    })


@login_required
@require_POST
def account_password(request: HttpRequest, pk: int) -> HttpResponse:
    account = _account(request, pk)
    form = PasswordForm(request.POST, user=account)
    if not form.is_valid():
        errors = "；".join(str(e) for errors in form.errors.values() for e in errors)
        messages.error(request, f"密码未修改：{errors}")
        return redirect("account", pk=pk)
    account.set_password(form.cleaned_data["password1"])
    account.save(update_fields=["password"])  # the account's other sessions end with it
    users.log_change(user_of(request), account, "重置密码")
    messages.success(request, f"已重置 {account.username} 的密码。请把新密码告诉本人。")
    return redirect("accounts")


@login_required
@require_POST
def account_active(request: HttpRequest, pk: int) -> HttpResponse:
    account = _account(request, pk)
    account.is_active = request.POST.get("active") == "yes"
    account.save(update_fields=["is_active"])  # Django refuses an inactive account's login and sessions
    users.log_change(user_of(request), account, "启用" if account.is_active else "停用")
    messages.success(request, f"已{'启用' if account.is_active else '停用'}账号 {account.username}。")
    return redirect("accounts")


def _codes(membership: Membership | None, relation: str) -> list[str]:
    return list(getattr(membership, relation).values_list("code", flat=True)) if membership else []


def _role_label(role: str) -> str:
    return str(users.ROLE_LABELS.get(role, role))
