"""The organizers' admin says who it is for, lists the directory's models in the order the team
works, keeps long filters short and offers what was typed first in its autocompletes (#18)."""

import re

import pytest
from django.contrib import admin
from django.urls import reverse
from lxml import html

from exhibitors.tests.factories import make_exhibitor
from speakers.tests.factories import make_session, make_speaker, make_venue, shanghai
from waic_site.admin import OrganizersSite

pytestmark = pytest.mark.django_db


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return html.fromstring(response.content.decode())


def texts(tree, xpath):
    return [" ".join(element.text_content().split()) for element in tree.xpath(xpath)]


def test_the_admin_site_is_the_organizers_site():
    assert isinstance(admin.site, OrganizersSite)


@pytest.mark.parametrize(
    ("prefix", "header", "site"),
    [("", "WAIC Directory — organizers", "/"), ("/zh-hans", "WAIC 名录 — 组织者", "/zh-hans/")],
)
def test_the_header_and_title_name_the_organizers_in_each_language(
    organizer_client, prefix, header, site
):
    tree = page(organizer_client, f"{prefix}/admin/")

    assert texts(tree, "//div[@id='site-name']") == [header]
    assert tree.findtext(".//title").endswith(f"| {header}")
    assert tree.xpath("//div[@id='user-tools']//a[1]/@href") == [site]


@pytest.mark.parametrize(
    ("prefix", "groups"),
    [
        (
            "",
            [
                ("Exhibition", ["Exhibitors", "Products", "Halls", "Booths", "Categories"]),
                ("Programme", ["Speakers", "Sessions"]),
                ("Tracks and venues", ["Tracks", "Venues"]),
            ],
        ),
        (
            "/zh-hans",
            [
                ("展览", ["展商", "展品", "展馆", "展位", "类别"]),
                ("议程", ["演讲嘉宾", "活动"]),
                ("专题与会场", ["专题", "会场"]),
            ],
        ),
    ],
)
def test_the_index_lists_the_models_in_the_order_organizers_work(organizer_client, prefix, groups):
    tree = page(organizer_client, f"{prefix}/admin/")

    modules = tree.xpath("//div[@id='content-main']//div[contains(@class, 'app-')]")
    assert [
        (texts(module, ".//caption")[0], texts(module, ".//th[@scope='row']")) for module in modules
    ] == groups


def test_an_administrator_sees_users_and_groups_after_the_directory(admin_client):
    tree = page(admin_client, "/admin/")

    assert texts(tree, "//div[@id='content-main']//caption") == [
        "Exhibition",
        "Programme",
        "Tracks and venues",
        "Authentication and Authorization",
        "Axes",
    ]


def test_an_app_page_shows_that_apps_groups(organizer_client):
    tree = page(organizer_client, reverse("admin:app_list", args=["speakers"]))

    assert texts(tree, "//div[@id='content-main']//caption") == ["Programme", "Tracks and venues"]


@pytest.mark.parametrize(
    ("prefix", "links"),
    [
        (
            "",
            [
                ("Home", "/"),
                ("Exhibitors", "/exhibitors/"),
                ("Speakers", "/speakers/"),
                ("Agenda", "/sessions/"),
                ("Now & next", "/now/"),
            ],
        ),
        (
            "/zh-hans",
            [
                ("首页", "/zh-hans/"),
                ("展商", "/zh-hans/exhibitors/"),
                ("演讲嘉宾", "/zh-hans/speakers/"),
                ("议程", "/zh-hans/sessions/"),
                ("现在与稍后", "/zh-hans/now/"),
            ],
        ),
    ],
)
def test_the_index_links_to_the_public_site_in_its_language(organizer_client, prefix, links):
    tree = page(organizer_client, f"{prefix}/admin/")

    anchors = tree.xpath("//div[contains(@class, 'public-site')]//a")
    assert [(a.text_content(), a.get("href")) for a in anchors] == links


def filter_choices(tree, title):
    details = tree.xpath(f"//details[@data-filter-title='{title}']")[0]
    return details.get("open") is not None, texts(details, ".//li")


