"""Production settings: ``edcluster check --deploy`` is clean with the production environment,
and the settings it reads are the strict ones (secure cookies, HSTS, no sniffing, no framing)."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys

PROD_ENV = {
    "SECURE": "1",
    "DEBUG": "0",
    "ALLOWED_HOSTS": "edcluster.example.ru",
    "SITE_URL": "https://edcluster.example.ru",
}


def _run(args: list[str], tmp_path, extra: dict[str, str]) -> subprocess.CompletedProcess:
    env = {
        k: v for k, v in os.environ.items() if k not in {"SECURE", "DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(EDCLUSTER_VAR_DIR=str(tmp_path), SECRET_KEY=secrets.token_urlsafe(60), **extra)
    env.setdefault("DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite3'}")
    return subprocess.run(
        [sys.executable, "-m", "edcluster", *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_check_deploy_is_clean_with_production_environment(tmp_path):
    result = _run(["check", "--deploy", "--fail-level", "WARNING"], tmp_path, PROD_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_complains_without_the_production_flag(tmp_path):
    result = _run(["check", "--deploy", "--fail-level", "WARNING"], tmp_path, {"SECURE": "0"})
    assert result.returncode != 0
    assert "SECURE_HSTS_SECONDS" in result.stderr + result.stdout


def test_production_security_settings(tmp_path):
    code = (
        "import json; from django.conf import settings as s; print(json.dumps({k: getattr(s, k) for k in "
        "['SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SECURE_SSL_REDIRECT', 'SECURE_HSTS_SECONDS', "
        "'SECURE_CONTENT_TYPE_NOSNIFF', 'X_FRAME_OPTIONS', 'SESSION_COOKIE_HTTPONLY', 'DEBUG', "
        "'SECURE_REFERRER_POLICY']}))"
    )
    result = _run(["shell", "-c", code], tmp_path, PROD_ENV)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values == {
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "X_FRAME_OPTIONS": "DENY",
        "SESSION_COOKIE_HTTPONLY": True,
        "DEBUG": False,
        "SECURE_REFERRER_POLICY": "same-origin",
    }


def test_security_headers_on_every_page(db, client):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_forms_are_csrf_protected(world):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/accounts/login/", {"username": "admin", "password": "x"}).status_code == 403
    assert strict.post("/privacy/my/", {"email": "a@example.test"}).status_code == 403
