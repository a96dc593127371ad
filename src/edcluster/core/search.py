"""Search that understands Russian word forms, the same way on PostgreSQL and SQLite.

Each searchable model keeps a ``search_text`` column: its words lower-cased (ё → е) followed by
their dictionary forms (pymorphy3), e.g. "детский сад № 24 журавушка … детский сад журавушка".
On PostgreSQL the column is searched with the ``russian`` text-search configuration through a
GIN expression index (``pg_search_index_sql``) — or, for the large tables (organisations,
people), through a text vector PostgreSQL keeps beside it (``pg_stored_vector_sql``,
``StoredSearchVector``); each query word matches its own stem or its lemma's stem. On SQLite
every query word's lemma (or the word itself) must begin a word of the column. Both paths find
"Детский сад" for "детские сады" and "пгт Подосиновец" for "подосиновец".
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchVector, SearchVectorField
from django.db import connection
from django.db.models import Expression, Q, QuerySet, Value

WORD_RE = re.compile(r"[0-9a-zа-я]+(?:-[0-9a-zа-я]+)*")
MAX_QUERY_WORDS = 8


def normalize(text: str) -> str:
    return (text or "").lower().replace("ё", "е")


@functools.lru_cache(maxsize=50_000)
def lemma(word: str) -> str:
    """Dictionary form of one lower-cased word ("сады" → "сад"); unknown words stay as they are."""
    if not re.search(r"[а-я]", word):
        return word
    from edcluster.core.ru import _morph

    return normalize(_morph.analyzer().parse(word)[0].normal_form)


@functools.lru_cache(maxsize=50_000)
def lemmas(word: str) -> tuple[str, ...]:
    """Every dictionary form a query word may have ("грязевой" → "грязевый", "грязев"): a query
    word is ambiguous (an adjective or a surname), a stored word is not looked at this way."""
    if not re.search(r"[а-я]", word):
        return (word,)
    from edcluster.core.ru import _morph

    forms = dict.fromkeys([lemma(word)] + [normalize(p.normal_form) for p in _morph.analyzer().parse(word)])
    return tuple(forms)


def query_alternatives(term: str) -> list[str]:
    """The word itself and its possible dictionary forms, de-duplicated, the word first."""
    return list(dict.fromkeys([term, *lemmas(term)]))


def words(text: str) -> list[str]:
    return WORD_RE.findall(normalize(text))


def build_search_text(*parts: str | None) -> str:
    """The value to store in a model's ``search_text`` column for the given texts."""
    tokens = words(" ".join(p for p in parts if p))
    lemmas = [lemma(w) for w in tokens]
    extra = [lem for lem, w in zip(lemmas, tokens, strict=True) if lem != w]
    return " " + " ".join(tokens + extra) + " "


def _pg_query(terms: list[str]) -> SearchQuery:
    """Every word, each in any of its forms, as one ``russian`` full-text query. A word's forms
    mostly share a stem («детские», «детский» → «детск»): each stem is asked for once, where one
    ``plainto_tsquery`` a form asked the GIN index for the same stem two or three times (the
    index scan of «детские сады Искитима» at 100,000 organisations: 1.26 → 0.70 ms)."""
    forms = {term: query_alternatives(term) for term in terms}
    lexemes = _pg_lexemes([form for alternatives in forms.values() for form in alternatives])
    parts = []
    for alternatives in forms.values():
        # a stop word («и», «в») has no lexeme: it is left out, as plainto_tsquery leaves it
        stems = list(dict.fromkeys(lexemes[form] for form in alternatives if lexemes[form]))
        if stems:
            parts.append("(" + " | ".join(f"({stem})" for stem in stems) + ")")
    return LexemeQuery(" & ".join(parts))


class LexemeQuery(SearchQuery):
    """A ``tsquery`` written in its own syntax («('детск') & ('сад')»), matched as it is: no
    dictionary looks at it again (``to_tsquery`` would split «северо-западн» into three)."""

    def as_sql(self, compiler: Any, connection: Any, function: Any = None, template: Any = None) -> tuple[str, list]:
        return "%s::tsquery", [self.source_expressions[-1].value]


