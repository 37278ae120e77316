"""Helpers that drive the admin's import and export pages as an organizer would."""

import csv
import io

import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

FORMATS = {"csv": "0", "xlsx": "1"}  # the admin's format choices, in DirectoryAdmin.formats


def csv_file(rows, name="sheet.csv"):
    """A CSV upload from a list of rows, the first being the header."""
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    return SimpleUploadedFile(name, text.getvalue().encode(), content_type="text/csv")


def rows_of(content, file_format="csv"):
    """The rows of an exported file, header first, every cell as text."""
    dataset = tablib.Dataset().load(
        content if file_format == "xlsx" else content.decode(), file_format
    )
    return [list(dataset.headers)] + [
        ["" if cell is None else str(cell) for cell in row] for row in dataset
    ]


def preview(client, model, upload, file_format="csv"):
    """Upload a file to the model's import page: the dry run, nothing written yet."""
    return client.post(
        reverse(f"admin:{model}_import"),
        {"format": FORMATS[file_format], "resource": "0", "import_file": upload},
    )


def confirm(client, model, preview_response):
    """Confirm a previewed import, as the organizer's "Confirm import" button does."""
    form = preview_response.context["confirm_form"]
    return client.post(reverse(f"admin:{model}_process_import"), form.initial)


def import_sheet(client, model, upload, file_format="csv"):
    response = preview(client, model, upload, file_format)
    return confirm(client, model, response)


def export(client, model, query="", file_format="csv"):
    """Export from the model's export page, every column, with the changelist's filters."""
    url = reverse(f"admin:{model}_export") + query
    form = client.get(url).context["form"]
    data = {name: "on" for name, field in form.fields.items() if field.initial is True}
    data.update({"format": FORMATS[file_format], "resource": "0"})
    return client.post(url, data)


def row_errors(response):
    """Every refused row as (spreadsheet row, column, message), from the preview."""
    return [
        (row.number + 1, column, str(message))
        for row in response.context["result"].invalid_rows
        for column, messages in row.error_dict.items()
        for message in messages
    ]


def row_types(response):
    """(record, "new"/"update"/"skip") for each row of a preview."""
    return [(row.object_repr, row.import_type) for row in response.context["result"].rows]
