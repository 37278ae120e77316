"""Record how every public URL of the demo data answers, to diff before and after a refactor.

A refactor that must not change behaviour should leave every answer as it was: the same status,
the same body, the same number of queries. This script asks the site in this checkout for every
public URL of a demo database and writes what came back, so that two runs can be compared with
`diff -r`:

    DJANGO_DEBUG=1 DATABASE_URL=sqlite:////tmp/demo.sqlite3 DJANGO_MEDIA_ROOT=/tmp/media \\
        .venv/bin/python manage.py migrate && (the same) manage.py load_demo   # once
    .venv/bin/python bench/crawl.py --database /tmp/demo.sqlite3 --out /tmp/crawl-before \\
        --project /path/to/the/old/checkout
    .venv/bin/python bench/crawl.py --database /tmp/demo.sqlite3 --out /tmp/crawl-after
    diff -r /tmp/crawl-before /tmp/crawl-after

The code crawled is the checkout in the current folder (or --project), never the script's own.
Requests go through django.test.Client in this process, with the page cache off and cleared
before every request, and a fresh client (no cookies) per request except in the My WAIC flow.
The database is never written: the crawl runs on a copy (the My WAIC flow saves favourites).

The URLs come from the site itself, so the list follows the data: the sitemap's detail pages,
the facet options of each listing's filter form, the API's endpoints and records, and one round
of the query-string links found on the pages that answered 200 (pagination, filtered listings).

DIR receives, sorted by URL (a request other than a plain GET is labelled with its method and
a note in brackets):
  manifest.tsv  url, status, content type, queries, sha256 and length of the body, its file
  headers.tsv   the headers that say how a response may be used (Location, Cache-Control, ...)
  errors.tsv    the exception behind each 500 (type and message, no traceback)
  bodies/       each body, as hashed

What varies between two runs on the same database is normalised before it is recorded: the
CSRF token of a form, the random key of the My WAIC list (in bodies and URLs) and the ETag and
Last-Modified of its calendar (they follow the list's `updated_at`), cookies' values and expiry
dates, and the order of the Content-Security-Policy directives. Django's DEBUG error pages,
which name files and views of the checkout, are reduced: a 404's to its reason, a 500's to its
exception.
"""

import argparse
import hashlib
import json
import logging
import os
import re
import shutil
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from contextlib import closing
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

LANGUAGE_PREFIXES = ("", "/zh-hans")
LISTINGS = ("/speakers/", "/sessions/", "/exhibitors/")
API_ROOT = "/api/v1/"
SEARCHES = ("robot", "机器人", "ai", "")
LONG_QUERY = ("robot " * 50)[:300]
# Bad input every listing should answer with a message and a 4xx, not a 500 or a guess.
BAD_LISTING_QUERIES = [
    {"page": "0"},
    {"page": "999"},
    {"page": "abc"},
    {"per_page": "7"},
    {"per_page": "abc"},
    {"day": "2025-02-30"},
    {"day": "tomorrow"},
    {"hall": "nope"},
    {"track": "nope"},
    {"category": "nope"},
    {"venue": "nope"},
    {"country": "XX"},
    {"type": "nope"},
    {"keynote": "maybe"},
    {"sort": "nope"},
    {"from": "25:00"},
    {"q": LONG_QUERY},
    {"q": ""},
]
BAD_API_QUERIES = [
    {"page": "0"},
    {"page": "999"},
    {"per_page": "0"},
    {"per_page": "101"},
    {"per_page": "abc"},
    {"lang": "fr"},
    {"day": "2025-02-30"},
    {"track": "nope"},
]
# The headers that say what a client may do with a response (Expires, which is the time of
# the request, would only add noise).
RECORDED_HEADERS = (
    "Access-Control-Allow-Headers",
    "Access-Control-Allow-Methods",
    "Access-Control-Allow-Origin",
    "Access-Control-Expose-Headers",
    "Allow",
    "Cache-Control",
    "Content-Disposition",
    "Content-Language",
    "Content-Security-Policy",
    "Cross-Origin-Opener-Policy",
    "ETag",
    "Last-Modified",
    "Location",
    "Permissions-Policy",
    "Referrer-Policy",
    "Vary",
    "X-Content-Type-Options",
    "X-Frame-Options",
    "X-Robots-Tag",
)
FAVOURITES_COOKIE = "waic_favourites"
KEY_PLACEHOLDER = "{favourites-key}"
CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
ENVIRONMENT_PREFIXES = ("DJANGO_", "WAIC_")


