"""The organizers' login refuses what no account can be, with a form error, on every database."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.test import RequestFactory

pytestmark = pytest.mark.django_db


def log_in(client, username, password="guess", url="/admin/login/"):
    return client.post(
        f"{url}?next=/admin/", {"username": username, "password": password, "next": "/admin/"}
    )


@pytest.mark.parametrize("length", [151, 256, 5000])
def test_a_username_longer_than_any_account_is_a_form_error(client, length):
    response = log_in(client, "x" * length)

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "username": [f"Ensure this value has at most 150 characters (it has {length})."]
    }
    assert AccessAttempt.objects.count() == 0


def test_the_chinese_login_says_it_in_chinese(client):
    response = log_in(client, "x" * 300, url="/zh-hans/admin/login/")

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "username": ["确保该变量包含不超过 150 字符 (目前字符数 300)。"]
    }


def test_a_username_of_the_longest_length_still_logs_in(client):
    User.objects.create_superuser("m" * 150, "mei@example.org", "correct horse battery")

    response = log_in(client, "m" * 150, "correct horse battery")

    assert response.status_code == 302


def test_a_wrong_password_for_a_long_name_is_still_counted(client):
    log_in(client, "m" * 150)

    assert list(AccessAttempt.objects.values_list("username", "failures_since_start")) == [
        ("m" * 150, 1)
    ]


def test_any_other_caller_of_authenticate_records_only_what_axes_columns_hold():
    request = RequestFactory().post("/elsewhere/login/")

    user = authenticate(request, username="y" * 300, password="guess")

    assert user is None
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["y" * 255]
