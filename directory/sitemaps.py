"""The base of every sitemap: each page in both languages, with its alternates."""

from django.contrib.sitemaps import Sitemap


class DirectorySitemap(Sitemap):
    """Every page once per language (`settings.LANGUAGES`), each entry naming the page's other
    languages and the default one as `xhtml:link` alternates, as search engines ask of a
    bilingual site. Set `model` for a kind of record: its published ones are listed, each
    with its last change."""

    i18n = True
    alternates = True
    x_default = True
    model = None

    def items(self):
        return self.model.objects.published().only("slug", "updated_at")

    def lastmod(self, record):
        return record.updated_at
