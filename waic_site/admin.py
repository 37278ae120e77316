"""The organizers' admin site: Django's, saying who it is for, with the directory's models in the
order the team works through them, and autocompletes that offer what was typed first.

It is `admin.site` itself (`OrganizersAdminConfig.default_site`), so every app registers its
models with `@admin.register` as usual.
"""

from django.contrib import admin
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from directory.admin import RankedAutocompleteJsonView

from .login import LoginForm

# The index and the sidebar in the order of the work: who exhibits, what, and where; who speaks
# in which session; the tracks and venues the programme uses. (group name, app, models)
MODEL_GROUPS = [
    (_("Exhibition"), "exhibitors", ["exhibitor", "product", "hall", "booth", "category"]),
    (_("Programme"), "speakers", ["speaker", "session"]),
    (_("Tracks and venues"), "speakers", ["track", "venue"]),
]


def key(app, model):
    return (app["app_label"], model["object_name"].lower())


class OrganizersSite(admin.AdminSite):
    site_header = _("WAIC Directory — organizers")
    site_title = _("WAIC Directory — organizers")
    index_title = _("Keep the directory current")
    site_url = reverse_lazy("home")  # in the admin's language: /zh-hans/ from /zh-hans/admin/
    # Each page with the organizers' stylesheet (static/admin/waic.css).
    index_template = "admin/waic_site/index.html"
    app_index_template = "admin/waic_site/app_index.html"
    login_template = "admin/waic_site/login.html"
    logout_template = "admin/waic_site/logout.html"
    password_change_template = "admin/waic_site/password_change_form.html"
    password_change_done_template = "admin/waic_site/password_change_done.html"
    login_form = LoginForm
    # At 1280 px the model sidebar would take a quarter of every changelist's width; the index,
    # one click away on "Home", lists every model in the order of the work.
    enable_nav_sidebar = False

    def get_app_list(self, request, app_label=None):
        """Django's apps, the directory's regrouped as MODEL_GROUPS; the rest (users and groups,
        for administrators) after them, as Django lists them."""
        apps = super().get_app_list(request, app_label)
        left = {key(app, model): model for app in apps for model in app["models"]}
        by_label = {app["app_label"]: app for app in apps}
        groups = []
        for name, app_label, model_names in MODEL_GROUPS:
            models = [left.pop((app_label, m)) for m in model_names if (app_label, m) in left]
            if models:
                groups.append({**by_label[app_label], "name": name, "models": models})
        for app in apps:
            models = [model for model in app["models"] if key(app, model) in left]
            if models:
                groups.append({**app, "models": models})
        return groups

    def autocomplete_view(self, request):
        return RankedAutocompleteJsonView.as_view(admin_site=self)(request)
