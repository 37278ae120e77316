"""{% hall_plan plan %}: a hall's map as inline SVG (exhibitors/plans.py makes `plan`).

{% load hall_plans %}
{% hall_plan plan small=True %}
"""

from django import template

register = template.Library()


@register.inclusion_tag("exhibitors/includes/hall_plan.html")
def hall_plan(plan, small=False, links=True, legend=True):
    return {"plan": plan, "small": small, "links": links, "show_legend": legend}