def main():
    args = parse_args()
    project = args.project.resolve()
    if not (project / "waic_site" / "settings.py").is_file():
        sys.exit(f"{project} is no WAIC Directory checkout: run from one, or pass --project.")
    database = args.database.resolve()
    media = (args.media or database.parent / "media").resolve()
    out = args.out.resolve()
    if out.exists() and any(out.iterdir()) and not (out / "manifest.tsv").exists():
        sys.exit(f"{out} holds something other than a crawl: choose an empty or new folder.")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="waic-crawl-") as folder:
        copy = Path(folder) / database.name
        backup(database, copy)
        setup_django(project, copy, media)
        crawler = Crawler()
        # Error messages may name files: the same answer from another checkout or media folder.
        crawler.secrets.update({str(media): "{media-root}", str(project): "{project}"})
        crawl(crawler)
        crawler.write(out)
        close_connections()
    seconds = time.perf_counter() - started
    report(crawler, out, seconds)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", type=Path, required=True, help="the demo SQLite file")
    parser.add_argument("--out", type=Path, required=True, help="folder for the results")
    parser.add_argument(
        "--media", type=Path, help="DJANGO_MEDIA_ROOT (default: media/ next to --database)"
    )
    parser.add_argument(
        "--project",
        type=Path,
        default=Path.cwd(),
        help="the checkout whose code answers (default: the current folder)",
    )
    return parser.parse_args()


