"""The confidentiality agreement page and the throttled login."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from . import agreement as agreements
from .scope import user_of
from .throttle import ThrottledAuthenticationForm


class LoginView(auth_views.LoginView):
    form_class = ThrottledAuthenticationForm
    redirect_authenticated_user = True


@login_required
@require_http_methods(["GET", "POST"])
def agreement(request: HttpRequest) -> HttpResponse:
    current = agreements.current_agreement()
    if request.method == "POST":
        if request.POST.get("accept") != "yes":
            return render(request, "accounts/agreement.html", {"agreement": current, "error": "须勾选“我已阅读并同意”才能继续。"})
        agreements.accept(user_of(request), current)
        request.session["agreement_version"] = current.version
        return redirect("home")
    accepted = agreements.has_accepted(request.user, current)
    return render(request, "accounts/agreement.html", {"agreement": current, "accepted": accepted})
