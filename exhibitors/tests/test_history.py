import pytest
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from directory.admin import CREATED_OUTSIDE
from directory.testing import form_data
from exhibitors.models import Exhibitor

from .factories import make_category, make_exhibitor, make_hall, make_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def unitree():
    hall = make_hall(code="H1")
    exhibitor = make_exhibitor(
        name="Unitree", slug="unitree", hall=hall, booth="H1-A01",
        categories=[make_category(name="Robotics")],
    )  # fmt: skip
    make_product(exhibitor=exhibitor, name="G1 humanoid", slug="unitree-g1")
    return exhibitor


def change(client, obj, **fields):
    url = reverse("admin:exhibitors_exhibitor_change", args=[obj.pk])
    return client.post(url, form_data(client.get(url), **fields))


def history(client, obj):
    return client.get(reverse("admin:exhibitors_exhibitor_history", args=[obj.pk]))


def test_history_shows_who_changed_which_fields_from_what_to_what(admin_client, unitree):
    change(admin_client, unitree, booth="H1-A02", tagline_en="Robots for everyone")

    actions = history(admin_client, unitree).context["action_list"]

    assert [
        (a["revision"].user and a["revision"].user.username, a["comment"], a["changes"])
        for a in actions
    ] == [
        (None, CREATED_OUTSIDE, []),
        (
            "admin",
            "Changed Tagline · English and Booth.",
            [("tagline · English", "—", "Robots for everyone"), ("booth", "H1-A01", "H1-A02")],
        ),
    ]


def test_history_page_shows_old_and_new_values(admin_client, unitree):
    change(admin_client, unitree, booth="H1-A02")

    content = history(admin_client, unitree).content.decode()

    assert "<strong>Booth</strong>: H1-A01 → H1-A02" in content


def test_a_change_is_reverted_from_the_history(admin_client, unitree):
    change(admin_client, unitree, booth="H1-A02", name="Unitree Robotics")
    first = Version.objects.get_for_object(unitree).order_by("pk").first()
    url = reverse("admin:exhibitors_exhibitor_revision", args=[unitree.pk, first.pk])

    page = admin_client.get(url)
    response = admin_client.post(url, form_data(page))

    assert response.status_code == 302
    unitree.refresh_from_db()
    assert (unitree.name, unitree.booth) == ("Unitree", "H1-A01")
    latest = Version.objects.get_for_object(unitree).first()
    date = f"{timezone.localtime(first.revision.date_created):%Y-%m-%d %H:%M}"
    assert latest.revision.get_comment() == f"Reverted to the version of {date}."


def test_deleting_asks_for_confirmation_first(admin_client, unitree):
    response = admin_client.get(reverse("admin:exhibitors_exhibitor_delete", args=[unitree.pk]))

    content = response.content.decode()
    assert response.status_code == 200
    assert 'Are you sure you want to delete the exhibitor "Unitree"?' in content
    assert reverse("admin:exhibitors_exhibitor_unpublish", args=[unitree.pk]) in content
    assert Exhibitor.objects.filter(pk=unitree.pk).exists()


def recover(client, model):
    deleted = Version.objects.get_deleted(model).get()
    url = reverse("admin:exhibitors_exhibitor_recover", args=[deleted.pk])
    return client.post(url, form_data(client.get(url)))


def test_a_deleted_exhibitor_is_recovered_whole_with_categories_and_products(admin_client, unitree):
    admin_client.post(
        reverse("admin:exhibitors_exhibitor_delete", args=[unitree.pk]), {"post": "yes"}
    )
    assert Exhibitor.objects.count() == 0
    recoverable = admin_client.get(reverse("admin:exhibitors_exhibitor_recoverlist"))

    response = recover(admin_client, Exhibitor)

    assert [v.object_repr for v in recoverable.context["deleted"]] == ["Unitree"]
    assert response.status_code == 302
    exhibitor = Exhibitor.objects.get(slug="unitree")
    assert (exhibitor.pk, exhibitor.hall.code, exhibitor.booth) == (unitree.pk, "H1", "H1-A01")
    assert list(exhibitor.categories.values_list("name", flat=True)) == ["Robotics"]
    assert list(exhibitor.products.values_list("slug", flat=True)) == ["unitree-g1"]


def test_exhibitors_deleted_in_bulk_are_recoverable(admin_client, unitree):
    admin_client.post(
        reverse("admin:exhibitors_exhibitor_changelist"),
        {"action": "delete_selected", "_selected_action": [unitree.pk], "post": "yes"},
    )

    response = recover(admin_client, Exhibitor)

    assert response.status_code == 302
    assert list(Exhibitor.objects.get().products.values_list("slug", flat=True)) == ["unitree-g1"]


def test_unpublish_is_one_click_on_the_change_page_and_recorded(admin_client, unitree):
    page = admin_client.get(reverse("admin:exhibitors_exhibitor_change", args=[unitree.pk]))
    url = reverse("admin:exhibitors_exhibitor_unpublish", args=[unitree.pk])

    response = admin_client.post(url)

    assert f'action="{url}"' in page.content.decode()
    assert response["Location"] == reverse("admin:exhibitors_exhibitor_change", args=[unitree.pk])
    unitree.refresh_from_db()
    assert unitree.is_published is False
    changes = history(admin_client, unitree).context["action_list"][-1]["changes"]
    assert changes == [("published", "yes", "no")]


def test_unpublish_needs_a_post(admin_client, unitree):
    response = admin_client.get(reverse("admin:exhibitors_exhibitor_unpublish", args=[unitree.pk]))

    assert response.status_code == 405
    unitree.refresh_from_db()
    assert unitree.is_published is True
