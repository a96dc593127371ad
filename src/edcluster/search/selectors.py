"""Global search: one query across the registry, events, partnerships, decisions, practices and
generated documents, grouped by type, each group read through its app's visibility rules.

Organisations, people and practices have a ``search_text`` column (word forms, ``core.search``);
the other records are matched on their own text (``core.search.text_filter``). On PostgreSQL the
``russian`` configuration and trigram similarity use the GIN indexes of this app's migration.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from edcluster.core.search import search_filter, similar_filter, text_filter, typo_words, words
from edcluster.web.pagination import first_found

PER_GROUP = 10


@dataclass
class Hit:
    title: str
    url: str
    subtitle: str = ""


@dataclass
class Group:
    kind: str
    label: str
    hits: list[Hit] = field(default_factory=list)
    more: bool = False  # there are more than shown


def _rows(
    matched,
    visible,
    query: str,
    limit: int,
    field: str = "search_text",
    fallback: bool = False,
    match: Callable[[Any, str], Any] = search_filter,
) -> tuple[list, bool]:
    """The first ``limit`` rows of ``matched`` (word forms) and whether there are more. In the
    ``fallback`` pass (the word forms found nothing of any type), on PostgreSQL the rows of
    ``visible`` similar to the query's misspelt words instead (a typo): ``typo_words`` checks
    each word alone with ``match`` (the group's word-form search); the rows must hold the words
    found (``match``, a GIN index) and have a word similar to the others (pg_trgm), most similar
    to the whole query first. A query whose every word exists («дом детского творчества Казань»
    where Kazan has no such house) runs no trigram search: on common words it reads a part of its
    index that grows with the data (430 ms at 5,000 organisations)."""
    rows = [] if fallback else first_found(matched, limit + 1)
    if fallback and visible is not None:
        similar = None
        if connection.vendor == "postgresql":
            known, typos = typo_words(visible, query, match)
            among = match(visible, " ".join(known)) if known else visible
            similar = similar_filter(among, query, field, typos)
        if similar is not None:
            rows = list(similar[: limit + 1])
    return rows[:limit], len(rows) > limit


def _organizations(user: Any, query: str, limit: int, fallback: bool = False) -> Group:
    from edcluster.organizations.access import visible_organizations

    visible = visible_organizations(user)
    rows, more = _rows(
        search_filter(visible, query).order_by("short_name", "pk"), visible, query, limit, fallback=fallback
    )
    hits = [Hit(o.display_name, o.get_absolute_url(), o.municipality) for o in rows]
    return Group("organizations", str(_("Организации")), hits, more)


def _people(user: Any, query: str, limit: int, fallback: bool = False) -> Group:
    from edcluster.organizations.access import visible_people

    visible = visible_people(user)
    qs = search_filter(visible, query).order_by("last_name", "first_name", "pk")
    rows, more = _rows(qs, visible, query, limit, fallback=fallback)
    return Group("people", str(_("Люди")), [Hit(p.full_name, p.get_absolute_url()) for p in rows], more)


def _event_text(qs: Any, query: str) -> Any:
    return text_filter(qs, query, ["title", "theme"])


def _events(user: Any, query: str, limit: int, fallback: bool = False) -> Group:
    from edcluster.events.access import visible_events

    visible = visible_events(user)
    qs = _event_text(visible, query).order_by("-starts_on", "pk")
    rows, more = _rows(qs, visible, query, limit, field="title", fallback=fallback, match=_event_text)
    hits = [Hit(e.title, e.get_absolute_url(), e.get_kind_display()) for e in rows]
    return Group("events", str(_("Мероприятия")), hits, more)


def _partnership_text(qs: Any, query: str) -> Any:
    return text_filter(qs, query, ["title", "description"])


def _partnerships(user: Any, query: str, limit: int, fallback: bool = False) -> Group:
    from edcluster.partnerships.access import visible_partnerships

    visible = visible_partnerships(user)
    qs = _partnership_text(visible, query).order_by("title", "pk")
    rows, more = _rows(qs, visible, query, limit, field="title", fallback=fallback, match=_partnership_text)
    hits = [Hit(p.title, p.get_absolute_url(), p.get_kind_display()) for p in rows]
    return Group("partnerships", str(_("Соглашения")), hits, more)


def _decisions(user: Any, query: str, limit: int, fallback: bool = False) -> Group:
    from edcluster.meetings.access import visible_decisions

    qs = text_filter(visible_decisions(user), query, ["text"])
    rows, more = _rows(qs.select_related("meeting").order_by("-pk"), None, query, limit, fallback=fallback)
    hits = [Hit(d.text[:200], d.get_absolute_url(), d.get_status_display()) for d in rows]
    return Group("decisions", str(_("Решения")), hits, more)


def _practices(user: Any, query: str, limit: int, fallback: bool = False) -> Group:
    from edcluster.practices.access import visible_practices

    qs = search_filter(visible_practices(user), query).order_by("title", "pk")
    rows, more = _rows(qs, None, query, limit, fallback=fallback)
    return Group("practices", str(_("Практики")), [Hit(p.title, p.get_absolute_url()) for p in rows], more)


def _documents(user: Any, query: str, limit: int, fallback: bool = False) -> Group:
    """Generated documents by file name, each checked against its source's access rule."""
    from edcluster.core.errors import DomainError
    from edcluster.documents.models import GeneratedDocument
    from edcluster.documents.registry import KINDS

    if fallback or not getattr(user, "is_authenticated", False):
        return Group("documents", str(_("Документы")))
    qs = text_filter(GeneratedDocument.objects.defer("docx", "pdf"), query, ["filename"])
    hits: list[Hit] = []
    more = False
    allowed: dict[tuple[str, Any, str], bool] = {}  # many documents share a source: one check each
    for doc in qs.order_by("-created_at")[:200]:
        kind = KINDS.get(doc.kind)
        if kind is None:
            continue
        key = (doc.kind, doc.object_id, json.dumps(doc.options, sort_keys=True, default=str))
        if key not in allowed:
            try:
                kind.access(user, doc.object_id, dict(doc.options))
                allowed[key] = True
            except DomainError:
                allowed[key] = False
        if not allowed[key]:
            continue
        if len(hits) == limit:
            more = True
            break
        hits.append(Hit(doc.filename, reverse("documents:document_detail", args=[doc.pk]), kind.title))
    return Group("documents", str(_("Документы")), hits, more)


SNIPPET = 80


def _snippet(text: str, query: str) -> str:
    """A line of the text around the first word of the query found in it (any form's stem)."""
    from edcluster.core.search import lemmas

    folded = text.lower().replace("ё", "е")
    for term in words(query):
        for alt in (term, *lemmas(term)):
            stem = alt[: max(3, len(alt) - 2)]
            at = folded.find(stem)
            if at >= 0:
                start = max(0, at - SNIPPET // 2)
                piece = " ".join(text[start : start + SNIPPET].split())
                return ("…" if start else "") + piece + "…"
    return ""


def _imported_files(user: Any, query: str, limit: int, fallback: bool = False) -> Group:
    """Uploaded documents by the text extracted from them (and their file name), only from the
    import batches the user may see; each hit opens the file's review page, which links the
    records created from it."""
    from edcluster.imports.access import visible_files

    label = str(_("Загруженные документы"))
    if fallback:
        return Group("imported_files", label)
    qs = text_filter(visible_files(user), query, ["text", "name"]).select_related("batch__cluster")
    rows, more = _rows(qs.order_by("-pk"), None, query, limit)
    hits = [
        Hit(f.name, f.get_absolute_url(), " — ".join(x for x in (f.batch.cluster.name, _snippet(f.text, query)) if x))
        for f in rows
    ]
    return Group("imported_files", label, hits, more)


SEARCHERS = {
    "organizations": _organizations,
    "people": _people,
    "events": _events,
    "partnerships": _partnerships,
    "decisions": _decisions,
    "practices": _practices,
    "documents": _documents,
    "imported_files": _imported_files,
}


def global_search(*, user: Any, query: str, kinds: list[str] | None = None, limit: int = PER_GROUP) -> list[Group]:
    """Non-empty groups of what ``user`` may see matching ``query`` (nothing for an empty query)."""
    if not words(query):
        return []
    wanted = [(kind, searcher) for kind, searcher in SEARCHERS.items() if not kinds or kind in kinds]
    groups = [g for _kind, searcher in wanted if (g := searcher(user, query, limit)).hits]
    if not groups:  # nothing in any word form: perhaps a typo
        groups = [g for _kind, searcher in wanted if (g := searcher(user, query, limit, fallback=True)).hits]
    return groups
