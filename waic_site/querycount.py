"""For `make bench` only (WAIC_BENCH_QUERY_COUNT=1): each response says how many SQL queries
it took in an `X-Queries` header, so the load generator's table can show them. A page served
from the page cache says 0."""

from django.db import connections


class QueryCountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connections["default"].execute_wrapper(counter):
            response = self.get_response(request)
        response["X-Queries"] = str(count)
        return response
