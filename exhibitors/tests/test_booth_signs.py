"""Booth signs, printed by organizers from the admin: one A4 page per booth of a published
exhibitor, with its name in both languages, the booth's code and the QR codes of its page."""

import re

import pytest
from django.urls import reverse

from directory.testing import BASE_DIR, qr_codes_in
from exhibitors.models import Booth, Exhibitor
from exhibitors.signs import SIGNS_PER_PAGE

from .factories import make_booth, make_exhibitor, make_hall

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/exhibitors/exhibitor/"
EXHIBITOR_SIGNS = "/admin/exhibitors/exhibitor/signs/"


@pytest.fixture
def hall():
    """Hall H2 with booths made out of order: Unitree has two, a draft one, two are free; an
    exhibitor whose own booth field names a booth that has no record; in hall H3 one more."""
    h2 = make_hall(code="H2", name_en="Smart Terminals", name_zh_hans="智能终端")
    h3 = make_hall(code="H3")
    xiaomi = make_exhibitor(name_en="Xiaomi", name_zh_hans="小米", slug="xiaomi", hall=h2)
    unitree = make_exhibitor(name_en="Unitree", name_zh_hans="宇树科技", slug="unitree", hall=h2)
    agibot = make_exhibitor(name_en="AgiBot", slug="agibot", hall=h2)
    secret = make_exhibitor(name_en="Secret", slug="secret", hall=h2, is_published=False)
    make_exhibitor(name_en="Legacy", slug="legacy", hall=h2, booth="H2-Z99")
    make_exhibitor(name_en="Boothless", slug="boothless")
    elsewhere = make_exhibitor(name_en="Elsewhere", slug="elsewhere", hall=h3)
    for code, exhibitor in [
        ("H2-C07", unitree),
        ("H2-B01", xiaomi),
        ("H2-A04", unitree),
        ("H2-B02", None),
        ("H2-A02", secret),
        ("H2-A01", agibot),
        ("H2-A03", None),
    ]:
        make_booth(h2, code=code, exhibitor=exhibitor)
    make_booth(h3, code="H3-A01", exhibitor=elsewhere)
    return h2


def signs_url(hall, prefix=""):
    return prefix + reverse("admin:exhibitors_hall_signs", args=[hall.pk])


def sign_codes(text):
    return re.findall(r'<p class="sign-code">([^<]+)</p>', text)


def signs_of(text):
    """Each sign's HTML, in order."""
    return [part.split("</article>")[0] for part in text.split('<article class="booth-sign">')[1:]]


def pks(*slugs):
    return [Exhibitor.objects.get(slug=slug).pk for slug in slugs]


def print_signs(client, selected, query="", select_across=False):
    """The exhibitors changelist's "Print booth signs" action, as its form posts it."""
    data = {"action": "print_booth_signs", "index": "0", "_selected_action": selected}
    if select_across:
        data["select_across"] = "1"
    return client.post(CHANGELIST + query, data)


def make_booths(hall, count, prefix="X", exhibitor=None):
    """`count` booths in a row, each with an exhibitor of its own unless one is given."""
    if exhibitor is None:
        exhibitors = Exhibitor.objects.bulk_create(
            Exhibitor(
                name_en=f"Maker {n:04d}", name_zh_hans=f"制造商 {n:04d}", slug=f"maker-{n:04d}",
                hall=hall, is_published=True,
            )
            for n in range(count)
        )  # fmt: skip
    else:
        exhibitors = [exhibitor] * count
    Booth.objects.bulk_create(
        Booth(hall=hall, code=f"{hall.code}-{prefix}{n:04d}", exhibitor=exhibitors[n],
              x=n, y=0, width=1, height=1)
        for n in range(count)
    )  # fmt: skip


# Who may print them


def test_booth_signs_are_for_staff_only(client, hall):
    response = client.get(signs_url(hall))

    assert response.status_code == 302
    assert response["Location"] == f"/admin/login/?next=/admin/exhibitors/hall/{hall.pk}/signs/"


def test_booth_signs_need_the_permission_to_view_exhibitors(client, django_user_model, hall):
    client.force_login(django_user_model.objects.create_user("temp", is_staff=True))

    assert client.get(signs_url(hall)).status_code == 403
    assert client.get(EXHIBITOR_SIGNS).status_code == 403


# A hall's signs


