from __future__ import annotations

from django.contrib.auth import get_user_model

from edcluster.core.demo_loader import load_demo
from edcluster.practices import selectors
from edcluster.practices.models import Adoption, Material, Practice


def test_demo_practices_from_samples_idempotent(db, client_for):
    load_demo()
    counts = (Practice.objects.count(), Material.objects.count(), Adoption.objects.count())
    load_demo()
    assert (Practice.objects.count(), Material.objects.count(), Adoption.objects.count()) == counts
    assert counts[0] == 9 and counts[2] == 2
    found = list(selectors.practice_list(None, q="робототехника дошкольники"))
    assert [p.title for p in found] == ["Робототехника и программирование: детский сад и школа № 9"]
    recommended = Practice.objects.get(status="recommended")
    assert recommended.recommendation == "Решение Координационного Совета от 26 февраля 2025 г. № 1, п. 1"
    assert recommended.recommended_by.text.startswith("Рекомендовать к внедрению формы совместной работы")
    page = client_for(get_user_model().objects.get(username="viewer")).get(recommended.get_absolute_url())
    assert recommended.recommended_by.get_absolute_url() in page.content.decode()
    parents = selectors.practice_list(
        get_user_model().objects.get(username="zhuravushka"), q="консультационный центр родители"
    )
    assert [p.title for p in parents] == ["Модель консультационного центра «Профессия – родители»"]
    # the protocol's text, carried in a DOCX material, is searchable
    coordinator = get_user_model().objects.get(username="coordinator")
    found = selectors.practice_list(coordinator, q="оптимальные формы совместной работы")
    assert Practice.objects.get(title="«Методический поезд»") in found
    assert not selectors.practice_list(None, q="оптимальные формы совместной работы").exists()  # cluster-only
    quality = Practice.objects.get(title__startswith="Системная модель")
    assert quality.status == "adopted"
    html = (
        client_for(None).get(Practice.objects.get(title__contains="Родная сторона").get_absolute_url()).content.decode()
    )
    assert "Партнёрство МАДОУ № 24 «Журавушка»" in html
