"""Every app's form page is ``web/form.html`` with its own back link, note and «Отмена»."""

import pytest
from django import forms
from django.template.loader import render_to_string


class _Form(forms.Form):
    name = forms.CharField(label="Имя")


class _Back:
    def get_absolute_url(self):
        return "/back/"

    def __str__(self):
        return "Назад к записи"


class _Centre:
    pk = 7
    name = "Консультационный центр"


class _Material:
    title = "Презентация доклада"

    def get_kind_display(self):
        return "презентация"


def _render(app, **context):
    return render_to_string(f"{app}/form.html", {"form": _Form(), "title": "Новая запись", **context})


@pytest.mark.parametrize(
    ("app", "cancel"),
    [
        ("meetings", True),
        ("organizations", True),
        ("partnerships", False),
        ("practices", False),
        ("training", False),
    ],
)
def test_back_link_title_fields_and_cancel(app, cancel):
    html = _render(app, back=_Back())
    assert '<p><a href="/back/">← Назад к записи</a></p>' in html
    assert '<h1 class="h3 mb-3">Новая запись</h1>' in html
    assert 'name="name"' in html and ">Сохранить</button>" in html
    assert ('<a class="btn btn-link" href="/back/">Отмена</a>' in html) is cancel


def test_the_apps_own_parts():
    assert '<a href="/training/">← Практика студентов</a>' in _render("training")
    assert '<a href="/consultations/7/office/">← Консультационный центр</a>' in _render(
        "consultations", centre=_Centre()
    )
    practice = _render("practices", carried=[_Material()])
    assert "Материалы доклада будут перенесены в практику" in practice
    assert practice.index('id="carried"') < practice.index('<form method="post"')
    assert "Отмена" not in _render("meetings") and "← " not in _render("partnerships")
