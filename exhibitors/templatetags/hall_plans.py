"""{% hall_plan plan %}: a hall's map as inline SVG (exhibitors/plans.py makes `plan`).

{% load hall_plans %}
{% hall_plan plan small=True %}

The booths are written here in Python rather than by a template loop: a hall holds thousands of
them, and the template language takes about a quarter of a millisecond for each.
"""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()


@register.inclusion_tag("exhibitors/includes/hall_plan.html")
def hall_plan(plan, small=False, links=True, legend=True):
    return {"plan": plan, "small": small, "links": links, "show_legend": legend}


def booth_classes(booth):
    exhibitor = booth.exhibitor
    classes = ["plan-booth"]
    if exhibitor is None:
        classes.append("plan-free")
    else:
        if booth.colour is not None:
            classes.append(f"plan-c{booth.colour}")
        if booth.highlighted:
            classes.append("plan-here")
    return " ".join(classes)


@register.simple_tag
def plan_booths(plan, links=True):
    """Each booth's shape: a link to its published exhibitor, named after it, or a plain one."""
    parts = []
    for booth in plan.booths:
        exhibitor = booth.exhibitor
        code = escape(booth.code)
        rect = f'<rect x="{booth.x}" y="{booth.y}" width="{booth.width}" height="{booth.height}"/>'
        classes = booth_classes(booth)
        if exhibitor is not None and links:
            name = escape(exhibitor.name)
            parts.append(
                f'<a href="{escape(exhibitor.get_absolute_url())}" id="booth-{code}" '
                f'aria-label="{name}, {code}" class="{classes}">'
                f"<title>{name} · {code}</title>{rect}</a>"
            )
        else:
            title = f"{escape(exhibitor.name)} · {code}" if exhibitor is not None else code
            parts.append(f'<g class="{classes}"><title>{title}</title>{rect}</g>')
    return mark_safe("\n".join(parts))


@register.simple_tag
def plan_booth_codes(plan):
    """The booths' numbers, where a booth is wide enough to hold one."""
    # A free booth is drawn unfilled: its code is on the floor, and needs the text's colour.
    here, free = ' class="plan-here-code"', ' class="plan-free-code"'
    return mark_safe(
        "".join(
            f'<text x="{booth.x}" y="{booth.y}" dx="0.5" dy="1.6"'
            f"{here if booth.highlighted else free if booth.exhibitor is None else ''}>"
            f"{escape(booth.number)}</text>"
            for booth in plan.booths
            if booth.width >= 5
        )
    )


@register.simple_tag
def plan_booth_list(plan, highlighted_only=False):
    """The booths in order as list items: code, then the exhibitor's name as a link."""
    parts = []
    for booth in plan.highlighted_booths if highlighted_only else plan.booths:
        exhibitor = booth.exhibitor
        if exhibitor is not None:
            who = f'<a href="{escape(exhibitor.get_absolute_url())}">{escape(exhibitor.name)}</a>'
        else:
            who = f'<span class="hint">{escape(_("No exhibitor listed"))}</span>'
        parts.append(f'<li><span class="booth-code">{escape(booth.code)}</span> {who}</li>')
    return mark_safe("\n".join(parts))
