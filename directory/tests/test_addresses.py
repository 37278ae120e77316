"""`slug_address()`: what reverse() gives, in each language, without a reverse() each."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils import translation

from directory.addresses import slug_address, view_address


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize(
    "view_name",
    ["speakers:session_detail", "speakers:speaker_detail", "exhibitors:exhibitor_detail"],
)
def test_a_record_s_address_is_reverse_s_in_each_language(view_name, language):
    with translation.override(language):
        for slug in ["opening", "li-qiang-2", "a_b"]:
            assert slug_address(view_name, slug) == reverse(view_name, kwargs={"slug": slug})


def test_an_address_follows_the_script_prefix_it_is_served_under():
    assert slug_address("speakers:session_detail", "opening") == "/sessions/opening/"
    set_script_prefix("/waic/")  # as a WSGI server's SCRIPT_NAME sets it
    try:
        assert slug_address("speakers:session_detail", "opening") == "/waic/sessions/opening/"
    finally:
        set_script_prefix("/")


def test_what_is_not_a_slug_gets_reverse_s_answer():
    with pytest.raises(NoReverseMatch):
        slug_address("speakers:session_detail", "")
    with pytest.raises(NoReverseMatch):
        slug_address("speakers:session_detail", "a/b")


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_listing_s_address_is_reverse_s_in_each_language(language):
    with translation.override(language):
        for view_name in ["speakers:session_list", "exhibitors:exhibitor_list", "search"]:
            assert view_address(view_name) == reverse(view_name)
