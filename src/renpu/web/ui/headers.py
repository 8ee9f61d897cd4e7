"""Security headers Django 5.2 does not set itself: CSP, permissions, no caching of data pages."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

# Everything is served by the app itself (no CDN); no inline scripts.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # The Django admin writes a few inline styles; our own pages none.
        csp = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'") if request.path.startswith("/admin/") else CSP
        response.setdefault("Content-Security-Policy", csp)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        response.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if request.user.is_authenticated and not request.path.startswith("/static/"):
            # Pages with personal data must not stay in a shared office PC's cache.
            response["Cache-Control"] = "no-store"
        return response