# what ``plainto_tsquery('russian', form)`` gives each query form, read from PostgreSQL once a
# process (the stemmer and its stop words are the database's, so the stems are exactly those of
# the stored vectors)
_PG_LEXEMES: dict[str, str] = {}
PG_LEXEMES_MAX = 50_000


def _pg_lexemes(forms: list[str]) -> dict[str, str]:
    known = {form: _PG_LEXEMES.get(form) for form in forms}
    missing = [form for form, lexeme in known.items() if lexeme is None]
    if missing:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT form, plainto_tsquery('russian', form)::text FROM unnest(%s::text[]) AS form", [missing]
            )
            found = dict(cursor.fetchall())
        if len(_PG_LEXEMES) + len(found) > PG_LEXEMES_MAX:
            _PG_LEXEMES.clear()
        _PG_LEXEMES.update(found)
        known.update(found)
    return known  # type: ignore[return-value]


def search_filter(qs: QuerySet, query: str, field: str = "search_text") -> QuerySet:
    """Rows of ``qs`` whose ``field`` contains every word of ``query`` in some form."""
    terms = words(query)[:MAX_QUERY_WORDS]
    if not terms:
        return qs
    if connection.vendor == "postgresql":
        stored = field == "search_text" and getattr(qs.model, "stored_search_vector", False)
        vector = StoredSearchVector() if stored else SearchVector(field, config="russian")
        return qs.alias(**{SEARCHED: vector}).filter(**{SEARCHED: _pg_query(terms)})
    condition = Q()
    for term in terms:
        one = Q()
        for alt in query_alternatives(term):
            one |= Q(**{f"{field}__contains": f" {alt}"})
        condition &= one
    return qs.alias(**{SEARCHED: Value(True)}).filter(condition)


# the alias ``search_filter`` gives a queryset (not selected): ``is_searched`` knows it by it
SEARCHED = "_search"


def is_searched(qs: QuerySet) -> bool:
    """Whether ``search_filter`` narrowed ``qs`` to a search's matches."""
    return SEARCHED in qs.query.annotations


STORED_VECTOR = "search_vector"


class StoredSearchVector(Expression):
    """The ``search_vector`` column PostgreSQL computes from ``search_text`` (a generated column
    the models do not declare, as SQLite has no text vectors: ``pg_stored_vector_sql``), on a
    model with ``stored_search_vector = True``. Matching the stored vector costs no
    ``to_tsvector`` a row, so for a word in a third of the registry («школа») PostgreSQL reads
    the table's first rows until it has the page's 1,001 matches (2.2 ms at 100,000
    organisations) instead of building a bitmap of all 36,000 from the GIN index (3.9 ms)."""

    output_field = SearchVectorField()

    def __init__(self, alias: str | None = None) -> None:
        super().__init__()
        self.alias = alias

    def resolve_expression(self, query: Any = None, *args: Any, **kwargs: Any) -> StoredSearchVector:
        return StoredSearchVector(self.alias or query.get_initial_alias())

    def relabeled_clone(self, change_map: dict[str, str]) -> StoredSearchVector:
        return StoredSearchVector(change_map.get(self.alias, self.alias))

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list]:
        return f"{compiler.quote_name_unless_alias(self.alias)}.{connection.ops.quote_name(STORED_VECTOR)}", []


def pg_stored_vector_sql(table: str) -> list[tuple[str, str]]:
    """SQL adding ``search_vector`` to ``table`` (generated from ``search_text``, as
    ``pg_search_index_sql``'s expression) with its GIN index, in place of the expression index;
    and taking them back."""
    expression_index, drop_expression_index = pg_search_index_sql(table)
    return [
        (
            f"ALTER TABLE {table} ADD COLUMN {STORED_VECTOR} tsvector GENERATED ALWAYS AS "
            f"(to_tsvector('russian'::regconfig, COALESCE(search_text, ''))) STORED",
            f"ALTER TABLE {table} DROP COLUMN IF EXISTS {STORED_VECTOR}",
        ),
        (f"CREATE INDEX IF NOT EXISTS {table}_{STORED_VECTOR}_gin ON {table} USING gin ({STORED_VECTOR})", "SELECT 1"),
        (drop_expression_index, expression_index),
    ]


