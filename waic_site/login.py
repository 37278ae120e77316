"""The organizers' login: a username longer than any account's is a form error, never a 500.

Django's AuthenticationForm sets the username's max length on the widget only, so a longer
name reaches `authenticate()`, and django-axes then writes it into a 255-character column
(PostgreSQL refuses the row: a 500). `LoginForm` refuses it first; `axes_username` keeps what
axes records within its columns for any other caller of `authenticate()`.
"""

from axes.conf import settings as axes_settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.validators import MaxLengthValidator

# django-axes' username columns (AccessAttempt, AccessLog, AccessFailureLog).
AXES_USERNAME_LENGTH = 255


class LoginForm(AdminAuthenticationForm):
    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        field = self.fields["username"]
        field.validators = [*field.validators, MaxLengthValidator(field.max_length)]


def axes_username(request, credentials=None):
    """The username axes records and locks out, as axes reads it (the credentials, else the
    posted form field), cut to the length its columns hold."""
    field = axes_settings.AXES_USERNAME_FORM_FIELD
    username = (credentials or getattr(request, "data", request.POST)).get(field)
    return username[:AXES_USERNAME_LENGTH] if isinstance(username, str) else username
