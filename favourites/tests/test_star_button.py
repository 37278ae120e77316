"""The `{% star_button %}` tag every card uses: one form, the same for every visitor."""

from django.utils import translation

from favourites.templatetags.star_button import star_button


def test_a_save_button_is_a_form_that_works_without_javascript():
    assert star_button("session", "opening", "/sessions/?day=2025-07-26") == (
        '<form class="star" method="post" action="/my/star/" id="star-session-opening"'
        ' data-star="session:opening" data-starred-url="/my/starred.json"'
        ' data-saved-message="Saved to My WAIC" data-removed-message="Removed from My WAIC"'
        ' data-offline-message="Not saved: saving needs a connection">\n'
        '  <input type="hidden" name="kind" value="session">\n'
        '  <input type="hidden" name="slug" value="opening">\n'
        '  <input type="hidden" name="next" value="/sessions/?day=2025-07-26">\n'
        '  <button type="submit" name="star" class="star-button" value="add"'
        ' aria-pressed="false" data-save-label="☆ Save" data-saved-label="★ Saved">'
        "☆ Save</button>\n"
        "</form>"
    )


def test_a_remove_button_on_my_waic_starts_pressed_in_the_pages_language():
    with translation.override("zh-hans"):
        html = star_button("exhibitor", "unitree", "/zh-hans/my/", starred=True)

    assert 'action="/zh-hans/my/star/"' in html
    assert 'data-saved-message="已收藏到我的 WAIC"' in html
    assert 'value="remove" aria-pressed="true"' in html
    assert html.endswith(">★ 已收藏</button>\n</form>")


def test_the_address_to_come_back_to_is_escaped():
    html = star_button("session", "opening", '/search/?q="><script>{label}')

    assert (
        '<input type="hidden" name="next" value="/search/?q=&quot;&gt;&lt;script&gt;{label}">'
        in html
    )
