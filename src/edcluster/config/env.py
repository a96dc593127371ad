"""Reading the environment: the only place that knows variable syntax.

Every setting comes from an environment variable with a safe default, so a fresh clone runs
with nothing configured and production is configured without editing files.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

TRUE = {"1", "true", "yes", "on", "да"}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return raw.strip().lower() in TRUE


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    return int(raw) if raw and raw.strip() else default


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def secret_key(var_dir: Path) -> str:
    """SECRET_KEY from the environment, else one generated once and kept in ``var/`` (never committed)."""
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    path = var_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    var_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    path.write_text(key)
    path.chmod(0o600)
    return key


def email_config(url: str) -> dict:
    """Translate ``EMAIL_URL`` into Django e-mail settings.

    ``outbox://`` (default) keeps messages in the database outbox that administrators read in
    the UI; ``smtp://user:password@host:587?tls=1`` or ``smtps://…`` sends them; ``console://``
    prints them. Every message passes through the outbox first either way, so a mail server
    that is down never loses one.
    """
    parsed = urlparse(url or "outbox://")
    query = {k: v[-1] for k, v in parse_qs(parsed.query).items()}
    scheme = parsed.scheme or "outbox"
    config: dict = {"EMAIL_TRANSPORT": scheme}
    if scheme in {"smtp", "smtps"}:
        config.update(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST=parsed.hostname or "localhost",
            EMAIL_PORT=parsed.port or (465 if scheme == "smtps" else 25),
            EMAIL_HOST_USER=unquote(parsed.username or ""),
            EMAIL_HOST_PASSWORD=unquote(parsed.password or ""),
            EMAIL_USE_SSL=scheme == "smtps",
            EMAIL_USE_TLS=query.get("tls", "0").lower() in TRUE,
            EMAIL_TIMEOUT=int(query.get("timeout", "20")),
        )
    elif scheme == "console":
        config["EMAIL_BACKEND"] = "django.core.mail.backends.console.EmailBackend"
    elif scheme == "outbox":
        config["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    else:
        raise ValueError(f"EMAIL_URL: unknown scheme {scheme!r} (outbox, smtp, smtps, console)")
    return config
