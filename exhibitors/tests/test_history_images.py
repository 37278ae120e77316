"""Reverting or recovering a record whose image file is gone since (replaced or deleted, as
saving does): the revert works, keeps the image the record has now, and says so."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.storage import default_storage
from django.urls import reverse
from reversion.models import Version

from directory.testing import form_data, image_bytes, upload
from exhibitors.models import Exhibitor, Product

from .factories import make_exhibitor

# On commit, as in production: replaced and deleted files go only once a save has committed.
pytestmark = pytest.mark.django_db(transaction=True)

KEPT = (
    "“Unitree”: the logo of that version is no longer stored (it was replaced or deleted "
    "since), so the current logo is kept."
)


def change(client, obj, model="exhibitors_exhibitor", **fields):
    url = reverse(f"admin:{model}_change", args=[obj.pk])
    return client.post(url, form_data(client.get(url), **fields))


def revert(client, obj, version, language=""):
    url = language + reverse("admin:exhibitors_exhibitor_revision", args=[obj.pk, version.pk])
    page = client.get(url)
    return page, client.post(url, form_data(page))


def messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def replaced_logo(admin_client):
    """Unitree with logo A in version 1 (after its baseline), then logo B in version 2."""
    exhibitor = make_exhibitor(name="Unitree", tagline="Robots")
    change(admin_client, exhibitor, logo=upload(image_bytes((64, 48), colour="red")))
    logo_a = Exhibitor.objects.get(pk=exhibitor.pk).logo.name
    change(
        admin_client, exhibitor, logo=upload(image_bytes((80, 40), colour="blue")), tagline_en="AI"
    )
    logo_b = Exhibitor.objects.get(pk=exhibitor.pk).logo.name
    version_1 = Version.objects.get_for_object(exhibitor).order_by("pk")[1]
    return exhibitor, version_1, logo_a, logo_b


def test_reverting_to_before_the_logo_was_replaced_keeps_the_current_logo(
    admin_client, replaced_logo
):
    exhibitor, version_1, logo_a, logo_b = replaced_logo

    page, response = revert(admin_client, exhibitor, version_1)

    assert (page.status_code, response.status_code) == (200, 302)
    exhibitor = Exhibitor.objects.get(pk=exhibitor.pk)
    assert (exhibitor.tagline, exhibitor.logo.name) == ("Robots", logo_b)
    assert (exhibitor.logo_width, exhibitor.logo_height) == (80, 40)
    assert (default_storage.exists(logo_a), default_storage.exists(logo_b)) == (False, True)
    assert messages(response) == [
        KEPT,
        f'The exhibitor “<a href="{page.wsgi_request.path}">Unitree</a>” was changed successfully.',
    ]


def test_the_revert_preview_shows_the_current_logo_and_says_why(admin_client, replaced_logo):
    exhibitor, version_1, logo_a, logo_b = replaced_logo
    url = reverse("admin:exhibitors_exhibitor_revision", args=[exhibitor.pk, version_1.pk])

    page = admin_client.get(url)

    assert page.context["adminform"].form["logo"].value().name == logo_b
    assert KEPT in page.content.decode().replace("&ldquo;", "“").replace("&rdquo;", "”")
    assert Exhibitor.objects.get(pk=exhibitor.pk).tagline == "AI"  # a preview writes nothing


def test_the_chinese_admin_says_it_in_chinese(admin_client, replaced_logo):
    exhibitor, version_1, logo_a, logo_b = replaced_logo

    page, response = revert(admin_client, exhibitor, version_1, language="/zh-hans")

    assert response.status_code == 302
    assert messages(response)[0] == (
        "“Unitree”：该版本的标志已不再保存（之后被替换或删除），因此保留当前的标志。"
    )


def test_a_product_image_replaced_since_is_kept_when_its_exhibitor_is_reverted(admin_client):
    exhibitor = make_exhibitor(name="Unitree", tagline="Robots")
    product = Product.objects.create(exhibitor=exhibitor, name="G1", slug="g1")
    change(admin_client, product, "exhibitors_product", image=upload(image_bytes(colour="red")))
    change(admin_client, exhibitor, tagline_en="AI")  # version 1 (the baseline): image A
    change(admin_client, product, "exhibitors_product", image=upload(image_bytes(colour="blue")))
    image_b = Product.objects.get(pk=product.pk).image.name
    earlier = Version.objects.get_for_object(exhibitor).order_by("pk").first()

    page, response = revert(admin_client, exhibitor, earlier)

    assert response.status_code == 302
    assert Product.objects.get(pk=product.pk).image.name == image_b
    assert Exhibitor.objects.get(pk=exhibitor.pk).tagline == "Robots"


def test_recovering_a_deleted_exhibitor_leaves_its_deleted_logo_empty(admin_client):
    exhibitor = make_exhibitor(name="Unitree", tagline="Robots")
    change(admin_client, exhibitor, logo=upload())
    admin_client.post(
        reverse("admin:exhibitors_exhibitor_delete", args=[exhibitor.pk]), {"post": "yes"}
    )
    deleted = Version.objects.get_deleted(Exhibitor).get()
    url = reverse("admin:exhibitors_exhibitor_recover", args=[deleted.pk])

    page = admin_client.get(url)
    response = admin_client.post(url, form_data(page))

    assert (page.status_code, response.status_code) == (200, 302)
    recovered = Exhibitor.objects.get(pk=exhibitor.pk)
    assert (recovered.tagline, recovered.logo.name, recovered.logo_width) == ("Robots", "", None)
    assert messages(response)[0] == (
        "“Unitree”: the logo of that version is no longer stored (it was replaced or deleted "
        "since), so it is left empty."
    )


def test_a_record_whose_logo_file_went_missing_can_still_be_saved(admin_client):
    """Saving a form reads no image back: the file the record was loaded with is kept as is."""
    exhibitor = make_exhibitor(name="Unitree", tagline="Robots")
    change(admin_client, exhibitor, logo=upload(image_bytes((64, 48))))
    logo = Exhibitor.objects.get(pk=exhibitor.pk).logo.name
    default_storage.delete(logo)

    response = change(admin_client, exhibitor, tagline_en="AI")

    assert response.status_code == 302
    stored = Exhibitor.objects.get(pk=exhibitor.pk)
    assert (stored.tagline, stored.logo.name, stored.logo_width) == ("AI", logo, 64)
