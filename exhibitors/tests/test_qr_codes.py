"""QR codes of exhibitor pages, and the booth signs organizers print from the admin."""

import re

import pytest
from django.urls import reverse

from directory.testing import BASE_DIR, qr_codes_in
from exhibitors.models import Exhibitor

from .factories import make_exhibitor, make_hall

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("prefix", ["", "/zh-hans"], ids=["en", "zh-hans"])
def test_exhibitor_page_has_the_qr_code_of_its_own_address_in_its_language(client, prefix):
    make_exhibitor(name="Unitree", slug="unitree")

    response = client.get(f"{prefix}/exhibitors/unitree/")

    address = f"http://testserver{prefix}/exhibitors/unitree/"
    assert qr_codes_in(response.text) == [address]
    assert f"<figcaption>{address}</figcaption>" in response.text


def test_exhibitor_page_share_section_says_what_the_code_is_for_in_chinese(client):
    make_exhibitor(slug="unitree")

    text = client.get("/zh-hans/exhibitors/unitree/").text

    assert '<h2 id="share-heading">分享</h2>' in text
    assert "扫码在另一部手机上打开本页。" in text


@pytest.fixture
def hall():
    """Hall H2 with booths out of order, a draft, an exhibitor without a booth and, in another
    hall, one more booth."""
    h2 = make_hall(code="H2", name_en="Smart Terminals", name_zh_hans="智能终端")
    make_exhibitor(name_en="Xiaomi", name_zh_hans="小米", slug="xiaomi", hall=h2, booth="H2-B01")
    make_exhibitor(
        name_en="Unitree", name_zh_hans="宇树科技", slug="unitree", hall=h2, booth="H2-A04"
    )
    make_exhibitor(name_en="AgiBot", slug="agibot", hall=h2, booth="H2-A01")
    make_exhibitor(name_en="Secret", slug="secret", hall=h2, booth="H2-A02", is_published=False)
    make_exhibitor(name_en="Boothless", slug="boothless", hall=h2)
    make_exhibitor(name_en="Elsewhere", slug="elsewhere", hall=make_hall(code="H3"), booth="H3-A01")
    return h2


def signs_url(hall, prefix=""):
    return prefix + reverse("admin:exhibitors_hall_signs", args=[hall.pk])


def sign_codes(text):
    return re.findall(r'<p class="sign-code">([^<]+)</p>', text)


def test_booth_signs_are_for_staff_only(client, hall):
    response = client.get(signs_url(hall))

    assert response.status_code == 302
    assert response["Location"] == f"/admin/login/?next=/admin/exhibitors/hall/{hall.pk}/signs/"


def test_booth_signs_need_the_permission_to_view_exhibitors(client, django_user_model, hall):
    client.force_login(django_user_model.objects.create_user("temp", is_staff=True))

    assert client.get(signs_url(hall)).status_code == 403


def test_hall_signs_one_per_published_booth_in_booth_order(organizer_client, hall):
    response = organizer_client.get(signs_url(hall))

    text = response.text
    assert response.status_code == 200
    assert sign_codes(text) == ["H2 · A01", "H2 · A04", "H2 · B01"]
    assert text.count('<article class="booth-sign">') == 3
    assert "Secret" not in text and "Boothless" not in text and "Elsewhere" not in text
    assert "<h1>Booth signs of H2 · Smart Terminals</h1>" in text
    assert "3 signs: each prints on its own A4 page." in text


def test_a_sign_names_the_exhibitor_and_hall_in_both_languages_with_both_pages_codes(
    organizer_client, hall
):
    text = organizer_client.get(signs_url(hall)).text

    unitree = text.split('<article class="booth-sign">')[2].split("</article>")[0]
    assert '<h2 class="sign-name" lang="en">Unitree</h2>' in unitree
    assert '<p class="sign-name-zh" lang="zh-Hans">宇树科技</p>' in unitree
    assert '<span lang="en">Hall H2 · Smart Terminals</span>' in unitree
    assert '<span lang="zh-Hans">H2 馆 · 智能终端</span>' in unitree
    assert "扫码打开展商页面，收藏到“我的 WAIC”。" in unitree
    assert qr_codes_in(unitree) == [
        "http://testserver/exhibitors/unitree/",
        "http://testserver/zh-hans/exhibitors/unitree/",
    ]
    # An exhibitor without a Chinese name has its name once.
    agibot = text.split('<article class="booth-sign">')[1]
    assert "sign-name-zh" not in agibot.split("</article>")[0]


