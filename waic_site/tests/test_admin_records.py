"""The admin's record pages answer 404 for a record or version that is not there, for every
directory model, instead of an error page."""

import pytest
from django.conf import settings
from django.contrib import admin
from django.urls import reverse
from reversion.models import Version

from directory.admin import DirectoryAdmin
from exhibitors.tests.factories import make_exhibitor
from speakers.tests.factories import make_speaker

pytestmark = pytest.mark.django_db

DIRECTORY_ADMINS = {
    f"{model._meta.app_label}_{model._meta.model_name}": model_admin
    for model, model_admin in admin.site._registry.items()
    if model._meta.app_label in settings.DIRECTORY_APPS
}
WITH_UNPUBLISH = [
    name for name, m in DIRECTORY_ADMINS.items() if isinstance(m, DirectoryAdmin) and m.publishable
]
MISSING_IDS = ["999999", "abc", "-1", "1.5", "%00"]


def test_every_directory_model_is_covered():
    assert sorted(DIRECTORY_ADMINS) == [
        "exhibitors_booth",
        "exhibitors_category",
        "exhibitors_exhibitor",
        "exhibitors_hall",
        "exhibitors_product",
        "speakers_session",
        "speakers_speaker",
        "speakers_track",
        "speakers_venue",
    ]
    assert sorted(WITH_UNPUBLISH) == [
        "exhibitors_exhibitor",
        "exhibitors_product",
        "speakers_session",
        "speakers_speaker",
    ]


def speaker_version(client):
    """A version of a speaker, the speaker and an exhibitor sharing the speaker's id."""
    speaker = make_speaker(name="Ada Lovelace")
    exhibitor = make_exhibitor(name="Unitree", pk=speaker.pk)
    url = reverse("admin:speakers_speaker_unpublish", args=[speaker.pk])
    client.post(url)
    return Version.objects.get_for_object(speaker).first(), speaker, exhibitor


@pytest.mark.parametrize("object_id", MISSING_IDS)
@pytest.mark.parametrize("model", DIRECTORY_ADMINS)
def test_the_history_of_a_missing_record_is_not_found(admin_client, model, object_id):
    url = reverse(f"admin:{model}_changelist") + f"{object_id}/history/"

    assert admin_client.get(url).status_code == 404


@pytest.mark.parametrize("object_id", MISSING_IDS)
@pytest.mark.parametrize("model", WITH_UNPUBLISH)
def test_unpublishing_a_missing_record_is_not_found(admin_client, model, object_id):
    url = reverse(f"admin:{model}_changelist") + f"{object_id}/unpublish/"

    assert admin_client.post(url).status_code == 404


VERSION_PATHS = [
    *[f"{object_id}/history/999999/" for object_id in MISSING_IDS],
    "{record}/history/999999/",
    "{record}/history/99999999999999999999/",
    "recover/999999/",
    "recover/99999999999999999999/",
]


@pytest.mark.parametrize("path", VERSION_PATHS)
@pytest.mark.parametrize("model", DIRECTORY_ADMINS)
def test_a_missing_version_is_not_found(admin_client, model, path):
    version, speaker, exhibitor = speaker_version(admin_client)
    url = reverse(f"admin:{model}_changelist") + path.format(record=speaker.pk)

    assert admin_client.get(url).status_code == 404
    assert admin_client.post(url).status_code == 404


@pytest.mark.parametrize("view", ["revision", "recover"])
def test_a_version_of_another_model_is_not_one_of_this_model(admin_client, view):
    version, speaker, exhibitor = speaker_version(admin_client)
    args = [exhibitor.pk, version.pk] if view == "revision" else [version.pk]
    url = reverse(f"admin:exhibitors_exhibitor_{view}", args=args)

    assert admin_client.get(url).status_code == 404
    assert admin_client.post(url).status_code == 404


@pytest.mark.parametrize("model", ["exhibitors_exhibitor", "speakers_speaker"])
def test_the_history_of_a_record_is_still_shown(admin_client, model):
    record = make_exhibitor() if model == "exhibitors_exhibitor" else make_speaker()

    response = admin_client.get(reverse(f"admin:{model}_history", args=[record.pk]))

    assert response.status_code == 200


@pytest.mark.parametrize("object_id", MISSING_IDS)
@pytest.mark.parametrize("model", DIRECTORY_ADMINS)
def test_changing_or_deleting_a_missing_record_says_so_on_the_admin_home(
    admin_client, model, object_id
):
    """Django's own answer: back to the admin's home with "… doesn't exist"."""
    base = reverse(f"admin:{model}_changelist")

    for url in [f"{base}{object_id}/change/", f"{base}{object_id}/delete/"]:
        assert admin_client.get(url).status_code == 302
        assert admin_client.post(url).status_code == 302
