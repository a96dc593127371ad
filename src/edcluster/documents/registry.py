"""Kinds of generated documents. An app registers each kind it can produce (in ``ready()``):
how to find its source record for a user, how to build the template context, the shipped
template, and the variables (with examples) that a cluster's own template may use."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Variable:
    name: str
    description: str
    example: str


@dataclass(frozen=True)
class DocumentKind:
    code: str
    title: str
    # (user, pk, options) -> source object, raising NotFound / PermissionDenied
    access: Callable[[Any, Any, dict], Any]
    # (source, options) -> template context (plain strings, lists and dicts)
    context: Callable[[Any, dict], dict]
    # the cluster the source belongs to (for the cluster's own template)
    cluster_of: Callable[[Any], Any]
    # () -> bytes of the shipped .docx template
    builtin: Callable[[], bytes]
    # a context with example values: checked against uploaded templates and shown on the page
    example: Callable[[], dict]
    variables: tuple[Variable, ...] = field(default=())
    filename: Callable[[Any], str] = lambda source: "document"


KINDS: dict[str, DocumentKind] = {}


def register(kind: DocumentKind) -> None:
    KINDS[kind.code] = kind


def get_kind(code: str) -> DocumentKind:
    from edcluster.core.errors import NotFound

    if code not in KINDS:
        raise NotFound(f"Неизвестный вид документа: {code}.")
    return KINDS[code]
