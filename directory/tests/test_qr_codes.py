"""{% qr_code %}: a QR code of an absolute address, as inline SVG the CSP allows."""

import re

from django.template import Context, Template
from django.test import RequestFactory

from directory.templatetags.qr_codes import ERROR_CORRECTION
from directory.testing import encoded_modules, qr_codes_in, qr_modules


def render(url, **context):
    template = Template("{% load qr_codes %}{% qr_code url caption=caption %}")
    return template.render(Context({"url": url, "caption": "", **context}))


def test_a_relative_address_is_encoded_absolute_with_the_requests_host():
    request = RequestFactory().get("/", SERVER_NAME="testserver")

    html = render("/zh-hans/exhibitors/unitree/", request=request)

    assert qr_codes_in(html) == ["http://testserver/zh-hans/exhibitors/unitree/"]
    assert "<figcaption>http://testserver/zh-hans/exhibitors/unitree/</figcaption>" in html


def test_the_drawing_is_segnos_code_of_the_address_and_no_other():
    html = render("https://waic.example/exhibitors/unitree/")
    svg = re.search(r"<svg .*</svg>", html)[0]

    address = "https://waic.example/exhibitors/unitree/"
    assert qr_modules(svg) == encoded_modules(address, ERROR_CORRECTION)
    assert qr_modules(svg) != encoded_modules(address.replace("unitree", "unitre"), "m")
    assert qr_modules(svg) != encoded_modules(address, "q")


def test_the_svg_has_no_style_no_script_and_no_fixed_size():
    html = render("https://waic.example/sessions/opening/", caption="English")

    assert html.startswith('<figure class="qr"><svg viewBox="0 0 37 37" class="qr-code">')
    assert "<title>QR code of https://waic.example/sessions/opening/</title>" in html
    assert "<figcaption>English</figcaption></figure>" in html
    assert "style" not in html and "script" not in html and "width" not in html


def test_an_address_is_escaped_in_the_title_and_caption():
    html = render('https://waic.example/?q=<b>"')

    assert "<b>" not in html
    assert "&lt;b&gt;" in html
