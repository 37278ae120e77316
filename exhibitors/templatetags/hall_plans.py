"""{% hall_plan plan %}: a hall's map as inline SVG (exhibitors/plans.py makes `plan`).

{% load hall_plans %}
{% hall_plan plan %}                          the hall page: every booth a link
{% hall_plan plan small=True legend=False %}  an exhibitor's page, My WAIC: the highlighted
                                              booths are links, the others only drawn
{% plan_booth_list plan %}                    the booths as list items

The booths are written here in Python rather than by a template loop, and as short as SVG
allows: a hall holds thousands of them. Colours are classes (`c0` …) set on the booth's link or
group, inherited by its shape.
"""

from html import escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()

EVERY = "every"  # links: every booth with a published exhibitor
HIGHLIGHTED = "highlighted"  # links: the highlighted booths only


@register.inclusion_tag("exhibitors/includes/hall_plan.html")
def hall_plan(plan, small=False, links=None, legend=True):
    """`links`: EVERY (the default), HIGHLIGHTED (the default of a small map) or False."""
    if links is None:
        links = HIGHLIGHTED if small else EVERY
    return {"plan": plan, "small": small, "links": links, "show_legend": legend}


def shape(booth):
    if booth.points:
        return f'<polygon points="{escape(booth.points)}"/>'
    return f'<rect x="{booth.x}" y="{booth.y}" width="{booth.width}" height="{booth.height}"/>'


def classes(booth):
    exhibitor = booth.exhibitor
    if exhibitor is None:
        return "free"
    colour = "" if exhibitor.colour is None else f"c{exhibitor.colour}"
    return f"{colour} here".strip() if booth.highlighted else colour


def class_attribute(booth):
    names = classes(booth)
    return f' class="{names}"' if names else ""


@register.simple_tag
def plan_booths(plan, links=EVERY):
    """Each booth's shape: a link to its published exhibitor named after it, or only drawn.
    A map that links the highlighted booths only draws the others as one path, hidden from
    screen readers, and the highlighted ones after it, on top."""
    linked, drawn = [], []
    for booth in plan.booths:
        exhibitor = booth.exhibitor
        if exhibitor is not None and (links == EVERY or (links and booth.highlighted)):
            code = escape(booth.code)
            linked.append(
                f'<a href="{exhibitor.href}" id="booth-{code}" '
                f'aria-label="{exhibitor.label}, {code}"{class_attribute(booth)}>'
                f"{shape(booth)}</a>"
            )
        elif links == HIGHLIGHTED:
            drawn.append(outline(booth))
        else:
            title = f"{exhibitor.label} · " if exhibitor else ""
            drawn.append(
                f"<g{class_attribute(booth)}><title>{title}{escape(booth.code)}</title>"
                f"{shape(booth)}</g>"
            )
    if links == HIGHLIGHTED:
        others = f'<path d="{"".join(drawn)}" aria-hidden="true"/>' if drawn else ""
        return mark_safe(f'<g class="plan-booths">{others}{"".join(linked)}</g>')
    return mark_safe(f'<g class="plan-booths">{"".join(drawn)}{"".join(linked)}</g>')


def outline(booth):
    """The booth as a piece of a path's `d`."""
    if booth.points:
        return f"M{escape(booth.points).replace(' ', 'L')}z"
    return f"M{booth.x} {booth.y}h{booth.width}v{booth.height}h-{booth.width}z"


@register.simple_tag
def plan_booth_codes(plan):
    """The booths' numbers, where a booth is wide enough to hold one."""
    # A free booth is drawn unfilled: its code is on the floor, and needs the text's colour.
    # (A small map draws every booth but the highlighted ones filled alike, free or not.)
    here, free = ' class="plan-here-code"', ' class="plan-free-code"'
    if not plan.names_every_booth:
        free = ""
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
    free = f'<span class="hint">{escape(_("No exhibitor listed"))}</span>'
    parts = []
    for booth in plan.highlighted_booths if highlighted_only else plan.booths:
        exhibitor = booth.exhibitor
        if exhibitor is not None:
            who = f'<a href="{exhibitor.href}">{exhibitor.label}</a>'
        else:
            who = free
        parts.append(f"<li><span>{escape(booth.code)}</span> {who}</li>")
    return mark_safe("".join(parts))
