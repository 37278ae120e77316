"""The admin's import pages around django-import-export: where an uploaded file waits, and how
big a file may be.

- **Where it waits.** Between the preview and the organizer's confirmation the file waits in the
  cache (`PendingUpload`): Redis in production, shared by every app server, so the confirmation
  may reach another server than the preview; never in media storage, which the public can read.
  It is deleted once the import is done, at once when the preview refuses the file, and expires
  after `WAIC_IMPORT_FILE_SECONDS` when the organizer never confirms. A cache that cannot be
  reached gives a message, never an error page.
- **How big.** A file over `WAIC_IMPORT_MAX_BYTES`, with more than `WAIC_IMPORT_MAX_ROWS` rows,
  or (XLSX, a zip archive) that would unpack to more than `WAIC_IMPORT_MAX_UNCOMPRESSED_BYTES`
  is refused with a form error that names the limit (`LimitedImportForm`), before anything reads
  it whole: the size first, then the archive's declared sizes (which `zipfile` never reads past),
  then the rows, counted as they stream by.
"""

import csv
import io
import logging
import zipfile
from itertools import islice

import openpyxl
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from import_export.forms import ImportForm, SelectableFieldsExportForm
from import_export.results import RowResult
from import_export.tmp_storages import CacheStorage
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


def upload_problem(upload, file_format):
    """Why `upload` (an UploadedFile in `file_format`, an import-export format) is too big to
    import, or None. A file that is not a spreadsheet at all is left for the import to report."""
    if upload.size > settings.WAIC_IMPORT_MAX_BYTES:
        return _(
            "This file is %(size)s: files of up to %(limit)s can be imported. Split it into "
            "smaller files."
        ) % {
            "size": filesizeformat(upload.size),
            "limit": filesizeformat(settings.WAIC_IMPORT_MAX_BYTES),
        }
    if file_format.is_binary():
        unpacked = unpacked_size(upload)
        if unpacked > settings.WAIC_IMPORT_MAX_UNCOMPRESSED_BYTES:
            return _(
                "Unpacked, this file would take %(size)s: files of up to %(limit)s unpacked can "
                "be imported. Split it into smaller files."
            ) % {
                "size": filesizeformat(unpacked),
                "limit": filesizeformat(settings.WAIC_IMPORT_MAX_UNCOMPRESSED_BYTES),
            }
    limit = settings.WAIC_IMPORT_MAX_ROWS
    if data_rows(upload, file_format, stop_after=limit + 1) > limit:
        return _(
            "This file has more than %(limit)s rows: up to %(limit)s can be imported at once. "
            "Split it into smaller files."
        ) % {"limit": f"{limit:,}"}
    return None


def unpacked_size(upload):
    """The size an XLSX file (a zip archive) declares its parts unpack to; 0 if not a zip."""
    try:
        with zipfile.ZipFile(upload.file) as archive:
            return sum(member.file_size for member in archive.infolist())
    except zipfile.BadZipFile:
        return 0
    finally:
        upload.seek(0)


def data_rows(upload, file_format, stop_after):
    """How many rows below the header `upload` has, counting no further than `stop_after`."""
    try:
        if file_format.is_binary():
            book = openpyxl.load_workbook(upload.file, read_only=True, data_only=True)
            try:
                rows = book.active.iter_rows(values_only=True)
                return max(sum(1 for _row in islice(rows, stop_after + 1)) - 1, 0)
            finally:
                book.close()
        text = io.TextIOWrapper(upload.file, encoding="utf-8-sig", errors="replace", newline="")
        try:
            records = (record for record in csv.reader(text) if record)
            return max(sum(1 for _record in islice(records, stop_after + 1)) - 1, 0)
        finally:
            text.detach()  # leave the upload open for the import
    except Exception:  # not a spreadsheet: the import says so
        return 0
    finally:
        upload.seek(0)


class LimitedImportForm(ImportForm):
    """django-import-export's import form, refusing files over the import limits."""

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.formats = formats

    def clean(self):
        cleaned_data = super().clean()
        upload, choice = cleaned_data.get("import_file"), cleaned_data.get("format")
        if upload and choice not in (None, ""):
            if problem := upload_problem(upload, self.formats[int(choice)]()):
                self.add_error("import_file", problem)
        return cleaned_data


class ExportForm(SelectableFieldsExportForm):
    """django-import-export's export form without its made-up `resource-id` attribute, which
    HTML does not allow: each model has one resource, so no field is ever hidden by it."""

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.pop("resource-id", None)


class UploadExpired(Exception):
    """The file to import is no longer in the cache."""


class PendingUpload(CacheStorage):
    """A file waiting for its import to be confirmed, in the default cache."""

    CACHE_PREFIX = "import-upload-"

    @property
    def CACHE_LIFETIME(self):  # django-import-export's name, read when a file is kept
        return settings.WAIC_IMPORT_FILE_SECONDS

    def read(self):
        data = super().read()
        if data is None:
            raise UploadExpired(self.name)
        return data

    def remove(self):
        try:
            super().remove()
        except RedisError:  # it expires anyway
            logger.exception("Could not delete a file to import: the cache is unreachable.")


class ImportPreview:
    """What a previewed import would do, for the organizer to weigh before confirming: the
    rows that would empty a field come first, with the count of fields and rows."""

    def __init__(self, result):
        rows = result.valid_rows()
        for row in rows:
            updated = row.import_type == RowResult.IMPORT_TYPE_UPDATE
            row.emptied = getattr(row.diff, "emptied", []) if updated else []
        self.emptying = [row for row in rows if row.emptied]
        self.rows = self.emptying + [row for row in rows if not row.emptied]
        self.fields_emptied = sum(len(row.emptied) for row in self.emptying)


class SpreadsheetImportMixin(ImportExportMixin):
    """django-import-export's admin pages with files kept privately and briefly, and limits."""

    tmp_storage_class = PendingUpload
    import_form_class = LimitedImportForm

    def get_import_context_data(self, **kwargs):
        return {
            **super().get_import_context_data(**kwargs),
            "import_max_size": filesizeformat(settings.WAIC_IMPORT_MAX_BYTES),
            "import_max_rows": f"{settings.WAIC_IMPORT_MAX_ROWS:,}",
        }

    def import_action(self, request, **kwargs):
        try:
            response = super().import_action(request, **kwargs)
        except RedisError:
            logger.exception("Could not keep a file to import: the cache is unreachable.")
            self.message_user(
                request,
                _("The file could not be kept until you confirm it. Try again in a moment."),
                messages.ERROR,
            )
            return redirect(f"admin:{self.opts.app_label}_{self.opts.model_name}_import")
        context = getattr(response, "context_data", None) or {}
        name = getattr(request.FILES.get("import_file"), "tmp_storage_name", None)
        if name and "confirm_form" not in context:  # refused: nothing to confirm later
            self.get_tmp_storage_class()(name=name).remove()
        if "confirm_form" in context:
            context["preview"] = ImportPreview(context["result"])
        return response

    def process_import(self, request, **kwargs):
        try:
            return super().process_import(request, **kwargs)
        except (UploadExpired, RedisError):
            self.message_user(
                request,
                _("Nothing was imported: the file is no longer kept. Upload it again."),
                messages.ERROR,
            )
            return redirect(f"admin:{self.opts.app_label}_{self.opts.model_name}_import")
