"""Session pages carry the QR code of their own address, in the page's language."""

import pytest

from directory.testing import qr_codes_in

from .factories import make_session

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("prefix", ["", "/zh-hans"], ids=["en", "zh-hans"])
def test_session_page_has_the_qr_code_of_its_own_address_in_its_language(client, prefix):
    make_session(title="Opening", slug="opening")

    response = client.get(f"{prefix}/sessions/opening/")

    address = f"http://testserver{prefix}/sessions/opening/"
    assert qr_codes_in(response.text) == [address]
    assert f"<figcaption>{address}</figcaption>" in response.text


def test_a_cancelled_session_keeps_its_code(client):
    make_session(slug="moved", status="cancelled")

    assert qr_codes_in(client.get("/sessions/moved/").text) == ["http://testserver/sessions/moved/"]