def test_hall_signs_one_per_booth_of_a_published_exhibitor_in_booth_order(organizer_client, hall):
    response = organizer_client.get(signs_url(hall))

    text = response.text
    assert response.status_code == 200
    assert sign_codes(text) == ["H2 · A01", "H2 · A04", "H2 · B01", "H2 · C07"]
    assert re.findall(r'<h2 class="sign-name" lang="en">([^<]+)</h2>', text) == [
        "AgiBot",
        "Unitree",
        "Xiaomi",
        "Unitree",
    ]
    assert "Secret" not in text and "Legacy" not in text and "Elsewhere" not in text
    assert "<h1>Booth signs of H2 · Smart Terminals</h1>" in text
    assert "4 signs: each prints on its own A4 page." in text
    assert "2 free booths have no sign." in text
    assert "One booth of a draft exhibitor has no sign: publish the exhibitor first." in text


def test_each_booth_of_an_exhibitor_has_its_own_code_and_the_same_qr_codes(organizer_client, hall):
    signs = signs_of(organizer_client.get(signs_url(hall)).text)

    unitree = "http://testserver/exhibitors/unitree/"
    assert [sign_codes(sign) for sign in (signs[1], signs[3])] == [["H2 · A04"], ["H2 · C07"]]
    assert (
        qr_codes_in(signs[1])
        == qr_codes_in(signs[3])
        == [
            unitree,
            "http://testserver/zh-hans/exhibitors/unitree/",
        ]
    )


def test_a_sign_names_the_exhibitor_and_hall_in_both_languages_with_both_pages_codes(
    organizer_client, hall
):
    unitree = signs_of(organizer_client.get(signs_url(hall)).text)[1]

    assert '<h2 class="sign-name" lang="en">Unitree</h2>' in unitree
    assert '<p class="sign-name-zh" lang="zh-Hans">宇树科技</p>' in unitree
    assert '<span lang="en">Hall H2 · Smart Terminals</span>' in unitree
    assert '<span lang="zh-Hans">H2 馆 · 智能终端</span>' in unitree
    assert "扫码打开展商页面，收藏到“我的 WAIC”。" in unitree
    assert qr_codes_in(unitree) == [
        "http://testserver/exhibitors/unitree/",
        "http://testserver/zh-hans/exhibitors/unitree/",
    ]


def test_an_exhibitor_without_a_chinese_name_has_its_name_once(organizer_client, hall):
    agibot = signs_of(organizer_client.get(signs_url(hall)).text)[0]

    assert re.findall(r'class="sign-name[^"]*" lang="[^"]+">([^<]+)<', agibot) == ["AgiBot"]


def test_hall_signs_in_the_chinese_admin_are_the_same_signs(organizer_client, hall):
    text = organizer_client.get(signs_url(hall, "/zh-hans")).text

    assert sign_codes(text) == ["H2 · A01", "H2 · A04", "H2 · B01", "H2 · C07"]
    assert '<html lang="zh-hans">' in text
    assert "<h1>H2 · 智能终端 的展位牌</h1>" in text
    assert "已发布展商的每个展位各有一张展位牌，按展位顺序排列。" in text
    assert "2 个空闲展位没有展位牌。" in text
    assert "1 个展位属于未发布的展商，没有展位牌：请先发布展商。" in text
    assert '<p class="sign-name-zh" lang="zh-Hans">宇树科技</p>' in signs_of(text)[1]
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
    assert "free booth" not in text and "draft exhibitor" not in text


def test_a_hall_of_free_booths_says_they_have_no_sign(organizer_client):
    free = make_hall(code="H4")
    make_booth(free, code="H4-A01")

    text = organizer_client.get(signs_url(free)).text

    assert sign_codes(text) == []
    assert "One free booth has no sign." in text
    assert "No published exhibitor here has a booth yet" in text


def test_hall_change_form_links_to_its_signs(organizer_client, hall):
    text = organizer_client.get(reverse("admin:exhibitors_hall_change", args=[hall.pk])).text

    assert f'<a href="/admin/exhibitors/hall/{hall.pk}/signs/">Print booth signs</a>' in text


def test_booth_signs_print_one_a4_page_per_sign():
    text = (BASE_DIR / "static" / "css" / "site.css").read_text(encoding="utf-8")

    assert "@page sign { size: A4; margin: 12mm; }" in text
    assert re.search(r"\.booth-sign \{ page: sign;[^}]*break-after: page;", text)


