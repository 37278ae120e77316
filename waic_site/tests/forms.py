"""Reads an HTML form's current values, so tests can submit an admin form as a browser would."""

from html.parser import HTMLParser


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
    """The fields of `<form id=form_id>` with the values a browser would submit unchanged."""
    parser = _FormValues(form_id)
    parser.feed(html)
    return parser.values
