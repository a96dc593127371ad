"""Backup and restore of the whole platform: every row of every model and every uploaded file.

``backup_write(path)`` writes one ZIP archive:

- ``db/<app_label>.<model>.json`` — every row of every concrete model (Django's JSON serialiser,
  primary keys kept; many-to-many links travel with their model), read in ONE transaction
  (``REPEATABLE READ`` on PostgreSQL, the write lock on SQLite) so the rows are consistent;
- ``media/<path>`` — every file under ``MEDIA_ROOT``;
- ``manifest.json`` — row counts per model and a SHA-256 per file, checked on restore.

``backup_restore(path)`` loads it into an empty, migrated database in one transaction: existing
rows (content types, permissions made by ``migrate``) are deleted, every row is saved raw with
its primary key, foreign keys are checked at commit, PostgreSQL sequences are reset, then the
files are written and their checksums verified. It is generic over ``apps.get_models()``, so a
model added by any app later is covered without changes here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction

from edcluster.core.errors import ValidationError

FORMAT = "edcluster-backup/1"


class _ExactEncoder(DjangoJSONEncoder):
    """Django's encoder cuts times to milliseconds; a backup keeps every microsecond."""

    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime | dt.time):
            return o.isoformat()
        return super().default(o)


def backup_models() -> list[type[models.Model]]:
    """Every concrete, managed model (auto-created M2M tables travel with their owner)."""
    return [m for m in apps.get_models() if m._meta.managed and not m._meta.proxy]


def _label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def _media_files() -> Iterator[tuple[str, Path]]:
    root = Path(settings.MEDIA_ROOT)
    if root.is_dir():
        for path in sorted(root.rglob("*")):
            if path.is_file():
                yield path.relative_to(root).as_posix(), path


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def backup_write(path: str | Path) -> dict[str, Any]:
    """Write the archive; returns the manifest."""
    manifest: dict[str, Any] = {"format": FORMAT, "vendor": connection.vendor, "models": {}, "files": {}}
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive, transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        for model in backup_models():
            rows = model._default_manager.order_by("pk")
            archive.writestr(f"db/{_label(model)}.json", serializers.serialize("json", rows, cls=_ExactEncoder))
            manifest["models"][_label(model)] = rows.count()
        for rel, file in _media_files():
            data = file.read_bytes()
            archive.writestr(f"media/{rel}", data)
            manifest["files"][rel] = _sha256(data)
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
    return manifest


def _wipe(model_list: list[type[models.Model]]) -> None:
    tables = []
    for model in model_list:
        tables.append(model._meta.db_table)
        tables += [
            f.remote_field.through._meta.db_table
            for f in model._meta.local_many_to_many
            if f.remote_field.through._meta.auto_created
        ]
    with connection.cursor() as cursor:
        for table in reversed(tables):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")  # noqa: S608 - table names from models


def backup_restore(path: str | Path, *, force: bool = False) -> dict[str, Any]:
    """Load the archive into this database (refused when it already has users, unless ``force``)."""
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise ValidationError("Файл не является архивом резервной копии edcluster.") from exc
    with archive:
        names = set(archive.namelist())
        if "manifest.json" not in names:
            raise ValidationError("В архиве нет manifest.json: это не резервная копия edcluster.")
        manifest = json.loads(archive.read("manifest.json"))
        if manifest.get("format") != FORMAT:
            raise ValidationError("Неизвестный формат резервной копии.")
        from django.contrib.auth import get_user_model

        if not force and get_user_model().objects.exists():
            raise ValidationError("База данных не пуста: восстановление делается в пустую базу (или с --force).")
        model_list = backup_models()
        known = {_label(m) for m in model_list}
        unknown = set(manifest["models"]) - known
        if unknown:
            raise ValidationError(f"В копии есть таблицы, которых нет в этой версии: {', '.join(sorted(unknown))}.")
        with transaction.atomic():
            _wipe(model_list)
            for model in model_list:
                member = f"db/{_label(model)}.json"
                if member not in names:
                    continue
                count = 0
                for obj in serializers.deserialize("json", archive.read(member), ignorenonexistent=True):
                    obj.save()
                    count += 1
                if count != manifest["models"][_label(model)]:
                    raise ValidationError(
                        f"{_label(model)}: в копии {manifest['models'][_label(model)]} строк, загружено {count}."
                    )
            sql = connection.ops.sequence_reset_sql(no_style(), model_list)
            if sql:
                with connection.cursor() as cursor:
                    for statement in sql:
                        cursor.execute(statement)
        from django.contrib.contenttypes.models import ContentType

        ContentType.objects.clear_cache()
        root = Path(settings.MEDIA_ROOT)
        for rel, digest in manifest["files"].items():
            target = (root / rel).resolve()
            if not target.is_relative_to(root.resolve()):
                raise ValidationError("Недопустимый путь файла в архиве.")
            data = archive.read(f"media/{rel}")
            if _sha256(data) != digest:
                raise ValidationError(f"Файл {rel} повреждён в архиве (контрольная сумма не совпадает).")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    return manifest
