import re

from django.contrib.auth import get_user_model

from edcluster.core.models import OutboxMessage
from edcluster.organizations.models import RoleAssignment


def test_coordinator_invites_an_editor_who_sets_a_password_and_signs_in(
    world, client_for, client, django_capture_on_commit_callbacks
):
    c = client_for(world.coordinator_x)
    with django_capture_on_commit_callbacks(execute=True):
        response = c.post(
            "/clusters/x/access/",
            {
                "email": "New.Editor@School.test",
                "role": "editor",
                "organization": world.org_a.pk,
                "last_name": "Новикова",
                "first_name": "Нина",
            },
        )
    assert response.status_code == 302
    user = get_user_model().objects.get(email="new.editor@school.test")
    assert not user.has_usable_password()
    assert RoleAssignment.objects.filter(user=user, role="editor", organization=world.org_a).exists()
    message = OutboxMessage.objects.get(topic="invite")
    assert message.to == ["new.editor@school.test"]
    assert "Редактор организации".lower() in message.subject.lower()
    link = re.search(r"http://testserver(/accounts/reset/\S+)", message.body).group(1)
    form_page = client.get(link, follow=True)
    assert "Новый пароль" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Журавушка-2025", "new_password2": "Журавушка-2025"},
        follow=True,
    )
    assert "Пароль задан" in done.content.decode()
    assert client.login(username="new.editor@school.test", password="Журавушка-2025")
    assert "Нина" in c.get("/clusters/x/access/").content.decode()


def test_coordinator_cannot_give_roles_outside_the_cluster(world, client_for):
    response = client_for(world.coordinator_x).post(
        "/clusters/x/access/", {"email": "x@example.test", "role": "editor", "organization": world.org_b.pk}
    )
    assert response.status_code == 200
    assert "Выберите корректный вариант" in response.content.decode()
    assert not get_user_model().objects.filter(email="x@example.test").exists()
    assert client_for(world.coordinator_y).get("/clusters/x/access/").status_code == 403


def test_editor_needs_an_organization(world, client_for):
    response = client_for(world.coordinator_x).post(
        "/clusters/x/access/", {"email": "y@example.test", "role": "editor"}
    )
    assert "Выберите организацию для редактора." in response.content.decode()


def test_revoke(world, client_for):
    assignment = RoleAssignment.objects.get(user=world.editor_a)
    response = client_for(world.coordinator_x).post(f"/clusters/x/access/{assignment.pk}/revoke/")
    assert response.status_code == 302
    assert not RoleAssignment.objects.filter(pk=assignment.pk).exists()


def test_password_reset_goes_through_outbox(world, client, django_capture_on_commit_callbacks):
    world.editor_a.email = "editor.a@example.test"
    world.editor_a.save()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/password_reset/", {"email": "editor.a@example.test"})
    message = OutboxMessage.objects.get(topic="password_reset")
    assert message.subject == "Восстановление пароля в edcluster"
    assert "/accounts/reset/" in message.body
