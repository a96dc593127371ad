"""Clean-up of conversion artefacts before extraction."""

from edcluster.imports.cleanup import clean_text


def test_bookmarks_and_field_codes_disappear():
    text = "[bookmark: _Hlk187416653]Тема: «Партнерство»\n{PAGE \\* MERGEFORMAT}"
    assert clean_text(text) == "Тема: «Партнерство»\n"


def test_letter_spaced_heading_is_joined():
    assert clean_text("П Р О Т О К О Л  № 3\n") == "ПРОТОКОЛ № 3\n"


def test_word_broken_across_lines_is_whole():
    assert clean_text("единого образова-\nтельного пространства") == "единого образовательного пространства\n"


def test_odd_spaces_and_quotes():
    text = 'МКУ\u00a0ДО  ДДТ "Ровесник"\u200b и\tшкола “Успех”'
    assert clean_text(text) == "МКУ ДО ДДТ «Ровесник» и школа «Успех»\n"


def test_numbering_styles_become_one():
    text = "1)Агроклассы\nII. Библиотека\n 3.«Деятельность»\nа)первый\n26.02.2025 дата"
    assert clean_text(text).splitlines() == [
        "1. Агроклассы",
        "2. Библиотека",
        "3. «Деятельность»",
        "а) первый",
        "26.02.2025 дата",
    ]
