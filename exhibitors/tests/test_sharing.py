"""Exhibitor pages tell link previews and search engines who exhibits, and where."""

import json

import pytest
from lxml import html

from directory.testing import upload
from exhibitors.tests.factories import make_exhibitor, make_hall

pytestmark = pytest.mark.django_db


def test_exhibitor_page_describes_an_organization_at_its_booth(client):
    hall = make_hall(code="H1")
    exhibitor = make_exhibitor(
        slug="acme",
        name="Acme Robotics",
        tagline="Robots & more",
        website="https://acme.example.com/",
        logo=upload(),
        hall=hall,
        booth="H1-A01",
    )
    logo = f"http://testserver{exhibitor.logo.renditions('logo-detail')[-1].url}"

    tree = html.fromstring(client.get("/exhibitors/acme/").content)
    meta = {
        element.get("property") or element.get("name"): element.get("content")
        for element in tree.xpath("//head/meta[@property or @name]")
    }
    (script,) = tree.xpath('//head/script[@type="application/ld+json"]')

    assert (meta["og:title"], meta["og:description"], meta["og:image"]) == (
        "Acme Robotics",
        "Robots & more",
        logo,
    )
    assert meta["og:url"] == "http://testserver/exhibitors/acme/"
    assert json.loads(script.text) == {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": "Acme Robotics",
        "description": "Robots & more",
        "url": "http://testserver/exhibitors/acme/",
        "logo": logo,
        "sameAs": ["https://acme.example.com/"],
        "location": {
            "@type": "Place",
            "name": "WAIC, Hall H1 · Booth A01",
            "address": {
                "@type": "PostalAddress",
                "streetAddress": "1099 Guozhan Road, Pudong New Area",
                "addressLocality": "Shanghai",
                "addressCountry": "CN",
            },
            "url": "http://testserver/exhibitors/?hall=H1",
        },
    }
    assert "\\u0026" in script.text  # escaped like json_script
