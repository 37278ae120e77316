import pytest
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command
from django.urls import reverse

from waic_site.roles import ORGANIZERS

pytestmark = pytest.mark.django_db

DIRECTORY_MODELS = [
    "exhibitors/hall",
    "exhibitors/category",
    "exhibitors/exhibitor",
    "exhibitors/product",
    "speakers/track",
    "speakers/venue",
    "speakers/speaker",
    "speakers/session",
]


def test_organizers_group_is_created_by_migrations_with_only_directory_permissions():
    group = Group.objects.get(name=ORGANIZERS)

    apps = set(group.permissions.values_list("content_type__app_label", flat=True))
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert apps == {"exhibitors", "speakers"}
    assert {"add_session", "change_session", "delete_session", "view_session"} <= codenames
    assert {"add_booth", "change_booth", "delete_booth", "view_booth"} <= codenames
    assert group.permissions.count() == 4 * 11  # eleven directory models (booths too), four each


def test_create_organizer_makes_a_staff_user_in_the_group_and_prints_the_password_once(capsys):
    call_command("create_organizer", "li.wei", "--email", "li.wei@example.org")

    output = capsys.readouterr().out.splitlines()
    user = User.objects.get(username="li.wei")
    password = output[1].rsplit(" ", 1)[1]
    assert output[0] == "Created organizer 'li.wei'."
    assert (user.is_staff, user.is_superuser) == (True, False)
    assert list(user.groups.values_list("name", flat=True)) == [ORGANIZERS]
    assert user.check_password(password)
    assert len(password) >= 16


def test_create_organizer_refuses_an_existing_username():
    User.objects.create_user("taken")

    with pytest.raises(CommandError, match="already exists"):
        call_command("create_organizer", "taken")


@pytest.mark.parametrize("model", DIRECTORY_MODELS)
def test_organizer_reaches_every_directory_changelist_and_add_page(organizer_client, model):
    app, name = model.split("/")

    changelist = organizer_client.get(reverse(f"admin:{app}_{name}_changelist"))
    add = organizer_client.get(reverse(f"admin:{app}_{name}_add"))

    assert (changelist.status_code, add.status_code) == (200, 200)


@pytest.mark.parametrize("url", ["admin:auth_user_changelist", "admin:auth_group_changelist"])
def test_organizer_is_refused_users_and_groups(organizer_client, url):
    assert organizer_client.get(reverse(url)).status_code == 403


@pytest.mark.parametrize(
    "url",
    [
        "admin:exhibitors_exhibitor_import",
        "admin:exhibitors_exhibitor_export",
        "admin:exhibitors_product_recoverlist",
        "admin:speakers_speaker_import",
        "admin:speakers_session_export",
        "admin:speakers_session_clashes",
        "admin:speakers_session_recoverlist",
    ],
)
def test_organizer_reaches_import_export_recovery_and_clashes(organizer_client, url):
    assert organizer_client.get(reverse(url)).status_code == 200
