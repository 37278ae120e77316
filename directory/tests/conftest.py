"""The small directory the search tests look in: published records, and drafts beside them."""

import pytest

from exhibitors.tests.factories import make_exhibitor, make_product
from speakers.tests.factories import make_session, make_speaker


@pytest.fixture
def directory():
    huawei = make_exhibitor(
        slug="huawei", name_en="Huawei", name_zh_hans="华为", tagline_en="Ascend AI 芯片组"
    )
    make_product(
        exhibitor=huawei,
        slug="atlas-900",
        name_en="Atlas 900",
        description_en='The "SuperPoD" cluster',
    )
    unitree = make_exhibitor(
        slug="unitree", name_en="Unitree Robotics", description_zh_hans="四足机器人与人形机器人"
    )
    make_product(exhibitor=unitree, slug="h2", name_en="H2 Humanoid", is_published=False)
    make_exhibitor(slug="fifty", name_en="50% Faster Labs", tagline_en="snake_case tools")
    draft = make_exhibitor(slug="draft", name_en="Huawei Cloud", is_published=False)
    make_product(exhibitor=draft, slug="pangu", name_en="Pangu Models")
    hinton = make_speaker(slug="hinton", name_en="Geoffrey Hinton", bio_en="Deep learning")
    lecun = make_speaker(slug="lecun", name_en="Yann LeCun", is_published=False)
    make_session(
        slug="opening",
        title_en="Opening",
        abstract_zh_hans="人工智能的未来",
        speakers=[hinton, lecun],
    )
