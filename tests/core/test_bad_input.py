"""Bad input, the way an attacker or a tired user types it: arbitrary text in the public forms,
arbitrary bytes in the file readers, markup and formulas in names. Never a 500; a Russian
message; nothing written; what is written back is shown as text."""

from __future__ import annotations

import io
import re
import zipfile

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from edcluster.core.errors import ValidationError
from edcluster.core.xlsx import FORMULA_PREFIXES, MAX_RATIO, read_xlsx, safe_cell
from edcluster.events import services as event_services
from edcluster.events.models import Registration
from edcluster.imports.readers import ReadError, read_document
from tests.events.helpers import open_event, person
from tests.events.test_views import form_data

FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
CYRILLIC = re.compile(r"[А-Яа-яЁё]")
XSS = ['<script>alert("x")</script>', '"><img src=x onerror=alert(1)>', "{{ 7*7 }}{% debug %}", "</w:t><w:t>&amp;"]
FORMULAS = ['=HYPERLINK("http://evil","x")', "+1+1", "-2+3", "@SUM(A1)", "=cmd|' /C calc'!A0"]

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=300)


# --- file readers: any bytes → a Russian refusal, never a crash --------------------------------


@FAST
@given(data=st.binary(max_size=4000), ext=st.sampled_from(["docx", "pdf", "odt", "rtf", "txt", "xlsx", "doc"]))
def test_document_reader_refuses_any_bytes_in_russian(data, ext):
    try:
        read_document(f"file.{ext}", data)
    except ReadError as exc:
        assert CYRILLIC.search(exc.message)


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, content in members.items():
            z.writestr(name, content)
    return buffer.getvalue()


@FAST
@given(data=st.binary(max_size=4000))
def test_xlsx_reader_refuses_any_bytes_in_russian(data):
    try:
        read_xlsx(data)
    except ValidationError as exc:
        assert CYRILLIC.search(exc.message)


def test_xlsx_zip_bomb_and_corrupt_archive_are_refused():
    bomb = _zip({"xl/worksheets/sheet1.xml": b"0" * (MAX_RATIO * 200_000)})
    with pytest.raises(ValidationError, match="подозрительно сильно сжат"):
        read_xlsx(bomb)
    with pytest.raises(ValidationError, match="повреждён"):
        read_xlsx(_zip({"xl/workbook.xml": b"<broken"})[:-30])


# --- public forms: arbitrary text → never a 500, nothing written when refused ------------------


@pytest.fixture
def event(world):
    return open_event(world.cluster_x, in_person=50, online=50)


@FAST
@given(last=text, first=text, email=text, phone=text, position=text)
def test_event_registration_form_never_fails_with_a_500(client, event, last, first, email, phone, position):
    before = Registration.objects.count()
    data = form_data(email=email, last_name=last, first_name=first, phone=phone, position=position)
    response = client.post(f"/events/{event.pk}/register/", data)
    assert response.status_code in (200, 302, 429)
    if response.status_code == 200:  # refused: shown again with a Russian message, nothing written
        assert Registration.objects.count() == before
        assert "invalid-feedback" in response.content.decode() or "alert" in response.content.decode()


@FAST
@given(name=text, email=text, question=text, age=st.text(max_size=5))
def test_parent_request_form_never_fails_with_a_500(client, world, name, email, question, age):
    from edcluster.consultations import services as consult
    from edcluster.consultations.models import Centre, ParentRequest

    centre = Centre.objects.first() or consult.centre_create(
        actor=world.editor_a,
        data={"organization": world.org_a, "name": "Центр", "forms": ["in_person"], "services": "x", "address": "y"},
    )
    before = ParentRequest.objects.count()
    response = client.post(
        f"/consultations/{centre.pk}/request/",
        {
            "applicant_kind": "parent",
            "name": name,
            "child_age": age,
            "topic": "speech",
            "preferred_form": "in_person",
            "email": email,
            "question": question,
            "consent": "on",
        },
    )
    assert response.status_code in (200, 302, 429)
    if response.status_code == 200:
        assert ParentRequest.objects.count() == before


# --- markup and formulas stay text -------------------------------------------------------------


@pytest.mark.parametrize("payload", XSS)
def test_markup_in_a_name_is_shown_escaped_on_pages(world, client_for, event, payload):
    event_services.registration_submit(
        event=event, data=person(email="x@example.test", last_name=payload, position=payload), consent=True
    )
    page = client_for(world.coordinator_x).get(f"/events/{event.pk}/registrations/").content.decode()
    assert payload not in page or not any(c in payload for c in '<>"&')
    assert "&lt;" in page or "{{" in payload


@pytest.mark.parametrize("payload", XSS + FORMULAS)
def test_markup_and_formulas_in_an_export_stay_inert_text(world, client_for, event, payload):
    event_services.registration_submit(
        event=event, data=person(email="x@example.test", last_name=payload, position=payload), consent=True
    )
    response = client_for(world.coordinator_x).get(f"/events/{event.pk}/registrations/?export=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row]
    texts = [c.value for c in cells if isinstance(c.value, str) and payload.lstrip("=+-@") in c.value]
    assert texts, "the payload must be in the export"
    for cell in cells:
        assert cell.data_type != "f", f"a formula reached the export: {cell.value!r}"
    assert all(not t.startswith(FORMULA_PREFIXES) for t in texts)


@given(value=text)
def test_safe_cell_never_lets_a_formula_through(value):
    cell = safe_cell(value)
    assert not cell.startswith(FORMULA_PREFIXES)
    assert cell.endswith(value)


@pytest.mark.parametrize("payload", XSS)
def test_markup_in_a_docx_context_stays_literal_text(payload):
    from edcluster.core import ru
    from edcluster.documents.builder import build_docx, docx_to_text
    from edcluster.documents.services import render_docx

    data = render_docx(build_docx(["Докладчик: {{ name }}"]), {"name": payload})
    # Literal text, only set in Russian typography («» for straight quotes) like every paragraph.
    assert docx_to_text(data) == ru.typograph(f"Докладчик: {payload}")


# --- names: ё/е, hyphens, apostrophes, Latin look-alikes ---------------------------------------


@pytest.mark.parametrize(
    "last",
    ["Семёнова", "Петрова-Водкина", "Д'Артаньян", "О’Коннор", "Иванoва"],  # the last has a Latin "o"
)
def test_unicode_names_register_and_are_found(world, client_for, event, last):
    registration, _ = event_services.registration_submit(
        event=event, data=person(email="n@example.test", last_name=last), consent=True
    )
    assert registration.last_name == last
    page = client_for(world.coordinator_x).get(f"/events/{event.pk}/registrations/").content.decode()
    assert last.replace("'", "&#x27;") in page


def test_yo_and_ye_find_each_other_in_the_registration_search(world, client_for, event):
    event_services.registration_submit(
        event=event, data=person(email="s@example.test", last_name="Семёнова"), consent=True
    )
    client = client_for(world.coordinator_x)
    for query in ("Семенова", "семёнова"):
        page = client.get(f"/events/{event.pk}/registrations/", {"q": query}).content.decode()
        assert "Семёнова" in page, query