def test_a_big_halls_signs_come_a_hundred_to_a_page(organizer_client, hall):
    make_booths(hall, SIGNS_PER_PAGE)

    first = organizer_client.get(signs_url(hall)).text
    last = organizer_client.get(signs_url(hall) + "?page=2").text
    past = organizer_client.get(signs_url(hall) + "?page=99").text
    nonsense = organizer_client.get(signs_url(hall) + "?page=two").text

    assert SIGNS_PER_PAGE == 100
    assert sign_codes(first)[:5] == ["H2 · A01", "H2 · A04", "H2 · B01", "H2 · C07", "H2 · X0000"]
    assert len(sign_codes(first)) == 100
    assert sign_codes(last) == ["H2 · X0096", "H2 · X0097", "H2 · X0098", "H2 · X0099"]
    assert "104 signs: each prints on its own A4 page." in first
    assert "This page holds signs 101–104 of 104: print each page in turn." in last
    assert "2 free booths have no sign." in last
    assert re.findall(r"<li><a ([^>]*)>(\d)</a></li>", last) == [
        ('href="?page=1"', "1"),
        ('aria-current="page"', "2"),
    ]
    assert sign_codes(past) == sign_codes(last)
    assert sign_codes(nonsense) == sign_codes(first)


def test_a_hall_of_one_page_of_signs_has_no_page_links(organizer_client, hall):
    text = organizer_client.get(signs_url(hall)).text

    assert "signs-pages" not in text


@pytest.mark.parametrize("count", [1, 30])
def test_hall_signs_take_the_same_queries_for_1_and_30_booths(
    organizer_client, django_assert_num_queries, count
):
    h5 = make_hall(code="H5")
    make_booths(h5, count)
    make_booth(h5, code="H5-Z01")  # free

    # The session, user and permissions (4), the hall, the counts, the booths with their hall
    # and exhibitor.
    with django_assert_num_queries(7):
        response = organizer_client.get(signs_url(h5))

    assert len(sign_codes(response.text)) == count


# The "Print booth signs" action on selected exhibitors


def test_print_booth_signs_action_sends_the_ticked_exhibitors_to_their_signs(
    organizer_client, hall
):
    chosen = pks("xiaomi", "elsewhere", "secret", "boothless", "unitree")

    response = print_signs(organizer_client, chosen)

    assert response.status_code == 302
    assert response["Location"] == EXHIBITOR_SIGNS + "?id__in=" + ",".join(map(str, sorted(chosen)))


def test_ticked_exhibitors_signs_are_one_per_booth_by_hall_and_booth(organizer_client, hall):
    chosen = pks("xiaomi", "elsewhere", "secret", "boothless", "unitree", "legacy")

    response = print_signs(organizer_client, chosen, query="?o=2")
    text = organizer_client.get(response["Location"]).text

    assert sign_codes(text) == ["H2 · A04", "H2 · B01", "H2 · C07", "H3 · A01"]
    assert "<h1>Booth signs</h1>" in text
    assert "4 signs: each prints on its own A4 page." in text
    assert "One booth of a draft exhibitor has no sign: publish the exhibitor first." in text
    assert "free booth" not in text  # free booths have no exhibitor to choose


def test_select_all_sends_the_changelists_filters_not_its_rows(organizer_client, hall):
    query = f"?hall__id__exact={hall.pk}&q=u&p=1&o=2"  # shows Unitree alone

    response = print_signs(organizer_client, pks("unitree"), query=query, select_across=True)
    text = organizer_client.get(response["Location"]).text

    assert response["Location"] == f"{EXHIBITOR_SIGNS}?hall__id__exact={hall.pk}&q=u"
    assert sign_codes(text) == ["H2 · A04", "H2 · C07"]
    back = f'<a href="{CHANGELIST}?hall__id__exact={hall.pk}&amp;q=u">Back to the exhibitors</a>'
    assert back in text


def test_select_all_without_filters_prints_every_exhibitors_booths(organizer_client, hall):
    response = print_signs(organizer_client, pks("xiaomi"), select_across=True)
    text = organizer_client.get(response["Location"]).text

    assert response["Location"] == EXHIBITOR_SIGNS
    assert sign_codes(text) == ["H2 · A01", "H2 · A04", "H2 · B01", "H2 · C07", "H3 · A01"]


