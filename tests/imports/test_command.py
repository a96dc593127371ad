"""`edcluster extract FILE... [--json] [--out DIR]`."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.shared import SHARED

COUNCIL = SHARED / "samples" / "council_protocol.txt"


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("extract", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_council_protocol_acceptance():
    out, err = run(str(COUNCIL), "--json")
    assert err == ""
    result = json.loads(out)
    assert result["file"] == "council_protocol.txt"
    assert result["genre"] == "protocol"
    assert result["doc_number"] == "1"
    assert result["date"] == "2025-02-26"
    assert result["title"] == "Открытое образовательное пространство: партнерство, доверие, ответственность"
    assert result["participants_count"] == 15
    assert result["organizations_count"] == 11
    assert len(result["decisions"]) == 4
    agenda = result["agenda_items"]
    assert len(agenda) == 7
    assert agenda[0] == {"title": "Агроклассы от Россельхозбанка", "speakers": ["Пономарева Оксана Александровна"]}
    assert agenda[4]["speakers"] == ["Ачилова Екатерина Васильевна", "Чебыкина Татьяна Валерьевна"]
    people = {p["name"]: p for p in result["people"]}
    assert people["Пономарева Оксана Александровна"]["position"] == "управляющий ДО №3349/2229"
    assert people["Пономарева Оксана Александровна"]["organization"] == "АО «Россельхозбанк»"
    assert people["Чебыкина Татьяна Валерьевна"]["position"] == "заместитель директора по УВР"
    assert people["Чебыкина Татьяна Валерьевна"]["organization"] == "МКУ ДО ДДТ «Ровесник»"
    assert people["Грязева Елена Борисовна"]["organization"] == "КОГОБУ СШ пгт Подосиновец"
    # "Грязева Е.Б." at the foot and "Оксана Александровна рассказала" are the same people, not new ones.
    assert len(people) == 8


def test_out_dir_gets_one_file_per_document_and_bad_files_do_not_stop_the_batch(tmp_path):
    empty = tmp_path / "пустой.docx"
    empty.write_bytes(b"")
    news = SHARED / "samples" / "news_internship.txt"
    _out, err = run(str(empty), str(COUNCIL), str(news), "--out", str(tmp_path / "out"))
    assert "пустой.docx: Файл «пустой.docx» пуст." in err
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == ["council_protocol.json", "news_internship.json"]
    news_result = json.loads((tmp_path / "out" / "news_internship.json").read_text())
    assert (news_result["date"], news_result["end_date"], news_result["regions_count"]) == (
        "2023-04-10",
        "2023-04-12",
        36,
    )


def test_json_lines_for_several_files():
    out, _ = run(str(COUNCIL), str(SHARED / "samples" / "info_letter_conference.txt"), "--json")
    lines = [json.loads(line) for line in out.splitlines()]
    assert [r["genre"] for r in lines] == ["protocol", "info_letter"]
    letter = lines[1]
    assert (letter["date"], letter["registration_deadline"], letter["format"]) == ("2025-11-14", "2025-11-07", "mixed")


def test_all_files_bad_is_an_error(tmp_path):
    missing = tmp_path / "нет.txt"
    with pytest.raises(CommandError, match="Ни один файл"):
        run(str(missing))


def test_natasha_organisations_can_be_switched_on(monkeypatch):
    from edcluster.imports import extract

    text = (SHARED / "samples" / "news_internship.txt").read_text()
    assert "Балтийский клуб менторов" not in extract.extract_text(text)["organizations"]
    monkeypatch.setattr(extract, "USE_NER", True)
    assert "Балтийский клуб менторов" in extract.extract_text(text)["organizations"]
