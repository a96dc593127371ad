"""``edcluster document KIND --id N -o FILE`` — the same generation as the pages and the API.

Runs as the platform (no user); the suffix of FILE chooses DOCX or PDF (PDF needs LibreOffice).
Options of a kind go as ``--option key=value`` (e.g. the period of ``decision_report``:
``--option from=2025-01-01 --option to=2025-12-31``).
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from edcluster.core.errors import DomainError
from edcluster.documents.registry import KINDS


class Command(BaseCommand):
    help = "Сформировать документ (DOCX или PDF): edcluster document KIND --id N -o FILE"

    def add_arguments(self, parser):
        parser.add_argument("kind", help="вид документа: " + ", ".join(sorted(KINDS)))
        parser.add_argument("--id", dest="pk", required=True, help="номер записи (заседания, органа …)")
        parser.add_argument("-o", "--output", required=True, help="файл .docx или .pdf")
        parser.add_argument("--option", action="append", default=[], help="параметр вида key=value")

    def handle(self, *args, kind, pk, output, option, **opts):
        from edcluster.documents.registry import get_kind
        from edcluster.documents.services import document_render, docx_to_pdf

        options = {}
        for pair in option:
            key, sep, value = pair.partition("=")
            if not sep:
                raise CommandError(f"Параметр «{pair}» должен иметь вид key=value.")
            options[key] = value
        path = Path(output)
        if path.suffix.lower() not in (".docx", ".pdf"):
            raise CommandError("Файл должен оканчиваться на .docx или .pdf.")
        try:
            k = get_kind(kind)
            source = k.access(_Platform(), pk, options)
            _name, data = document_render(kind=kind, source=source, options=options)
            if path.suffix.lower() == ".pdf":
                data = docx_to_pdf(data)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        path.write_bytes(data)
        self.stdout.write(f"{path} — {len(data)} байт\n")


class _Platform:
    """The command line acts as the platform administrator."""

    is_authenticated = True
    is_active = True
    is_superuser = True
    is_staff = True
    pk = 0
    _edcluster_roles = None

    def __init__(self) -> None:
        from edcluster.organizations.access import Roles

        self._edcluster_roles = Roles(user_id=0, is_admin=True)
