"""Global search in the API: the same groups as the search page."""

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.schema import Field

from edcluster.api.auth import OPTIONAL_AUTH
from edcluster.search import selectors

router = Router(tags=["Поиск"])


class HitOut(Schema):
    title: str
    url: str
    subtitle: str


class GroupOut(Schema):
    kind: str
    label: str
    hits: list[HitOut]
    more: bool


class SearchFilters(Schema):
    q: str = Field(..., min_length=1, max_length=200, description="Запрос: слова в любой форме")
    kind: list[str] = Field(
        default_factory=list, description="Типы записей: " + ", ".join(selectors.SEARCHERS) + " (по умолчанию все)"
    )
    limit: int = Field(selectors.PER_GROUP, ge=1, le=50, description="Сколько записей каждого типа")


@router.get("/search", response=list[GroupOut], auth=OPTIONAL_AUTH, summary="Поиск по всей платформе")
def search(request: HttpRequest, filters: Query[SearchFilters]):
    kinds = [k for k in filters.kind if k in selectors.SEARCHERS] or None
    return selectors.global_search(user=request.user, query=filters.q, kinds=kinds, limit=filters.limit)
