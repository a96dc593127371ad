"""Backup and restore: every row of every model and every uploaded file come back unchanged."""

from __future__ import annotations

import hashlib
import shutil
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from edcluster.core.backup import backup_models
from edcluster.core.demo_loader import load_demo
from edcluster.core.mail import Attachment, mail_queue
from edcluster.core.models import ImportJob


def _rows() -> dict[str, list]:
    return {
        m._meta.label_lower: serializers.serialize("python", m._default_manager.order_by("pk")) for m in backup_models()
    }


def _files() -> dict[str, str]:
    root = Path(settings.MEDIA_ROOT)
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
        if p.is_file()
    }


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_into_an_empty_database_loses_nothing(tmp_path, capsys):
    ctx = load_demo()
    ImportJob.objects.create(
        kind="organizations",
        original_name="Реестр «Журавушка».xlsx",
        created_by=ctx.admin,
        file=ContentFile(b"PK\x03\x04 not really a table " * 100, name="registry.xlsx"),
    )
    mail_queue(
        to=["x@example.test"],
        subject="Тема",
        body="Текст",
        attachments=[Attachment("a.bin", bytes(range(256)), "application/octet-stream")],
    )
    before_rows, before_files = _rows(), _files()
    assert before_files, "the test must back up at least one uploaded file"
    filled = [label for label, rows in before_rows.items() if rows]
    assert len(filled) >= 30, filled

    archive = tmp_path / "backup.zip"
    call_command("backup", str(archive))
    assert "Резервная копия записана" in capsys.readouterr().out

    call_command("flush", interactive=False)  # an empty, migrated database
    shutil.rmtree(settings.MEDIA_ROOT)
    assert _rows()["core.user"] == [] and _files() == {}
    call_command("restore", str(archive))
    with pytest.raises(CommandError, match="База данных не пуста"):  # over live data only with --force
        call_command("restore", str(archive))

    after_rows, after_files = _rows(), _files()
    for label in before_rows:
        assert after_rows[label] == before_rows[label], f"{label} differs after restore"
    assert after_files == before_files
    # The restored database keeps working: new rows get fresh primary keys.
    new = mail_queue(to=["y@example.test"], subject="После восстановления", body="Текст")
    assert new.pk > max(r["pk"] for r in before_rows["core.outboxmessage"])


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path, db):
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"not a zip")
    with pytest.raises(CommandError, match="не является архивом"):
        call_command("restore", str(bad))
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as z:
        z.writestr("x.txt", "x")
    with pytest.raises(CommandError, match=r"manifest\.json"):
        call_command("restore", str(other))
