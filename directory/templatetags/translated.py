"""`fallback_lang`: which language a translated value is shown in, when it is not the page's.

    {% load translated %}
    {% with lang=speaker|fallback_lang:"bio" %}
      <div{% if lang %} lang="{{ lang }}"{% endif %}>{{ speaker.bio|linebreaks }}</div>
      {% if lang %}<small class="untranslated">{% translate "Not translated" %}</small>{% endif %}
    {% endwith %}

gives "en" on a Chinese page whose speaker has no Chinese biography, and "" when the value is in
the page's language (or missing in both), so screen readers and fonts get the right language.
"""

from django import template

from directory.bilingual import fallback_language

register = template.Library()


@register.filter
def fallback_lang(obj, field):
    return fallback_language(obj, field)