def test_hall_signs_in_the_chinese_admin_are_the_same_signs(organizer_client, hall):
    text = organizer_client.get(signs_url(hall, "/zh-hans")).text

    assert sign_codes(text) == ["H2 · A01", "H2 · A04", "H2 · B01"]
    assert '<html lang="zh-hans">' in text
    assert "<h1>H2 · 智能终端 的展位牌</h1>" in text
    assert qr_codes_in(text)[:2] == [
        "http://testserver/exhibitors/agibot/",
        "http://testserver/zh-hans/exhibitors/agibot/",
    ]


def test_signs_of_an_unknown_hall_are_404(organizer_client):
    response = organizer_client.get("/admin/exhibitors/hall/999/signs/")

    assert response.status_code == 404


def test_a_hall_without_booths_says_there_is_no_sign(organizer_client):
    text = organizer_client.get(signs_url(make_hall())).text

    assert sign_codes(text) == []
    assert "No published exhibitor here has a booth yet" in text


def test_hall_change_form_links_to_its_signs(organizer_client, hall):
    text = organizer_client.get(reverse("admin:exhibitors_hall_change", args=[hall.pk])).text

    assert f'<a href="/admin/exhibitors/hall/{hall.pk}/signs/">Print booth signs</a>' in text


def test_print_booth_signs_action_prints_the_selected_exhibitors_booths(organizer_client, hall):
    chosen = Exhibitor.objects.filter(slug__in=["xiaomi", "elsewhere", "secret", "boothless"])

    response = organizer_client.post(
        reverse("admin:exhibitors_exhibitor_changelist"),
        {"action": "print_booth_signs", "_selected_action": [e.pk for e in chosen]},
    )

    assert response.status_code == 200
    assert sign_codes(response.text) == ["H2 · B01", "H3 · A01"]
    assert "<h1>Booth signs</h1>" in response.text


def test_booth_signs_print_one_a4_page_per_sign():
    text = (BASE_DIR / "static" / "css" / "site.css").read_text(encoding="utf-8")

    assert "@page sign { size: A4; margin: 12mm; }" in text
    assert re.search(r"\.booth-sign \{ page: sign;[^}]*break-after: page;", text)


def test_a_big_halls_signs_come_a_hundred_to_a_page(organizer_client, hall):
    from exhibitors.signs import SIGNS_PER_PAGE

    Exhibitor.objects.bulk_create(
        Exhibitor(
            name_en=f"Maker {n:03d}", slug=f"maker-{n:03d}", hall=hall, booth=f"H2-X{n:03d}",
            is_published=True,
        )
        for n in range(SIGNS_PER_PAGE + 2)
    )  # fmt: skip

    first = organizer_client.get(signs_url(hall)).text
    last = organizer_client.get(signs_url(hall) + "?page=2").text
    past = organizer_client.get(signs_url(hall) + "?page=99").text
    nonsense = organizer_client.get(signs_url(hall) + "?page=two").text

    assert SIGNS_PER_PAGE == 100
    assert sign_codes(first)[:4] == ["H2 · A01", "H2 · A04", "H2 · B01", "H2 · X000"]
    assert len(sign_codes(first)) == 100
    assert sign_codes(last) == ["H2 · X097", "H2 · X098", "H2 · X099", "H2 · X100", "H2 · X101"]
    assert "105 signs: each prints on its own A4 page." in first
    assert "This page holds signs 101–105 of 105: print each page in turn." in last
    assert re.findall(r"<li><a ([^>]*)>(\d)</a></li>", last) == [
        ('href="?page=1"', "1"),
        ('aria-current="page"', "2"),
    ]
    assert sign_codes(past) == sign_codes(last)
    assert sign_codes(nonsense) == sign_codes(first)


def test_a_hall_of_one_page_of_signs_has_no_page_links(organizer_client, hall):
    text = organizer_client.get(signs_url(hall)).text

    assert "signs-pages" not in text
