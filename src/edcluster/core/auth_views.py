"""Sign-in with a rate limit per IP and per login name."""

from __future__ import annotations

from django.contrib.auth import views as auth_views

from edcluster.core.ratelimit import rate_limit_request

LOGIN_ATTEMPTS_PER_MINUTE = 10


class LoginView(auth_views.LoginView):
    def post(self, request, *args, **kwargs):
        rate_limit_request(request, "login", limit=LOGIN_ATTEMPTS_PER_MINUTE, email=request.POST.get("username", ""))
        return super().post(request, *args, **kwargs)
