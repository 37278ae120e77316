"""The booth signs page (admin, printed by organizers) passes the Nu HTML checker too."""

import json
import subprocess

import pytest
from django.urls import reverse

from exhibitors.tests.factories import make_exhibitor, make_hall

from .test_html_validity import checker

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def test_booth_signs_pass_the_nu_html_checker_in_both_languages(organizer_client, tmp_path):
    command = checker()
    hall = make_hall(code="H2", name_en="Smart Terminals", name_zh_hans="智能终端")
    make_exhibitor(name_en="Unitree", name_zh_hans="宇树科技", hall=hall, booth="H2-A04")
    make_exhibitor(name_en="AgiBot", hall=hall, booth="H2-A01")
    files = []
    for prefix in ("", "/zh-hans"):
        response = organizer_client.get(
            prefix + reverse("admin:exhibitors_hall_signs", args=[hall.pk])
        )
        assert response.status_code == 200
        files.append(tmp_path / f"signs{len(files)}.html")
        files[-1].write_bytes(response.content)

    result = subprocess.run(
        [*command, *map(str, files)], capture_output=True, text=True, check=False
    )

    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    assert [m["message"] for m in messages] == []
