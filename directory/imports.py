"""The admin's import pages around django-import-export: where an uploaded file waits, and how
big a file may be.

- **Where it waits.** Between the preview and the organizer's confirmation the file waits in the
  cache (`PendingUpload`): Redis in production, shared by every app server, so the confirmation
  may reach another server than the preview; never in media storage, which the public can read.
  It is deleted once the import is done, at once when the preview refuses the file, and expires
  after `WAIC_IMPORT_FILE_SECONDS` when the organizer never confirms.
"""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from import_export.tmp_storages import CacheStorage


class UploadExpired(Exception):
    """The file to import is no longer in the cache."""


class PendingUpload(CacheStorage):
    """A file waiting for its import to be confirmed, in the default cache."""

    CACHE_PREFIX = "import-upload-"

    @property
    def CACHE_LIFETIME(self):  # noqa: N802 (django-import-export's name)
        return settings.WAIC_IMPORT_FILE_SECONDS

    def read(self):
        data = super().read()
        if data is None:
            raise UploadExpired(self.name)
        return data


class SpreadsheetImportMixin(ImportExportMixin):
    """django-import-export's admin pages with files kept privately and briefly."""

    tmp_storage_class = PendingUpload

    def import_action(self, request, **kwargs):
        response = super().import_action(request, **kwargs)
        context = getattr(response, "context_data", None) or {}
        name = getattr(request.FILES.get("import_file"), "tmp_storage_name", None)
        if name and "confirm_form" not in context:  # refused: nothing to confirm later
            self.get_tmp_storage_class()(name=name).remove()
        return response

    def process_import(self, request, **kwargs):
        try:
            return super().process_import(request, **kwargs)
        except UploadExpired:
            self.message_user(
                request,
                _("Nothing was imported: the file is no longer kept. Upload it again."),
                messages.ERROR,
            )
            return redirect(f"admin:{self.opts.app_label}_{self.opts.model_name}_import")
