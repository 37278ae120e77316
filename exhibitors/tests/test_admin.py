import pytest
from django.urls import reverse

from exhibitors.models import Exhibitor

from .factories import exhibitor_form, make_category, make_exhibitor, make_hall, make_product

pytestmark = pytest.mark.django_db


def test_booth_taken_in_the_same_hall_is_a_form_error_and_nothing_is_saved(admin_client):
    hall = make_hall(code="H2")
    make_exhibitor(name="Tesla", hall=hall, booth="H2-A01")

    response = admin_client.post(
        reverse("admin:exhibitors_exhibitor_add"),
        exhibitor_form(hall=str(hall.pk), booth="H2-A01"),
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [
        "Another exhibitor already has this booth in this hall."
    ]
    assert list(Exhibitor.objects.values_list("name", flat=True)) == ["Tesla"]


def test_exhibitor_with_categories_and_products_is_saved_from_one_page(admin_client):
    robots, chips = make_category(name="Robotics"), make_category(name="Chips")
    data = exhibitor_form(
        website="www.unitree.com",
        **{
            "category_links-TOTAL_FORMS": "2",
            "category_links-0-category": str(robots.pk),
            "category_links-1-category": str(chips.pk),
            "products-TOTAL_FORMS": "1",
            "products-0-name_en": "G1 humanoid",
            "products-0-slug": "unitree-g1",
            "products-0-premiere": "china",
            "products-0-order": "0",
        },
    )

    response = admin_client.post(reverse("admin:exhibitors_exhibitor_add"), data)

    assert response.status_code == 302
    exhibitor = Exhibitor.objects.get()
    assert exhibitor.website == "https://www.unitree.com"
    assert sorted(exhibitor.categories.values_list("name", flat=True)) == ["Chips", "Robotics"]
    assert list(exhibitor.products.values_list("name", "premiere")) == [("G1 humanoid", "china")]


def test_bulk_publish_unpublish_and_feature(admin_client):
    exhibitors = [make_exhibitor(is_published=False) for _ in range(3)]
    url = reverse("admin:exhibitors_exhibitor_changelist")
    ids = [str(exhibitor.pk) for exhibitor in exhibitors]

    admin_client.post(url, {"action": "publish", "_selected_action": ids})
    admin_client.post(url, {"action": "unpublish", "_selected_action": ids[2:]})
    admin_client.post(url, {"action": "feature", "_selected_action": ids[:1]})

    assert list(Exhibitor.objects.published().order_by("pk")) == exhibitors[:2]
    assert list(Exhibitor.objects.filter(is_featured=True)) == exhibitors[:1]


def test_deleting_a_hall_in_use_is_refused_in_the_admin_without_a_500(admin_client):
    hall = make_hall(code="H1")
    make_exhibitor(hall=hall, booth="H1-A01")

    response = admin_client.post(
        reverse("admin:exhibitors_hall_delete", args=[hall.pk]), {"post": "yes"}
    )

    assert response.status_code == 200
    assert "would require deleting the following protected related objects" in (
        response.content.decode()
    )
    assert hall.exhibitors.count() == 1


def populate(rows):
    hall, category = make_hall(), make_category()
    for n in range(rows):
        exhibitor = make_exhibitor(hall=hall, booth=f"A{n:02d}", categories=[category])
        make_product(exhibitor=exhibitor)


# Each count includes the SAVEPOINT and RELEASE of the revision django-reversion opens around
# every changelist (bulk actions there are recorded in the history); exhibitors and speakers
# count one more, their country filter's countries in use.
@pytest.mark.parametrize("rows", [1, 30])
@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("admin:exhibitors_exhibitor_changelist", 10),
        ("admin:exhibitors_product_changelist", 8),
        ("admin:exhibitors_hall_changelist", 7),
        ("admin:exhibitors_category_changelist", 7),
    ],
)
def test_changelist_queries_do_not_grow_with_rows(
    admin_client, django_assert_num_queries, rows, url, queries
):
    populate(rows)

    with django_assert_num_queries(queries):
        response = admin_client.get(reverse(url))

    assert response.status_code == 200
