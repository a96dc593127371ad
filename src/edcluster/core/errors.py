"""The one application error family.

Services raise these; pages (``DomainErrorMiddleware``) and the API (``api.errors``) render
them the same way, with the Russian message the user reads. Nothing else in the code base
invents its own error shape.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """A rule of the domain said no. ``message`` is shown to the user as is."""

    status = 400
    code = "error"
    default_message = _("Действие не выполнено.")

    def __init__(self, message: str | None = None, *, code: str | None = None, status: int | None = None) -> None:
        self.message = str(message or self.default_message)
        if code:
            self.code = code
        if status:
            self.status = status
        super().__init__(self.message)


class ValidationError(DomainError):
    """Input did not pass validation; ``errors`` maps a field (or ``__all__``) to messages."""

    status = 422
    code = "validation"
    default_message = _("Проверьте введённые данные.")

    def __init__(
        self,
        message: str | None = None,
        *,
        errors: Mapping[str, Sequence[str]] | None = None,
        code: str | None = None,
    ) -> None:
        self.errors: dict[str, list[str]] = {k: [str(m) for m in v] for k, v in (errors or {}).items()}
        if message is None and self.errors:
            first = next(iter(self.errors.values()))
            message = first[0] if first else None
        super().__init__(message, code=code)

    @classmethod
    def from_django(cls, exc: DjangoValidationError) -> ValidationError:
        if hasattr(exc, "error_dict"):
            errors = {field: [str(m) for e in errs for m in e.messages] for field, errs in exc.error_dict.items()}
        else:
            errors = {"__all__": [str(m) for m in exc.messages]}
        return cls(errors=errors)


class Unauthorized(DomainError):
    status = 401
    code = "unauthorized"
    default_message = _("Нужна аутентификация: токен API или вход на сайт.")


class PermissionDenied(DomainError):
    status = 403
    code = "forbidden"
    default_message = _("Недостаточно прав для этого действия.")


class NotFound(DomainError):
    status = 404
    code = "not_found"
    default_message = _("Запись не найдена или недоступна.")


class Conflict(DomainError):
    """The action collides with the current state (a duplicate, a full capacity, a frozen record)."""

    status = 409
    code = "conflict"
    default_message = _("Действие противоречит текущему состоянию записи.")


class RateLimited(DomainError):
    status = 429
    code = "rate_limited"
    default_message = _("Слишком много запросов. Повторите попытку позже.")

    def __init__(self, message: str | None = None, *, retry_after: int = 60) -> None:
        self.retry_after = retry_after
        super().__init__(message)
