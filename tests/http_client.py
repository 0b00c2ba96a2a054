"""One HTTP request to a test server, as the endpoint tests send them."""

from __future__ import annotations

import urllib.error
import urllib.request


def http(url: str, data: bytes | None = None, headers: dict | None = None,
         method: str | None = None):
    """(status, headers, body text) of one request; HTTP errors are answers too."""
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read().decode("utf-8")
