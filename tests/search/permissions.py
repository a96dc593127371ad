from tests.permissions import EVERYONE, Case

CASES = [
    Case("search:search", "GET", lambda w: "/search/?q=школа", EVERYONE),
    Case("GET /api/search", "GET", lambda w: "/api/search?q=школа", EVERYONE),
]
