"""Helpers for every app's tests: uploads, forms read back as a browser posts them, the admin's
spreadsheet pages, manage.py in a fresh interpreter.

Records are made by each app's `tests/factories.py` (`make_exhibitor`, `make_speaker`, …);
fixtures (`admin_client`, `organizer_client`, …) come from pytest-django and the root conftest.py.
Like the rest of `directory`, nothing here imports an app.
"""

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from html import unescape as html_unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
import segno
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import FileField, MultiWidget
from django.urls import reverse
from PIL import Image

from directory.templatetags.qr_codes import ERROR_CORRECTION

BASE_DIR = Path(__file__).resolve().parent.parent


def facet_labels(response, name):
    """The labels of a listing's facet `name`, in the order its filter panel shows them."""
    facet = next(facet for facet in response.context["filter"].facets if facet.name == name)
    return [option.label for option in facet.options]


def set_default_text(fields, field, text):
    """Give `field` a default in the active language unless a test sets it in some language
    (`name="…"`, `name_en="…"` or `name_zh_hans="…"`)."""
    if not any(key == field or key.startswith(f"{field}_") for key in fields):
        fields[field] = text


# Images


def image_bytes(size=(64, 48), format="PNG", colour="#1f5fbf", **save_options):
    """A solid-colour image encoded by Pillow, e.g. image_bytes((300, 200), "JPEG", exif=...)."""
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format=format, **save_options)
    return buffer.getvalue()


def upload(content=None, name="upload.png"):
    """An uploaded file as a browser sends it; a small PNG unless `content` says otherwise."""
    return SimpleUploadedFile(name, image_bytes() if content is None else content)


# Forms


def form_data(response, **changes):
    """The values of an admin change page's form and inlines, as its Save button posts them;
    `changes` override fields."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for bound in form:
            value = bound.value()
            if isinstance(bound.field, FileField) or value is None or value is False:
                continue
            if isinstance(bound.field.widget, MultiWidget):
                parts = bound.field.widget.decompress(value)
                data.update({f"{bound.html_name}_{i}": part for i, part in enumerate(parts)})
            elif value is True:
                data[bound.html_name] = "on"
            else:
                data[bound.html_name] = value
    data.update(changes)
    return data


class _FormValues(HTMLParser):
    def __init__(self, form_id):
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.values = {}
        self.select = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or "name" not in attrs and tag != "option":
            return
        if tag == "input" and attrs.get("type") not in ("submit", "file", "button"):
            if attrs.get("type") not in ("checkbox", "radio") or "checked" in attrs:
                self.values[attrs["name"]] = attrs.get("value") or (
                    "on" if attrs.get("type") == "checkbox" else ""
                )
        elif tag == "select":
            self.select = attrs["name"]
            self.values.setdefault(self.select, "")
        elif tag == "option" and self.select and "selected" in attrs:
            self.values[self.select] = attrs.get("value", "")
        elif tag == "textarea":
            self.textarea = attrs["name"]
            self.values[self.textarea] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            # Browsers drop the newline that follows <textarea>.
            self.values[self.textarea] = self.values[self.textarea].removeprefix("\n")
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.values[self.textarea] += data


def form_values(html, form_id):
    """The fields of `<form id=form_id>` in `html` with the values a browser would submit
    unchanged: for pages from another process, where there is no `response.context`."""
    parser = _FormValues(form_id)
    parser.feed(html)
    return parser.values


# The admin's spreadsheet import and export pages, driven as an organizer would

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


# Processes


def run_manage(*args, **env):
    """Runs manage.py in a fresh interpreter with only the given environment (plus PATH)."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={"PATH": os.environ["PATH"], **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


# Chromium's word for a load it gave up itself, as when the page it was for is left before a
# stylesheet's image arrives; a server's failure is an answer of 400 and above, or another error.
BROWSER_CANCELLED = "net::ERR_ABORTED"