def test_the_country_filter_lists_only_the_countries_exhibitors_have(organizer_client):
    make_exhibitor(country="CN")
    make_exhibitor(country="DE")
    make_exhibitor(country="CN")
    make_exhibitor(country="")

    tree = page(organizer_client, reverse("admin:exhibitors_exhibitor_changelist"))

    assert filter_choices(tree, "country") == (True, ["All", "China", "Germany"])


def test_the_speakers_country_filter_lists_only_their_countries(organizer_client):
    make_speaker(country="FR")

    tree = page(organizer_client, reverse("admin:speakers_speaker_changelist"))

    assert filter_choices(tree, "country") == (True, ["All", "France"])


def test_a_long_filter_folds_unless_it_is_in_use(organizer_client):
    venues = [make_venue(name=f"Forum {letter}") for letter in "ABCDEFGHIJ"]
    url = reverse("admin:speakers_session_changelist")

    filtered = f"{url}?venue__id__exact={venues[3].pk}"

    folded, choices = filter_choices(page(organizer_client, url), "venue")
    in_use, _choices = filter_choices(page(organizer_client, filtered), "venue")
    short, _choices = filter_choices(page(organizer_client, url), "published")

    assert (folded, len(choices), in_use, short) == (False, 12, True, True)  # All, 10, none


def test_the_session_changelist_shows_each_sessions_day_and_times_in_one_column(organizer_client):
    make_session(title="Opening", starts_at=shanghai(26, 9), ends_at=shanghai(26, 10, 15))

    tree = page(organizer_client, reverse("admin:speakers_session_changelist"))

    assert texts(tree, "//table[@id='result_list']//td[contains(@class, 'field-when')]") == [
        "Sat 26 July, 09:00–10:15"
    ]


def autocomplete(client, term, model, field, prefix=""):
    app_label, model_name = model.split(".")
    response = client.get(
        f"{prefix}{reverse('admin:autocomplete')}",
        {"term": term, "app_label": app_label, "model_name": model_name, "field_name": field},
    )
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


def test_the_venue_autocomplete_offers_the_exact_name_first(organizer_client):
    make_venue(name="Main Hall", building="World Expo Center", order=1)
    make_venue(name="Hall D Annex", order=2)
    make_venue(name="Hall D", order=3)

    assert autocomplete(organizer_client, "Hall D", "speakers.session", "venue") == [
        "Hall D",
        "Hall D Annex",
        "Main Hall",
    ]


def test_the_autocomplete_ranks_chinese_names_in_the_chinese_admin(organizer_client):
    make_venue(name_en="Main Hall", name_zh_hans="主会场 D 馆", order=1)
    make_venue(name_en="Hall D", name_zh_hans="D 馆", order=2)

    results = autocomplete(organizer_client, "D 馆", "speakers.session", "venue", "/zh-hans")

    assert results == ["D 馆", "主会场 D 馆"]


def test_the_speaker_and_exhibitor_autocompletes_rank_prefixes_first(organizer_client):
    make_speaker(name="Andrew Ng")
    make_speaker(name="Ng Wei")
    make_exhibitor(name="Big Robot Co")
    make_exhibitor(name="Robot Era")

    speakers = autocomplete(organizer_client, "ng", "speakers.sessionspeaker", "speaker")
    exhibitors = autocomplete(organizer_client, "robot", "speakers.speaker", "exhibitor")

    assert (speakers, exhibitors) == (["Ng Wei", "Andrew Ng"], ["Robot Era", "Big Robot Co"])


def test_the_session_form_names_shanghai_time_beside_its_times(organizer_client):
    session = make_session(starts_at=shanghai(26, 9), ends_at=shanghai(26, 10, 15))

    content = organizer_client.get(
        reverse("admin:speakers_session_change", args=[session.pk])
    ).content.decode()

    inputs = re.findall(r'name="(starts_at_1|ends_at_1)" value="([^"]+)"', content)
    assert inputs == [("starts_at_1", "09:00:00"), ("ends_at_1", "10:15:00")]
    assert content.count("Shanghai time (GMT+8).") == 2