@functools.lru_cache(maxsize=50_000)
def _forms(word: str) -> tuple[str, ...]:
    """Every inflected form of the word's most likely reading ("стажировка" → "стажировки",
    "стажировок", …); nothing for unknown or non-Cyrillic words."""
    if not re.search(r"[а-я]", word):
        return ()
    from edcluster.core.ru import _morph

    parses = _morph.analyzer().parse(word)
    if not parses or not parses[0].is_known:
        return ()
    return tuple(normalize(form.word) for form in parses[0].lexeme)


def _stem(term: str) -> str:
    """The longest prefix the word shares with its dictionary forms and with the inflected forms
    of its likely reading (at least 3 letters): a word given in its dictionary form ("стажировка")
    still finds the text's "стажировки"."""
    stem = term
    for alt in (*lemmas(term), *_forms(term)):
        n = 0
        while n < min(len(stem), len(alt)) and stem[n] == alt[n]:
            n += 1
        if n >= 3:
            stem = stem[:n]
    return stem if len(stem) >= 3 else term


def text_filter(qs: QuerySet, query: str, fields: list[str]) -> QuerySet:
    """Rows of ``qs`` one of whose plain text ``fields`` contains every word of ``query`` in some
    form, for models without a ``search_text`` column. PostgreSQL: the ``russian`` configuration,
    one condition per field (each field's GIN index is ``pg_search_index_sql(table, field)``).
    SQLite: every word's stem appears in the field, as written or capitalised (SQLite folds only
    Latin case)."""
    terms = words(query)[:MAX_QUERY_WORDS]
    if not terms:
        return qs
    if connection.vendor == "postgresql":
        query_ru = _pg_query(terms)
        vectors = {f"_search_{i}": SearchVector(field, config="russian") for i, field in enumerate(fields)}
        condition = Q()
        for name in vectors:
            condition |= Q(**{name: query_ru})
        return qs.alias(**vectors).filter(condition)
    stems = [_stem(term) for term in terms]
    condition = Q()
    for field in fields:
        in_field = Q()
        for stem in stems:
            one = Q()
            for variant in {stem, stem.capitalize(), stem.upper()}:
                one |= Q(**{f"{field}__contains": variant})
            in_field &= one
        condition |= in_field
    return qs.filter(condition)


def typo_words(qs: QuerySet, query: str, match: Callable[[QuerySet, str], QuerySet]) -> tuple[list[str], list[str]]:
    """The words of ``query`` found among the rows of ``qs`` and those worth correcting as typos:
    ``match(qs, word)`` (the word-form search) checks each word alone (one query,
    ``_found_alone``). When every word is unknown, all are typos (a name typed wrong); when some
    are known, the unknown words of at least 4 letters are (a short word's trigrams are shared by
    too many rows to point at one); none when every word is known on its own — the query then
    names a combination that does not exist (a «дом детского творчества» in a city without one),
    not a typo, and there is nothing to correct."""
    terms = words(query)[:MAX_QUERY_WORDS]
    if not terms:
        return [], []
    found = _found_alone(qs, terms, match)
    known = [term for term, ok in zip(terms, found, strict=True) if ok]
    if not known:
        return [], terms
    return known, [term for term, ok in zip(terms, found, strict=True) if not ok and len(term) >= 4]