def watch_problems(page):
    """Start recording what an attendee would never want to happen on `page` (a Playwright
    page): console errors and warnings, uncaught script errors, failed requests and answers
    of 400 and above. Returns the list, which grows as the page is used; a test asserts `== []`."""
    problems = []
    page.on(
        "console",
        lambda message: (
            message.type in ("error", "warning")
            and problems.append(f"console {message.type}: {message.text}")
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on(
        "requestfailed",
        lambda request: (
            request.failure != BROWSER_CANCELLED
            and problems.append(f"failed ({request.failure}): {request.method} {request.url}")
        ),
    )
    page.on(
        "response",
        lambda response: (
            response.status >= 400
            and problems.append(f"{response.status}: {response.request.method} {response.url}")
        ),
    )
    return problems


# The W3C Nu HTML checker

VNU = BASE_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def nu_checker():
    """The command that runs the W3C Nu HTML checker (npm's vnu-jar, installed by `make test`;
    it needs Java) on files, errors only, as JSON; the test is skipped without it, or fails when
    CI=true."""
    problem = None
    if not shutil.which("java"):
        problem = "Java is missing: the Nu HTML checker needs it"
    elif not VNU.exists():
        problem = f"{VNU} is missing: `make test` installs it (npm ci)"
    if problem and os.environ.get("CI") == "true":
        pytest.fail(problem)
    if problem:
        pytest.skip(problem)
    return ["java", "-jar", str(VNU), "--errors-only", "--format", "json"]


def nu_errors(command, folder, files):
    """The checker's errors, each as "page name: message", for `files` ({file name in `folder`:
    page name}), checked in one run of the checker."""
    result = subprocess.run(
        [*command, *(str(folder / name) for name in files)],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return sorted({f"{files[m['url'].rsplit('/', 1)[-1]]}: {m['message']}" for m in messages})


AXE = BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(page, impacts=("serious", "critical"), rules_off=()):
    """Run axe-core (npm's axe-core, installed by `make test`) on `page` as it is now and return
    its violations of those impacts, each as "rule-id: help (n elements: selector, …)"; a test
    asserts `== []`. `rules_off` names rules not run (say why at the call). Without the file,
    the test is skipped, or fails when CI=true."""
    if not AXE.exists():
        problem = f"{AXE} is missing: `make test` installs it (npm ci)"
        if os.environ.get("CI") == "true":
            pytest.fail(problem)
        pytest.skip(problem)
    # Evaluated through the browser's debugging protocol, which the site's CSP does not govern
    # (a <script> tag from the test would be refused, as it should be).
    page.evaluate(AXE.read_text())
    options = {
        "resultTypes": ["violations"],
        "rules": {rule: {"enabled": False} for rule in rules_off},
    }
    results = page.evaluate("(options) => axe.run(document, options)", options)
    return [
        f"{violation['id']}: {violation['help']} ({len(violation['nodes'])} elements: "
        + ", ".join(" ".join(node["target"]) for node in violation["nodes"][:3])
        + ")"
        for violation in results["violations"]
        if violation["impact"] in impacts
    ]


# Service workers

# Resolves when `worker` (a ServiceWorker) has activated, rejects if it is thrown away instead.
# A worker activates only once its install is done (what it keeps at install is kept) and its
# activation's own work too: the browser's signal that it is ready, rather than a wait.
SERVICE_WORKER_ACTIVATED = """(worker) => new Promise((resolve, reject) => {
    const check = () => {
        if (worker.state === "activated") resolve();
        if (worker.state === "redundant") reject(new Error("the service worker was thrown away"));
    };
    worker.addEventListener("statechange", check);
    check();
})"""

SERVICE_WORKER_CONTROLS = """() => navigator.serviceWorker.controller ? Promise.resolve() :
    new Promise((resolve) => navigator.serviceWorker.addEventListener(
        "controllerchange", resolve, { once: true }
    ))"""


def wait_for_service_worker(page):
    """Until the page's service worker has activated and controls the page."""
    page.evaluate(
        f"""async () => {{
            const registration = await navigator.serviceWorker.ready;
            await ({SERVICE_WORKER_ACTIVATED})(registration.active);
            await ({SERVICE_WORKER_CONTROLS})();
        }}"""
    )


# QR codes


def qr_codes_in(html):
    """What each QR code in `html` ({% qr_code %}) reads, in order: the address its title names
    when its dark modules are exactly those of segno's code of that address, else None."""
    return [qr_address(svg) for svg in QR_FIGURE.findall(html)]


QR_FIGURE = re.compile(r'<figure class="qr">(<svg .*?</svg>)<figcaption>', re.S)
QR_TITLE = re.compile(r"<title>[^<]*?(https?://[^<\s]+)[^<]*</title>")
PATH_STEP = re.compile(r"([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?")


def qr_modules(svg):
    """The dark modules (row, column) of a QR code drawn by segno: its path draws each run of
    dark modules in a row as a horizontal line ("M4 4.5h7m1 0h1…"), quiet zone included."""
    modules, x, y = set(), 0.0, 0.0
    for command, first, second in PATH_STEP.findall(re.search(r' d="([^"]+)"', svg)[1]):
        if command == "M":
            x, y = float(first), float(second)
        elif command == "m":
            x, y = x + float(first), y + float(second)
        else:
            run = int(float(first))
            modules |= {(int(y), int(x) + i) for i in range(run)}
            x += run
    return modules


def encoded_modules(address, error, border=4):
    """The dark modules of segno's QR code of `address`, with segno's default quiet zone."""
    matrix = segno.make(address, error=error, micro=False).matrix
    return {
        (row + border, column + border)
        for row, line in enumerate(matrix)
        for column, dark in enumerate(line)
        if dark
    }


def qr_address(svg):
    """The address the code reads, if it is the one its title names; else None."""
    named = QR_TITLE.search(svg)
    if named and qr_modules(svg) == encoded_modules(html_unescape(named[1]), ERROR_CORRECTION):
        return html_unescape(named[1])
    return None
