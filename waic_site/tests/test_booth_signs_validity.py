"""The booth signs page (admin, printed by organizers) passes the Nu HTML checker too."""

import json
import subprocess

import pytest
from django.urls import reverse

from directory.testing import nu_checker
from exhibitors.tests.factories import make_booth, make_exhibitor, make_hall

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def test_booth_signs_pass_the_nu_html_checker_in_both_languages(organizer_client, tmp_path):
    command = nu_checker()
    hall = make_hall(code="H2", name_en="Smart Terminals", name_zh_hans="智能终端")
    unitree = make_exhibitor(name_en="Unitree", name_zh_hans="宇树科技", hall=hall)
    make_booth(hall, code="H2-A04", exhibitor=unitree)
    make_booth(hall, code="H2-B07", exhibitor=unitree)
    make_booth(hall, code="H2-A01", exhibitor=make_exhibitor(name_en="AgiBot", hall=hall))
    make_booth(hall, code="H2-A02")  # free: the page says so
    make_booth(hall, code="H2-A03", exhibitor=make_exhibitor(hall=hall, is_published=False))
    files = []
    for prefix in ("", "/zh-hans"):
        response = organizer_client.get(
            prefix + reverse("admin:exhibitors_hall_signs", args=[hall.pk])
        )
        assert response.status_code == 200
        assert response.text.count('<article class="booth-sign">') == 3
        files.append(tmp_path / f"signs{len(files)}.html")
        files[-1].write_bytes(response.content)

    # The signs of exhibitors chosen in their changelist, and the answer to a bad choice.
    for address, status in [(f"?id__in={unitree.pk}", 200), ("?id__in=one", 400)]:
        response = organizer_client.get(reverse("admin:exhibitors_exhibitor_signs") + address)
        assert response.status_code == status
        files.append(tmp_path / f"signs{len(files)}.html")
        files[-1].write_bytes(response.content)

    result = subprocess.run(
        [*command, *map(str, files)], capture_output=True, text=True, check=False
    )

    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    assert [m["message"] for m in messages] == []