def _found_alone(qs: QuerySet, terms: list[str], match: Callable[[QuerySet, str], QuerySet]) -> list[bool]:
    """Whether ``match`` finds each term alone in ``qs``: one query, ``EXISTS`` over one
    ``MATERIALIZED`` CTE per term. (A plain ``EXISTS``/``LIMIT 1`` lets the planner hope for an
    early row and read the whole table through ``to_tsvector`` — 60 ms on 10,000 events for a
    word none has; a materialised CTE is planned for all its rows, through the GIN index, and
    still stops at the first. Unordered: a sort would read every row holding a common word.)"""
    from django.core.exceptions import EmptyResultSet

    ctes, checks, params = [], [], []
    for i, term in enumerate(terms):
        try:
            sql, term_params = match(qs, term).order_by().values("pk").query.sql_with_params()
        except EmptyResultSet:  # ``qs`` is ``none()``: nothing to find
            return [False] * len(terms)
        ctes.append(f"t{i} AS MATERIALIZED ({sql})")
        checks.append(f"EXISTS (SELECT 1 FROM t{i})")  # noqa: S608 - generated names, values are params
        params.extend(term_params)
    with connection.cursor() as cursor:
        cursor.execute(f"WITH {', '.join(ctes)} SELECT {', '.join(checks)}", params)
        row = cursor.fetchone()
    return [bool(found) for found in row]


def similar_filter(qs: QuerySet, query: str, field: str, typos: list[str] | None = None) -> QuerySet | None:
    """PostgreSQL only (else ``None``): rows whose ``field`` has a word similar to the query
    (pg_trgm word similarity, a ``gin_trgm_ops`` index), most similar to the whole query first —
    the fallback for a typo ("Грязиева") when the word-form search found nothing. With ``typos``
    (``typo_words``) only those words must be similar: the rows the index returns are the ones
    resembling the misspelt word, not every row sharing the query's correct words (which grow
    with the data); an empty ``typos`` finds nothing."""
    from django.contrib.postgres.search import TrigramWordSimilarity

    text = " ".join(words(query)[:MAX_QUERY_WORDS])
    if connection.vendor != "postgresql" or not text:
        return None
    wanted = text if typos is None else " ".join(typos)
    if not wanted:
        return qs.none()
    return (
        qs.filter(**{f"{field}__trigram_word_similar": wanted})
        .annotate(_similarity=TrigramWordSimilarity(text, field))
        .order_by("-_similarity", "pk")
    )


def pg_trigram_index_sql(table: str, field: str) -> tuple[str, str]:
    """SQL creating (and dropping) a trigram GIN index for typo-tolerant similarity (pg_trgm)."""
    name = f"{table}_{field}_trgm"
    return (
        f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({field} gin_trgm_ops)",
        f"DROP INDEX IF EXISTS {name}",
    )


def pg_search_index_sql(table: str, field: str = "search_text") -> tuple[str, str]:
    """SQL creating (and dropping) the GIN index the PostgreSQL path uses; the expression matches
    what ``SearchVector(field, config="russian")`` generates, so the planner can use it."""
    name = f"{table}_{field}_ru_gin"
    create = (
        f"CREATE INDEX IF NOT EXISTS {name} ON {table} "
        f"USING gin (to_tsvector('russian'::regconfig, COALESCE({field}, '')))"
    )
    return create, f"DROP INDEX IF EXISTS {name}"


def postgres_only(sql_pairs: Iterable[tuple[str, str]]):
    """A migration operation that runs SQL on PostgreSQL and does nothing elsewhere."""
    from django.db import migrations

    pairs = list(sql_pairs)

    def forward(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for create, _drop in pairs:
                schema_editor.execute(create)

    def backward(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for _create, drop in pairs:
                schema_editor.execute(drop)

    return migrations.RunPython(forward, backward, elidable=False)


def loose_regex(text: str) -> str:
    """A regular expression matching ``text`` literally but ignoring case and ё/е, spelled with
    explicit letter classes (``[сС][еЕёЁ]…``) so that SQLite and PostgreSQL in any locale agree;
    for ``field__regex`` lookups on names ("Семенова" finds "Семёнова")."""
    out = []
    for ch in text.strip()[:100]:
        low, up = ch.lower(), ch.upper()
        if low in "её":
            out.append("[еёЕЁ]")
        elif low != up and len(low) == 1 and len(up) == 1:
            out.append(f"[{re.escape(low)}{re.escape(up)}]")
        else:
            out.append(re.escape(ch))
    return "".join(out)
