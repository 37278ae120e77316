"""Lets scripts on other sites read the open data API (CORS), and nothing more."""

from django.http import HttpResponse

API_PREFIX = "/api/"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class OpenDataCorsMiddleware:
    """Any origin may GET, HEAD and OPTIONS under /api/, without credentials (the API has no
    logins). A preflight, which a cross-origin conditional GET needs for If-None-Match, is
    answered here. Sits above the page cache and ConditionalGetMiddleware, so cached pages and
    304s carry the headers too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = ", ".join(SAFE_METHODS)
            response["Access-Control-Allow-Headers"] = (
                "Accept, Accept-Language, If-None-Match, If-Modified-Since"
            )
            response["Access-Control-Max-Age"] = "86400"
        else:
            response = self.get_response(request)
        if request.method in SAFE_METHODS:
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Expose-Headers"] = "ETag"
        return response