def backup(source, target):
    """A copy to crawl, the source never opened by SQLite: even a read-only connection to a
    database in WAL mode leaves -shm and -wal files beside it. A write-ahead log is copied
    with the file, and opening the copy takes its transactions in."""
    if not source.is_file():
        sys.exit(f"No database at {source}.")
    shutil.copyfile(source, target)
    log = source.with_name(source.name + "-wal")
    if log.is_file():
        shutil.copyfile(log, target.with_name(target.name + "-wal"))
    with closing(sqlite3.connect(target)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def setup_django(project, database, media):
    # Only these variables decide how the site answers: nothing from the caller's shell (a
    # REDIS_URL, an S3 bucket, another admin path) may make two runs differ.
    for name in list(os.environ):
        if name.startswith(ENVIRONMENT_PREFIXES) or name in ("DATABASE_URL", "REDIS_URL"):
            del os.environ[name]
    os.environ.update(
        DJANGO_SETTINGS_MODULE="waic_site.settings",
        DJANGO_DEBUG="1",
        WAIC_PAGE_CACHE_SECONDS="0",
        DATABASE_URL=f"sqlite:///{database}",
        DJANGO_MEDIA_ROOT=str(media),
    )
    sys.path.insert(0, str(project))
    os.chdir(project)

    import django

    django.setup()

    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    # A 4xx is an answer worth recording, not a warning; 500s still print their traceback.
    logging.getLogger("django.request").setLevel(logging.ERROR)
    logging.getLogger("django.security").setLevel(logging.ERROR)
    summarise_debug_404_pages()

    import waic_site

    print(f"Crawling {Path(waic_site.__file__).parent.parent} against {database}", flush=True)


def summarise_debug_404_pages():
    """DEBUG's 404 page names the view that raised it and the URL patterns with their files:
    a refactor that moves code changes it without changing what a visitor sees. Keep the
    reason only (e.g. "No speaker found matching the query"); the status is recorded anyway."""
    from django.urls import Resolver404
    from django.views import debug

    technical_404_response = debug.technical_404_response

    def summarised(request, exception):
        response = technical_404_response(request, exception)
        if isinstance(exception, Resolver404):
            reason = "no URL pattern matches this path"
        else:
            reason = str(exception)
        response.crawl_summary = f"Django's DEBUG 404 page. Reason: {reason}\n"
        return response

    debug.technical_404_response = summarised


def close_connections():
    from django.db import connections

    connections.close_all()


class Crawler:
    """Fetches each request once and keeps what it answered, by label."""

    def __init__(self):
        from django.core.signals import got_request_exception

        self.records = {}
        self.links = set()
        # Values that differ from run to run, and what stands in their place.
        self.secrets = {}
        self.exception = None
        got_request_exception.connect(self.note_exception, weak=False)

    def note_exception(self, sender, request=None, **kwargs):
        # Sent before DEBUG renders its 500 page, whose rendering of the traceback's local
        # variables runs queries of its own: the count stops here.
        exc_type, exc, _traceback = sys.exc_info()
        self.exception = (exc_type.__name__ if exc_type else "?", str(exc), self.queries())

    def queries(self):
        return len(self.capture.captured_queries)

    def get(self, url):
        return self.fetch(url)

    def fetch(self, url, method="GET", data=None, headers=None, client=None, note="", varying=()):
        """The record of one request (made now unless it was made before); `varying` names
        response headers whose values differ from run to run, recorded as a placeholder."""
        from django.core.cache import cache
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        label = self.hide(f"{method} {url}" if method != "GET" else url)
        if note:
            label += f" [{note}]"
        if label in self.records:
            return self.records[label]
        client = client or Client(raise_request_exception=False)
        cache.clear()
        self.exception = None
        # CaptureQueriesContext counts by the log's length, and the log keeps 9,000 queries
        # at most: once full, every request would count 0. Request_started, which empties it
        # in a server, is disconnected while capturing.
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as self.capture:
            if method == "GET":
                response = client.get(url, headers=headers)
            elif method == "POST":
                response = client.post(url, data or {}, headers=headers)
            else:
                response = client.generic(method, url, headers=headers)
            content = (
                b"".join(response.streaming_content) if response.streaming else response.content
            )
            queries = self.queries()
        record = {
            "label": label,
            "status": response.status_code,
            "content_type": response.get("Content-Type", ""),
            "queries": queries,
            "headers": recorded_headers(response, varying),
            "error": "",
        }
        if self.exception:
            name, message, queries = self.exception
            record["queries"] = queries
            record["error"] = f"{name}: {self.hide(message)}"
            content = f"Django's DEBUG 500 page. Exception: {record['error']}\n".encode()
        elif hasattr(response, "crawl_summary"):
            content = response.crawl_summary.encode()
        record["body"] = self.normalise(content)
        record["sha256"] = hashlib.sha256(record["body"]).hexdigest()
        self.records[label] = record
        # Links on refusals mostly repeat the bad input with other filters: more of the same.
        if record["status"] == 200 and record["content_type"].startswith("text/html"):
            self.collect_links(url, record["body"])
        return record

    def hide(self, text):
        for secret, placeholder in self.secrets.items():
            text = text.replace(secret, placeholder)
        return text

    def normalise(self, body):
        body = CSRF_INPUT.sub(rb"\1{csrf-token}\2", body)
        for secret, placeholder in self.secrets.items():
            body = body.replace(secret.encode(), placeholder.encode())
        return body

    def collect_links(self, url, body):
        """Same-site links with a query string: filtered listings, pagination, searches."""
        for href in html_document(body).xpath("//a/@href"):
            parts = urlsplit(urljoin("http://testserver" + url, href))
            if parts.netloc == "testserver" and parts.query:
                if not parts.path.startswith(("/static/", "/media/", "/admin/")):
                    self.links.add(f"{parts.path}?{parts.query}")

    def write(self, out):
        """Replaces an earlier crawl's results in `out`, so that no stale body is left over."""
        bodies = out / "bodies"
        if bodies.exists():
            shutil.rmtree(bodies)
        bodies.mkdir(parents=True)
        records = sorted(self.records.values(), key=lambda record: record["label"])
        manifest = ["url\tstatus\tcontent_type\tqueries\tsha256\tlength\tbody"]
        headers = ["url\theaders"]
        errors = ["url\terror"]
        for record in records:
            name = safe_filename(record["label"])
            (bodies / name).write_bytes(record["body"])
            manifest.append(
                "\t".join(
                    [
                        tsv(record["label"]),
                        str(record["status"]),
                        record["content_type"],
                        str(record["queries"]),
                        record["sha256"],
                        str(len(record["body"])),
                        name,
                    ]
                )
            )
            pairs = [f"{key}: {value}" for key, value in record["headers"].items()]
            headers.append(tsv(record["label"]) + "\t" + tsv(" | ".join(pairs)))
            if record["error"]:
                errors.append(tsv(record["label"]) + "\t" + tsv(record["error"]))
        (out / "manifest.tsv").write_text("\n".join(manifest) + "\n")
        (out / "headers.tsv").write_text("\n".join(headers) + "\n")
        (out / "errors.tsv").write_text("\n".join(errors) + "\n")


def recorded_headers(response, varying):
    headers = {}
    for name in RECORDED_HEADERS:
        if name in response:
            headers[name] = "{varies}" if name in varying else response[name]
    if "Content-Security-Policy" in headers:
        # django-csp writes the directives in a different order every time.
        directives = (part.strip() for part in headers["Content-Security-Policy"].split(";"))
        headers["Content-Security-Policy"] = "; ".join(sorted(directives))
    for name, morsel in sorted(response.cookies.items()):
        # The cookie's attributes; its value is a key or a token, its expiry date the time.
        attributes = [f"{key}={value}" for key, value in morsel.items() if value]
        attributes = [attribute for attribute in attributes if not attribute.startswith("exp")]
        headers[f"Set-Cookie {name}"] = "; ".join(sorted(attributes))
    return headers


def tsv(text):
    return re.sub(r"[\t\r\n]", " ", text)


def safe_filename(label):
    """Readable, and unique thanks to a digest of the whole label."""
    readable = re.sub(r"[^A-Za-z0-9._-]+", "_", label).strip("_")[:100] or "root"
    digest = hashlib.sha256(label.encode()).hexdigest()[:10]
    return f"{readable}.{digest}"


def html_document(body):
    import lxml.html

    return lxml.html.fromstring(body or b"<html></html>")


def with_query(path, params):
    """`path` with `params` (a dict or pairs) as its query string, percent-encoded."""
    query = urlencode(params, doseq=True)
    return f"{path}?{query}" if query else path


def crawl(crawler):
    # Pages, then feeds and the API, then the links the pages held, then My WAIC, which writes.
    details = detail_paths(crawler)
    for prefix in LANGUAGE_PREFIXES:
        crawl_site_pages(crawler, prefix)
        for listing in LISTINGS:
            crawl_listing(crawler, prefix + listing)
        for path in details:
            crawler.get(prefix + path)
        crawl_feeds(crawler, prefix, details)
    crawl_api(crawler)
    crawl_machine_files(crawler)
    for link in sorted(crawler.links):
        crawler.get(link)
    crawl_conditional_requests(crawler, details)
    crawl_favourites(crawler, details)


def detail_paths(crawler):
    """Every speaker, session and exhibitor page the sitemap lists, without its host."""
    sitemap = crawler.get("/sitemap.xml")
    locations = re.findall(rb"<loc>([^<]+)</loc>", sitemap["body"])
    paths = [urlsplit(location.decode()).path for location in locations]
    return [path for path in paths if path.count("/") == 3 and path.startswith(LISTINGS)]


def crawl_site_pages(crawler, prefix):
    crawler.get(prefix + "/")
    for q in SEARCHES:
        crawler.get(with_query(prefix + "/search/", {"q": q}))
    crawler.get(prefix + "/search/")
    crawler.get(with_query(prefix + "/search/", {"q": LONG_QUERY}))
    crawler.get(with_query(prefix + "/search/", {"q": "zzzzqqq"}))
    crawler.get(prefix + "/my/")
    crawler.get(prefix + "/my/starred.json")
    # Not found: no such page, a record that does not exist, the default language prefixed.
    for path in ("/no-such-page/", "/speakers/no-such-speaker/", "/sessions/no-such-session/"):
        crawler.get(prefix + path)
    crawler.get(prefix + "/exhibitors/no-such-exhibitor/")
    crawler.get(prefix + "/speakers")  # APPEND_SLASH
    crawler.get(prefix + "/admin/")
    crawler.get(prefix + "/admin/login/")
    if not prefix:
        crawler.get("/en/")
        crawler.get("/en/speakers/")


def facet_options(body):
    """(name, value) of every option of a listing's filter form, in the form's order."""
    options = []
    for form in html_document(body).xpath('//form[contains(@class, "filters")]'):
        for field in form.xpath('.//input[@type="checkbox" or @type="radio"]'):
            options.append((field.get("name"), field.get("value") or ""))
        for select in form.xpath(".//select"):
            for option in select.xpath(".//option"):
                options.append((select.get("name"), option.get("value") or ""))
    return [option for option in dict.fromkeys(options) if option[1]]


def crawl_listing(crawler, path):
    bare = crawler.get(path)
    options = facet_options(bare["body"])
    for params in [{"page": "2"}, {"page": "3"}, {"per_page": "12", "page": "2"}]:
        crawler.get(with_query(path, params))
    for q in ("robot", "机器人", "ai"):
        crawler.get(with_query(path, {"q": q}))
    for params in BAD_LISTING_QUERIES:
        crawler.get(with_query(path, params))
    for name, value in options:
        crawler.get(with_query(path, {name: value}))
    by_name = {}
    for name, value in options:
        by_name.setdefault(name, []).append(value)
    facets = [name for name in by_name if name not in ("per_page", "sort")]
    # Two options of one facet (either may match), and the first options of two facets.
    for name in facets:
        if len(by_name[name]) > 1:
            crawler.get(with_query(path, [(name, value) for value in by_name[name][:2]]))
    for first, second in zip(facets, facets[1:], strict=False):
        crawler.get(with_query(path, {first: by_name[first][0], second: by_name[second][0]}))
        crawler.get(with_query(path, {first: by_name[first][-1], second: by_name[second][-1]}))
    # Every sort with a filter and a page size, and a search within a facet.
    for sort in by_name.get("sort", []):
        crawler.get(with_query(path, {"sort": sort, "per_page": "12", "page": "2"}))
        if facets:
            crawler.get(with_query(path, {facets[0]: by_name[facets[0]][0], "sort": sort}))
    if facets:
        crawler.get(with_query(path, {facets[0]: by_name[facets[0]][0], "q": "ai"}))
        crawler.get(with_query(path, {facets[0]: by_name[facets[0]][0], "page": "999"}))
    if path.endswith("/sessions/"):
        for params in [{"from": "14:00"}, {"until": "12:00"}, {"from": "10:00", "until": "16:00"}]:
            crawler.get(with_query(path, params))


def crawl_feeds(crawler, prefix, details):
    agenda = prefix + "/sessions/calendar.ics"
    for params in [{}, {"track": "embodied-ai"}, {"day": "2025-07-26"}, {"day": "nope"}]:
        crawler.get(with_query(agenda, params))
    for path in details:
        if path.startswith(("/speakers/", "/sessions/")):
            crawler.get(prefix + path + "calendar.ics")
    crawler.get(prefix + "/speakers/no-such-speaker/calendar.ics")
    crawler.get(prefix + "/sessions/no-such-session/calendar.ics")
    crawler.get(prefix + "/schedule.xml")
    crawler.get(prefix + "/schedule.json")


def crawl_api(crawler):
    root = crawler.get(API_ROOT)
    endpoints = [urlsplit(url).path for url in json.loads(root["body"]).values()]
    listing_options = {
        API_ROOT + listing.strip("/") + "/": facet_options(crawler.get(listing)["body"])
        for listing in LISTINGS
    }
    for endpoint in endpoints:
        for params in [{}, {"lang": "zh-hans"}, {"lang": "en"}, {"page": "2"}]:
            crawler.get(with_query(endpoint, params))
        for params in [{"per_page": "5", "page": "3"}, {"per_page": "100"}]:
            crawler.get(with_query(endpoint, params))
        for params in BAD_API_QUERIES:
            crawler.get(with_query(endpoint, params))
        everything = crawler.get(with_query(endpoint, {"per_page": "100"}))
        for item in json.loads(everything["body"]).get("results", []):
            detail = urlsplit(item["api_url"]).path
            crawler.get(detail)
            crawler.get(with_query(detail, {"lang": "zh-hans"}))
        crawler.get(endpoint + "no-such-record/")
        crawler.get(endpoint + "no-such-record/?lang=fr")
        for name, value in listing_options.get(endpoint, []):
            if name not in ("per_page", "sort"):
                crawler.get(with_query(endpoint, {name: value}))
            else:
                crawler.get(with_query(endpoint, {name: value, "lang": "zh-hans"}))
        crawler.get(with_query(endpoint, {"q": "robot"}))
        crawler.get(with_query(endpoint, {"q": "机器人", "lang": "zh-hans"}))
    products = API_ROOT + "products/"
    everything = json.loads(crawler.get(with_query(products, {"per_page": "100"}))["body"])
    for name in ("premiere", "exhibitor"):
        for value in sorted({item[name] for item in everything["results"] if item[name]})[:3]:
            crawler.get(with_query(products, {name: value}))
    crawler.get(with_query(products, {"premiere": "nope"}))
    crawler.get(with_query(products, {"exhibitor": "nope"}))
    crawler.get(API_ROOT + "openapi.json")
    crawler.get(API_ROOT + "openapi.json?lang=zh-hans")
    crawler.get(API_ROOT + "docs/")
    crawler.get(API_ROOT + "docs/?script=")
    crawler.get(API_ROOT + "no-such-endpoint/")
    preflight = {"Origin": "https://example.org", "Access-Control-Request-Method": "GET"}
    crawler.fetch(API_ROOT + "speakers/", method="OPTIONS", headers=preflight, note="preflight")


def crawl_machine_files(crawler):
    """The machines' addresses (unprefixed only), static files and uploads."""
    for path in ("/healthz", "/sitemap.xml", "/robots.txt"):
        crawler.get(path)
    crawler.get("/static/css/site.css")
    crawler.get("/static/js/site.js")
    crawler.get("/static/no-such-file.css")
    images = set()
    for listing in LISTINGS:
        document = html_document(crawler.get(listing)["body"])
        images.update(document.xpath("//img/@src")[:2])
    for src in sorted(images):
        crawler.get(src)
    crawler.get("/media/no-such-file.png")


def crawl_conditional_requests(crawler, details):
    """A client that kept the ETag or Last-Modified gets a 304 while nothing changed."""
    paths = ["/sitemap.xml", "/schedule.xml", "/sessions/calendar.ics", API_ROOT + "sessions/"]
    paths += [path + "calendar.ics" for path in details if path.startswith("/speakers/")][:1]
    for path in paths:
        headers = crawler.get(path)["headers"]
        if "ETag" in headers:
            etag = {"If-None-Match": headers["ETag"]}
            crawler.fetch(path, headers=etag, note="If-None-Match: its ETag")
        if "Last-Modified" in headers:
            since = {"If-Modified-Since": headers["Last-Modified"]}
            crawler.fetch(path, headers=since, note="If-Modified-Since: its Last-Modified")


def crawl_favourites(crawler, details):
    """My WAIC with something saved: the one flow that needs cookies and writes (to the copy)."""
    from django.test import Client

    def first(listing):
        return next(path.split("/")[2] for path in details if path.startswith(listing))

    saved = [
        ("session", first("/sessions/")),
        ("speaker", first("/speakers/")),
        ("exhibitor", first("/exhibitors/")),
    ]
    visitor = Client(raise_request_exception=False)
    for kind, slug in saved:
        form = {"kind": kind, "slug": slug, "star": "add", "next": f"/{kind}s/"}
        crawler.fetch("/my/star/", "POST", form, client=visitor, note=f"save {kind} {slug}")
    key = visitor.cookies[FAVOURITES_COOKIE].value
    crawler.secrets[key] = KEY_PLACEHOLDER
    note = "with the favourites cookie"
    for prefix in LANGUAGE_PREFIXES:
        crawler.fetch(prefix + "/my/", client=visitor, note=note)
        crawler.fetch(prefix + "/my/starred.json", client=visitor, note=note)
        # Its ETag and Last-Modified follow the list's `updated_at`: the time of this run.
        crawler.fetch(prefix + f"/my/{key}/calendar.ics", varying=("ETag", "Last-Modified"))
        crawler.fetch(prefix + f"/my/{key}/")  # another device: read-only until it posts
        crawler.fetch(prefix + f"/my/{key}/", client=visitor, note=note)
        crawler.get(prefix + "/my/no-such-key/")
        crawler.get(prefix + "/my/no-such-key/calendar.ics")
        crawler.get(prefix + "/my/star/")  # POST only
    kind, slug = saved[0]
    form = {"kind": kind, "slug": slug, "star": "remove", "next": "https://example.org/"}
    crawler.fetch(
        "/my/star/",
        "POST",
        form,
        client=visitor,
        headers={"Accept": "application/json"},
        note=f"remove {kind} {slug}, as JSON",
    )
    crawler.fetch("/my/starred.json", client=visitor, note=f"{note}, after removing one")
    add = {"kind": kind, "slug": slug, "star": "add"}
    refused = [
        ({**add, "kind": "nope"}, {}, "unknown kind"),
        ({**add, "slug": "no-such-thing"}, {}, "unknown slug"),
        (add, {"Origin": "https://evil.example"}, "other site"),
        (add, {"Sec-Fetch-Site": "cross-site"}, "other site"),
    ]
    for form, headers, reason in refused:
        extra = ", ".join(f"{name}: {value}" for name, value in headers.items())
        crawler.fetch("/my/star/", "POST", form, headers=headers, note=f"{reason} {extra}".strip())


def report(crawler, out, seconds):
    records = crawler.records.values()
    statuses = Counter(record["status"] for record in records)
    print(f"{len(crawler.records)} requests in {seconds:.0f} s into {out}")
    print("Statuses: " + ", ".join(f"{status}: {n}" for status, n in sorted(statuses.items())))
    for record in records:
        if record["status"] >= 500:
            print(f"  {record['status']} {record['label']}  ({record['error']})")


if __name__ == "__main__":
    main()
