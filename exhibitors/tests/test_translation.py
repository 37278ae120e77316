"""Exhibitor content in English and Chinese: fallback, pinyin order and slugs, search, admin."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from directory.bilingual import fallback_language, slugify_name, sort_key
from exhibitors.models import Exhibitor, Product

from .factories import exhibitor_form, make_category, make_exhibitor, make_hall, make_product

pytestmark = pytest.mark.django_db


def test_a_translated_field_reads_the_active_language():
    huawei = make_exhibitor(name_en="Huawei", name_zh_hans="华为")

    with translation.override("zh-hans"):
        chinese = huawei.name
    with translation.override("en"):
        english = huawei.name

    assert (english, chinese) == ("Huawei", "华为")


def test_a_missing_chinese_text_falls_back_to_english():
    unitree = make_exhibitor(name_en="Unitree", tagline_en="Robots that walk")

    with translation.override("zh-hans"):
        shown = (unitree.name, unitree.tagline)

    assert shown == ("Unitree", "Robots that walk")


def test_a_missing_english_text_falls_back_to_chinese():
    hall = make_hall(name_en="Core Technologies", description_zh_hans="芯片、算力与大模型")

    with translation.override("en"):
        shown = hall.description

    assert shown == "芯片、算力与大模型"


def fallback_language_in(obj, field, language):
    with translation.override(language):
        return fallback_language(obj, field)


def test_fallback_language_names_the_language_shown_only_when_it_is_not_the_pages():
    exhibitor = make_exhibitor(
        name_en="Huawei",
        name_zh_hans="华为",
        tagline_en="Ascend computing",
        description_zh_hans="昇腾算力",
    )

    assert fallback_language_in(exhibitor, "name", "zh-hans") == ""
    assert fallback_language_in(exhibitor, "tagline", "en") == ""
    assert fallback_language_in(exhibitor, "tagline", "zh-hans") == "en"
    assert fallback_language_in(exhibitor, "description", "en") == "zh-Hans"
    assert fallback_language_in(exhibitor, "website", "en") == ""


def test_fallback_language_is_empty_when_neither_language_has_a_value():
    exhibitor = make_exhibitor(name_en="Unitree")

    assert fallback_language_in(exhibitor, "description", "zh-hans") == ""


def test_sort_key_reads_chinese_as_pinyin_and_ignores_case_and_accents():
    assert [sort_key(name) for name in ["华为", "Zhipu AI", "Énergie", "智谱 AI"]] == [
        "hua wei",
        "zhipu ai",
        "energie",
        "zhi pu ai",
    ]


def test_exhibitors_sort_a_to_z_by_the_pages_language_with_chinese_as_pinyin():
    for name in ["Zhipu AI", "alibaba"]:
        make_exhibitor(name_en=name)
    make_exhibitor(name_zh_hans="华为")
    make_exhibitor(name_zh_hans="百度")
    make_exhibitor(name_en="SenseTime", name_zh_hans="商汤科技")

    orders = {}
    for language in ["en", "zh-hans"]:
        with translation.override(language):
            orders[language] = [exhibitor.name for exhibitor in Exhibitor.objects.all()]

    assert orders == {
        "en": ["alibaba", "百度", "华为", "SenseTime", "Zhipu AI"],
        "zh-hans": ["alibaba", "百度", "华为", "商汤科技", "Zhipu AI"],
    }


def test_slugify_name_makes_readable_pinyin_slugs():
    assert [slugify_name(name) for name in ["华为", "CloudMatrix 384 超节点", "Zhipu AI"]] == [
        "hua-wei",
        "cloudmatrix-384-chao-jie-dian",
        "zhipu-ai",
    ]


def test_surname_readings_apply_to_people_only():
    assert [slugify_name("曾毅"), slugify_name("曾毅", person=True)] == ["ceng-yi", "zeng-yi"]


def test_a_blank_slug_is_made_from_the_name_and_numbered_when_taken():
    first = make_exhibitor(name_zh_hans="华为", slug="")
    second = make_exhibitor(name_zh_hans="华为", slug="")
    product = make_product(name_en="G1 Humanoid", slug="")

    assert (first.slug, second.slug, product.slug) == ("hua-wei", "hua-wei-2", "g1-humanoid")


def test_a_name_in_either_language_is_enough_but_one_is_required():
    chinese_only = Exhibitor(name_zh_hans="华为", slug="huawei")
    nameless = Exhibitor(slug="nameless")

    chinese_only.full_clean()
    with pytest.raises(ValidationError) as error:
        nameless.full_clean()

    assert error.value.message_dict["name_en"] == ["Enter this in English or in Chinese (or both)."]


def test_search_finds_huawei_by_its_chinese_name_on_an_english_page():
    huawei = make_exhibitor(name_en="Huawei", name_zh_hans="华为")
    make_exhibitor(name_en="Tencent", name_zh_hans="腾讯")

    with translation.override("en"):
        found = list(Exhibitor.objects.search("华为"))

    assert found == [huawei]


def test_search_finds_a_chinese_description_by_its_english_words_and_the_reverse():
    unitree = make_exhibitor(name_en="Unitree", name_zh_hans="宇树科技")
    g1 = make_product(
        exhibitor=unitree,
        name_en="G1",
        description_en="A humanoid robot 1.3 m tall.",
        description_zh_hans="身高1.3米的人形机器人。",
    )
    make_product(description_en="A robot dog.", description_zh_hans="四足机器狗。")

    with translation.override("zh-hans"):
        by_english = (
            list(Exhibitor.objects.search("humanoid")),
            list(Product.objects.search("Humanoid")),
        )
    with translation.override("en"):
        by_chinese = (
            list(Exhibitor.objects.search("人形机器人")),
            list(Product.objects.search("人形机器人")),
        )

    assert by_english == by_chinese == ([unitree], [g1])


def test_search_lists_an_exhibitor_once_and_ignores_draft_products(django_assert_num_queries):
    unitree = make_exhibitor(name_en="Unitree")
    make_product(exhibitor=unitree, name_en="G1 humanoid")
    make_product(exhibitor=unitree, name_en="H1 humanoid")
    make_product(name_en="Secret humanoid", is_published=False)

    with django_assert_num_queries(1):
        found = list(Exhibitor.objects.published().search("HUMANOID"))

    assert found == [unitree]


def test_admin_change_form_shows_each_language_side_by_side(admin_client):
    exhibitor = make_exhibitor(name_en="Huawei", name_zh_hans="华为")

    response = admin_client.get(reverse("admin:exhibitors_exhibitor_change", args=[exhibitor.pk]))

    first_fieldset = response.context["adminform"].fieldsets[0][1]["fields"]
    assert first_fieldset[:3] == [
        ("name_en", "name_zh_hans"),
        "slug",
        ("tagline_en", "tagline_zh_hans"),
    ]
    html = response.content.decode()
    assert 'value="华为"' in html
    assert re.findall(r'<label[^>]*for="id_name_[^>]*>([^<]*)</label>', html) == [
        "Name · English:",
        "Name · 简体中文:",
    ]
    assets = re.findall(r'<(?:script|link)[^>]* (?:src|href)="([^"]*)"', html)
    assert "/static/admin/js/jquery.init.js" in assets
    assert [url for url in assets if not re.match(r"/[^/]", url)] == []


def test_admin_puts_languages_side_by_side_without_declared_fieldsets_too(admin_client):
    hall = make_hall()

    response = admin_client.get(reverse("admin:exhibitors_hall_change", args=[hall.pk]))

    assert response.context["adminform"].fieldsets == [
        (
            None,
            {
                "fields": [
                    "code",
                    ("name_en", "name_zh_hans"),
                    ("building_en", "building_zh_hans"),
                    ("description_en", "description_zh_hans"),
                    "floor_plan",
                    "plan_width",
                    "plan_height",
                    "plan_areas",
                    "order",
                    "plan_preview",
                ]
            },
        )
    ]


def test_admin_saves_both_languages_and_makes_a_pinyin_slug(admin_client):
    data = exhibitor_form(
        name_en="",
        name_zh_hans="宇树科技",
        slug="",
        tagline_en="Robots that walk",
        tagline_zh_hans="会走路的机器人",
        **{
            "products-TOTAL_FORMS": "1",
            "products-0-name_zh_hans": "人形机器人",
            "products-0-description_en": "A humanoid.",
            "products-0-order": "0",
            "products-0-premiere": "",
        },
    )

    response = admin_client.post(reverse("admin:exhibitors_exhibitor_add"), data)

    assert response.status_code == 302
    exhibitor = Exhibitor.objects.get()
    assert (exhibitor.name_en, exhibitor.name_zh_hans, exhibitor.slug) == (
        None,
        "宇树科技",
        "yu-shu-ke-ji",
    )
    assert (exhibitor.tagline_en, exhibitor.tagline_zh_hans) == (
        "Robots that walk",
        "会走路的机器人",
    )
    assert list(exhibitor.products.values_list("name_zh_hans", "description_en", "slug")) == [
        ("人形机器人", "A humanoid.", "ren-xing-ji-qi-ren")
    ]


def test_admin_refuses_an_exhibitor_without_a_name_in_either_language(admin_client):
    response = admin_client.post(
        reverse("admin:exhibitors_exhibitor_add"), exhibitor_form(name_en="", slug="")
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "name_en": ["Enter this in English or in Chinese (or both)."]
    }
    assert Exhibitor.objects.count() == 0


def test_admin_search_finds_chinese_names_from_the_english_admin(admin_client):
    make_exhibitor(name_en="Huawei", name_zh_hans="华为")
    make_exhibitor(name_en="Tencent", name_zh_hans="腾讯")
    make_category(name_en="Large Models", name_zh_hans="大模型")

    exhibitors = admin_client.get(reverse("admin:exhibitors_exhibitor_changelist"), {"q": "华为"})
    categories = admin_client.get(reverse("admin:exhibitors_category_changelist"), {"q": "大模型"})

    assert [e.name for e in exhibitors.context["cl"].result_list] == ["Huawei"]
    assert [c.name for c in categories.context["cl"].result_list] == ["Large Models"]
