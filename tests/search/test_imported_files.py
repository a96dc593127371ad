"""The global search finds uploaded documents by the text extracted from them, in any word form,
and only for those who may see the import batch (runs on SQLite and on PostgreSQL)."""

from edcluster.imports.models import ImportBatch, ImportedFile
from edcluster.search import selectors

TEXT = (
    "СОГЛАШЕНИЕ о сетевом взаимодействии № 12\n"
    "Стороны обязуются организовать стажировки воспитателей детских садов Искитимского района."
)


def uploaded(world, *, organization=None, text=TEXT):
    batch = ImportBatch.objects.create(
        cluster=world.cluster_x, organization=organization or world.org_a, created_by=world.editor_a, status="done"
    )
    return ImportedFile.objects.create(batch=batch, name="soglashenie-12.docx", sha256="0" * 64, text=text)


def _hits(user, query):
    return [h for g in selectors.global_search(user=user, query=query) if g.kind == "imported_files" for h in g.hits]


def test_a_word_form_of_the_files_text_finds_it_for_the_batchs_readers(world):
    item = uploaded(world)
    for user in (world.editor_a, world.coordinator_x, world.admin):
        hits = _hits(user, "стажировка воспитателя")
        assert [h.title for h in hits] == ["soglashenie-12.docx"], user
        assert hits[0].url == f"/imports/files/{item.pk}/"
        assert "стажировки воспитателей" in hits[0].subtitle and "Кластер Икс" in hits[0].subtitle
    assert _hits(world.editor_a, "сетевое взаимодействие")  # another form of both words


def test_another_organisations_user_does_not_find_the_file(world):
    uploaded(world)
    for user in (world.editor_b, world.coordinator_y, world.viewer_x, world.plain, None):
        assert _hits(user, "стажировка воспитателя") == [], user


def test_the_search_page_and_api_show_the_group(world, client_for):
    uploaded(world)
    client = client_for(world.editor_a)
    page = client.get("/search/", {"q": "детских садов"}).content.decode()
    assert "Загруженные документы" in page and "soglashenie-12.docx" in page
    data = client.get("/api/search", {"q": "детских садов", "kind": "imported_files"}).json()
    assert [g["kind"] for g in data] == ["imported_files"]
    assert client_for(world.editor_b).get("/api/search", {"q": "детских садов", "kind": "imported_files"}).json() == []