def test_select_all_of_2000_exhibitors_pages_their_signs_by_a_short_address(organizer_client):
    h6 = make_hall(code="H6")
    make_booths(h6, 2000)

    response = print_signs(organizer_client, pks("maker-0000"), f"?hall__id__exact={h6.pk}", True)
    last = organizer_client.get(response["Location"] + "&page=20").text

    assert response["Location"] == f"{EXHIBITOR_SIGNS}?hall__id__exact={h6.pk}"
    assert sign_codes(last)[::33] == ["H6 · X1900", "H6 · X1933", "H6 · X1966", "H6 · X1999"]
    assert len(sign_codes(last)) == 100
    assert "This page holds signs 1901–2000 of 2000: print each page in turn." in last
    links = re.findall(r'<li><a href="([^"]+)">(\d+)</a></li>', last)
    assert links[:2] == [
        (f"?hall__id__exact={h6.pk}&amp;page=1", "1"),
        (f"?hall__id__exact={h6.pk}&amp;page=2", "2"),
    ]
    assert len(links) == 19


def test_ticked_exhibitors_keep_their_selection_from_page_to_page(organizer_client, hall):
    unitree = Exhibitor.objects.get(slug="unitree")
    make_booths(hall, SIGNS_PER_PAGE, prefix="U", exhibitor=unitree)

    response = print_signs(organizer_client, [unitree.pk, *pks("agibot")])
    address = response["Location"]
    second = organizer_client.get(address + "&page=2").text

    assert sign_codes(second) == ["H2 · U0097", "H2 · U0098", "H2 · U0099"]
    assert "This page holds signs 101–103 of 103: print each page in turn." in second
    ids = address.split("?id__in=")[1].replace(",", "%2C")
    assert f'<li><a href="?id__in={ids}&amp;page=1">1</a></li>' in second


def test_too_many_ticked_exhibitors_for_one_address_are_refused_with_a_message(
    organizer_client,
):
    make_booths(make_hall(code="H7"), 900)  # the admin posts at most 1,000 fields
    every = list(Exhibitor.objects.values_list("pk", flat=True))

    response = print_signs(organizer_client, every)
    page = organizer_client.get(response["Location"])

    assert response["Location"] == CHANGELIST
    assert (
        "Too many exhibitors are ticked to print at once: filter the list (by hall, say), then "
        "choose “Select all” and print their signs."
    ) in page.text


@pytest.mark.parametrize("query", ["?id__in=one", "?nonsense=1"])
def test_an_address_that_chooses_no_exhibitors_is_a_400_that_says_so(organizer_client, query):
    response = organizer_client.get(EXHIBITOR_SIGNS + query)

    assert response.status_code == 400
    assert "This address does not say which exhibitors to print" in response.text


def test_the_400_says_so_in_chinese_too(organizer_client):
    response = organizer_client.get("/zh-hans" + EXHIBITOR_SIGNS + "?id__in=one")

    assert response.status_code == 400
    assert "此地址没有说明要打印哪些展商：请返回展商列表，重新选择后再打印展位牌。" in response.text


def test_ticked_exhibitors_signs_in_the_chinese_admin(organizer_client, hall):
    response = print_signs(organizer_client, pks("xiaomi", "unitree"))
    text = organizer_client.get("/zh-hans" + response["Location"]).text

    assert "<h1>展位牌</h1>" in text
    assert sign_codes(text) == ["H2 · A04", "H2 · B01", "H2 · C07"]
    assert [qr_codes_in(sign)[1] for sign in signs_of(text)] == [
        "http://testserver/zh-hans/exhibitors/unitree/",
        "http://testserver/zh-hans/exhibitors/xiaomi/",
        "http://testserver/zh-hans/exhibitors/unitree/",
    ]


@pytest.mark.parametrize("count", [1, 30])
def test_selected_exhibitors_signs_take_the_same_queries_for_1_and_30_booths(
    organizer_client, django_assert_num_queries, count
):
    h5 = make_hall(code="H5")
    make_booths(h5, count)

    # The session, user and permissions (4); the changelist's filters' halls and categories and
    # its counts (4); the signs' counts and booths.
    with django_assert_num_queries(10):
        response = organizer_client.get(f"{EXHIBITOR_SIGNS}?hall__id__exact={h5.pk}")

    assert len(sign_codes(response.text)) == count
