"""The API itself: one NinjaAPI assembling the ``router`` of every app's ``api.py``."""

from __future__ import annotations

from django.db import DataError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from edcluster.api.auth import AUTH
from edcluster.core.discovery import app_modules
from edcluster.core.errors import DomainError, NotFound, Unauthorized, ValidationError
from edcluster.core.middleware import error_response

api = NinjaAPI(
    title="edcluster API",
    version="1",
    description=(
        "Программный интерфейс платформы образовательного кластера. Аутентификация: заголовок "
        "`Authorization: Bearer <токен>` (токен создаётся на странице «Токены API») или сессия браузера. "
        "Ошибки возвращаются в одном формате: `{code, message, errors}` с сообщениями на русском языке."
    ),
    auth=AUTH,
    urls_namespace="api-v1",
    docs_url="/docs",
    openapi_url="/openapi.json",
)


@api.exception_handler(DomainError)
def domain_error(request, exc: DomainError):
    return error_response(request, exc)


def _field_name(loc) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "payload", "data", "filters")]
    return ".".join(parts) or "__all__"


@api.exception_handler(NinjaValidationError)
def schema_error(request, exc: NinjaValidationError):
    errors: dict[str, list[str]] = {}
    for item in exc.errors:
        errors.setdefault(_field_name(item.get("loc", ())), []).append(_translate_pydantic(item))
    return error_response(request, ValidationError(_("Проверьте введённые данные."), errors=errors))


@api.exception_handler(Http404)
def not_found(request, exc: Http404):
    """``get_object_or_404`` inside an operation: the same error format as every other error."""
    return error_response(request, NotFound())


@api.exception_handler(OverflowError)
def number_out_of_range(request, exc: OverflowError):
    """A number too large for the database (an identifier like 10**20): bad input, not a crash."""
    return error_response(request, ValidationError(_("Число вне допустимого диапазона.")))


@api.exception_handler(DataError)
def data_error(request, exc: DataError):
    """PostgreSQL refuses a value (an integer out of range, a NUL byte in a string)."""
    return error_response(request, ValidationError(_("Недопустимое значение в запросе.")))


@api.exception_handler(AuthenticationError)
def auth_error(request, exc):
    return error_response(request, Unauthorized())


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    return error_response(request, DomainError(str(exc.message), code="http", status=exc.status_code))


PYDANTIC_MESSAGES = {
    "missing": "Обязательное поле.",
    "string_too_long": "Слишком длинное значение.",
    "string_too_short": "Слишком короткое значение.",
    "int_parsing": "Нужно целое число.",
    "int_type": "Нужно целое число.",
    "float_parsing": "Нужно число.",
    "bool_parsing": "Нужно значение да/нет (true/false).",
    "date_from_datetime_parsing": "Нужна дата в формате ГГГГ-ММ-ДД.",
    "date_parsing": "Нужна дата в формате ГГГГ-ММ-ДД.",
    "datetime_parsing": "Нужны дата и время в формате ISO 8601.",
    "enum": "Недопустимое значение.",
    "literal_error": "Недопустимое значение.",
    "string_type": "Нужна строка.",
    "value_error": "Недопустимое значение.",
    "json_invalid": "Тело запроса — не корректный JSON.",
    "model_attributes_type": "Нужен объект JSON.",
    "dict_type": "Нужен объект JSON.",
    "list_type": "Нужен список.",
    "uuid_parsing": "Нужен UUID.",
    "greater_than_equal": "Значение слишком мало.",
    "less_than_equal": "Значение слишком велико.",
    "extra_forbidden": "Неизвестное поле.",
}


def _translate_pydantic(item: dict) -> str:
    return _(PYDANTIC_MESSAGES.get(item.get("type", ""), "Недопустимое значение."))


for _app_name, module in app_modules("api"):
    router = getattr(module, "router", None)
    if router is not None:
        api.add_router(getattr(module, "API_PREFIX", "/"), router)
