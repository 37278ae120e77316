"""A Chinese visitor in a real browser: exhibitors A–Z by pinyin, hall and booth as the signs
say them, the sort control and a filter keeping that order."""

import pytest

from .factories import make_category, make_exhibitor, make_hall

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def card_titles(page):
    return page.locator("#results .card-title").all_inner_texts()


@pytest.fixture
def exhibitors():
    """Made before the browser starts (see waic_site/tests/test_browser.py)."""
    robots = make_category(slug="robots", name_en="Robotics", name_zh_hans="机器人")
    hall = make_hall(code="H2", name_en="Smart Terminals", name_zh_hans="智能终端馆")
    for english, chinese, booth in [
        ("Unitree", "宇树科技", "H2-A01"),
        ("AgiBot", "智元机器人", "H2-A02"),
        ("AMD", None, "H2-B01"),
        ("Fourier", "傅利叶", "H2-B08"),
    ]:
        make_exhibitor(
            name_en=english, name_zh_hans=chinese, hall=hall, booth=booth, categories=[robots]
        )


def test_a_chinese_visitor_reads_exhibitors_a_to_z_by_pinyin(exhibitors, page, live_server):
    page.goto(f"{live_server.url}/zh-hans/exhibitors/")

    assert card_titles(page) == ["AMD", "傅利叶", "宇树科技", "智元机器人"]
    assert page.locator("#results .meta span").first.inner_text() == "H2 馆 · B01 展位"

    with page.expect_navigation():
        page.check("[name=category][value=robots]")
    assert card_titles(page) == ["AMD", "傅利叶", "宇树科技", "智元机器人"]
    page.goto(f"{live_server.url}/zh-hans/exhibitors/?sort=hall")
    assert card_titles(page) == ["宇树科技", "智元机器人", "AMD", "傅利叶"]
