"""Two organizers editing one record: the second save never undoes the first one's change. It
is refused with a message naming what changed, and the form shows the stored values."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from directory.testing import form_data
from exhibitors.models import Exhibitor
from exhibitors.tests.factories import make_category, make_exhibitor, make_hall, make_product
from speakers.models import Session
from speakers.tests.factories import make_session, make_speaker, make_track, make_venue

pytestmark = pytest.mark.django_db


@pytest.fixture
def mei(organizer_client):
    return organizer_client


@pytest.fixture
def li(django_user_model):
    client = Client()
    client.force_login(django_user_model.objects.create_superuser("li", "li@example.org", "x"))
    return client


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def errors(response):
    return list(response.context["adminform"].form.non_field_errors())


@pytest.fixture
def unitree():
    return make_exhibitor(name="Unitree", tagline="Robots", website="https://unitree.com")


def test_the_second_save_is_refused_and_shows_the_first_change(mei, li, unitree):
    url = change_url(unitree)
    mei_page, li_page = mei.get(url), li.get(url)
    mei.post(url, form_data(mei_page, tagline_en="Humanoid robots"))

    response = li.post(url, form_data(li_page, website="https://www.unitree.com"))

    assert response.status_code == 200
    message, *fields = errors(response)
    assert message.startswith("mei saved this exhibitor at ")
    assert message.endswith(
        ", after you opened it. Nothing was saved, so as not to undo their change: the form "
        "now shows what they saved in the fields below; check them, re-apply your change "
        "where it still applies, and save again."
    )
    assert fields == ["Tagline · English is now “Humanoid robots”."]
    stored = Exhibitor.objects.get(pk=unitree.pk)
    assert (stored.tagline, stored.website) == ("Humanoid robots", "https://unitree.com")
    form = response.context["adminform"].form
    assert (form["tagline_en"].value(), form["website"].value()) == (
        "Humanoid robots",
        "https://www.unitree.com",
    )


def test_saving_the_refused_form_again_keeps_both_changes(mei, li, unitree):
    url = change_url(unitree)
    mei_page, li_page = mei.get(url), li.get(url)
    mei.post(url, form_data(mei_page, tagline_en="Humanoid robots"))
    refused = li.post(url, form_data(li_page, website="https://www.unitree.com"))

    response = li.post(url, form_data(refused))

    assert response.status_code == 302
    stored = Exhibitor.objects.get(pk=unitree.pk)
    assert (stored.tagline, stored.website) == ("Humanoid robots", "https://www.unitree.com")


def test_the_same_field_changed_by_both_keeps_the_first_and_quotes_the_second(mei, li, unitree):
    url = change_url(unitree)
    mei_page, li_page = mei.get(url), li.get(url)
    mei.post(url, form_data(mei_page, tagline_en="Humanoid robots"))

    response = li.post(url, form_data(li_page, tagline_en="Robot dogs"))

    assert errors(response)[1:] == [
        "Tagline · English is now “Humanoid robots”; you had typed “Robot dogs”, not saved."
    ]
    assert response.context["adminform"].form["tagline_en"].value() == "Humanoid robots"
    assert Exhibitor.objects.get(pk=unitree.pk).tagline == "Humanoid robots"


def test_a_change_of_a_related_field_names_the_new_record(mei, li, unitree):
    url = change_url(unitree)
    mei_page, li_page = mei.get(url), li.get(url)
    hall = make_hall(code="H1", name="Hall H1")
    mei.post(url, form_data(mei_page, hall=hall.pk, booth="H1-A01"))

    response = li.post(url, form_data(li_page, tagline_en="Robot dogs"))

    assert errors(response)[1:] == ["Hall is now “H1 · Hall H1”.", "Booth is now “H1-A01”."]
    assert Exhibitor.objects.get(pk=unitree.pk).tagline == "Robots"


def test_the_chinese_admin_says_it_in_chinese(mei, li, unitree):
    url = "/zh-hans" + change_url(unitree)
    mei_page, li_page = mei.get(url), li.get(url)
    mei.post(url, form_data(mei_page, tagline_en="Humanoid robots"))

    response = li.post(url, form_data(li_page, tagline_en="Robot dogs"))

    with translation.override("zh-hans"):
        message, field = errors(response)
    assert message.startswith("mei 在 ")
    assert message.endswith(
        "保存了这个展商，晚于您打开此页面。为免撤销其修改，未保存任何内容：下方字段现显示对方保存的值；"
        "请核对，如仍适用请重新填写您的修改，然后再次保存。"
    )
    assert field == "标语 · English 现为“Humanoid robots”；您填写的“Robot dogs”未保存。"


def test_a_save_without_a_change_since_is_saved(li, unitree):
    url = change_url(unitree)

    response = li.post(url, form_data(li.get(url), tagline_en="Robot dogs"))

    assert response.status_code == 302
    assert Exhibitor.objects.get(pk=unitree.pk).tagline == "Robot dogs"


def test_a_change_made_outside_the_admin_counts_too(li, unitree):
    url = change_url(unitree)
    li_page = li.get(url)
    Exhibitor.objects.filter(pk=unitree.pk).update(tagline_en="Changed by a script")

    response = li.post(url, form_data(li_page, website="https://www.unitree.com"))

    assert response.status_code == 200
    assert errors(response)[0].startswith("This exhibitor was saved by someone else after you")
    assert Exhibitor.objects.get(pk=unitree.pk).tagline == "Changed by a script"


def test_a_session_whose_speakers_changed_since_is_not_saved(mei, li):
    ada, alan = make_speaker(name="Ada"), make_speaker(name="Alan")
    session = make_session(title="Opening", speakers=[ada])
    url = change_url(session)
    mei_page, li_page = mei.get(url), li.get(url)
    mei.post(url, form_data(mei_page, **{"slots-0-role": "moderator"}))

    response = li.post(url, form_data(li_page, title_en="Opening keynote"))

    assert errors(response)[1:] == [
        "The session speakers were changed too: open this page again to see them as they are "
        "now before changing them."
    ]
    session = Session.objects.get(pk=session.pk)
    assert session.title == "Opening"
    assert list(session.slots.values_list("speaker__name", "role")) == [("Ada", "moderator")]
    assert alan.pk


RECORDS = {
    "hall": make_hall,
    "category": make_category,
    "exhibitor": make_exhibitor,
    "product": make_product,
    "track": make_track,
    "venue": make_venue,
    "speaker": make_speaker,
    "session": make_session,
}


@pytest.mark.parametrize("make", RECORDS.values(), ids=RECORDS)
def test_every_directory_model_refuses_to_undo_a_change(mei, li, make):
    record = make()
    text = "title" if isinstance(record, Session) else "name"
    url = change_url(record)
    mei_page, li_page = mei.get(url), li.get(url)
    assert mei.post(url, form_data(mei_page, **{f"{text}_en": "First"})).status_code == 302

    response = li.post(url, form_data(li_page, **{f"{text}_zh_hans": "第二"}))

    assert response.status_code == 200
    assert errors(response)[1:] == [f"{text.capitalize()} · English is now “First”."]
    record.refresh_from_db()
    stored = getattr(record, f"{text}_en"), getattr(record, f"{text}_zh_hans") or ""
    assert stored == ("First", "")


@pytest.mark.parametrize("make", RECORDS.values(), ids=RECORDS)
def test_the_change_form_carries_the_fingerprint_once_and_the_add_form_none_to_check(li, make):
    record = make()
    add_url = reverse(f"admin:{record._meta.app_label}_{record._meta.model_name}_add")

    change_page = li.get(change_url(record)).content.decode()
    add_page = li.get(add_url).content.decode()

    assert change_page.count('name="record_fingerprint"') == 1
    assert add_page.count('name="record_fingerprint"') == 1
    assert 'name="record_fingerprint" id="id_record_fingerprint">' in add_page  # no value


def test_a_tampered_fingerprint_is_ignored(li, unitree):
    url = change_url(unitree)

    response = li.post(url, form_data(li.get(url), tagline_en="AI", record_fingerprint="{oops"))

    assert response.status_code == 302
    assert Exhibitor.objects.get(pk=unitree.pk).tagline == "AI"
