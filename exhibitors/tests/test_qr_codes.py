"""QR codes of exhibitor pages (the booth signs that carry them: test_booth_signs.py)."""

import pytest

from directory.testing import qr_codes_in

from .factories import make_exhibitor

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
