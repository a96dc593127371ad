"""Links to a record's page without a ``reverse()`` per record.

``reverse()`` walks the URL resolver each time (about 40 µs): a list page of 25 organisations and
their clusters did it some fifty times. A detail URL differs between records only by its one
argument, so it is reversed once per view name (and script prefix) with a marker argument, and a
record's URL is the marker replaced by its key.
"""

from __future__ import annotations

from functools import cache

from django.urls import get_script_prefix, reverse

_MARK = "7531902468"  # an argument every pattern (<int:…>, <slug:…>, <str:…>) accepts


@cache
def _halves(viewname: str, prefix: str) -> tuple[str, str]:
    head, _mark, tail = reverse(viewname, args=[_MARK]).partition(_MARK)
    return head, tail


def detail_url(viewname: str, key: int | str) -> str:
    """``reverse(viewname, args=[key])`` for a pattern with one argument and a key that needs no
    quoting in a URL (an id, a slug)."""
    head, tail = _halves(viewname, get_script_prefix())
    return f"{head}{key}{tail}"
