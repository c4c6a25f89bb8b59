"""A browser page that may load only local files (``file://``, ``data:``, ``blob:``)."""

from __future__ import annotations

from contextlib import contextmanager


@contextmanager
def offline_file_page(browser, width: int = 1300, height: int = 1000):
    """Yield ``(page, blocked)``: a fresh page whose every network request is refused.

    ``blocked`` lists the URLs the page tried to load from anywhere but a local file.
    """
    context = browser.new_context(viewport={"width": width, "height": height})
    blocked: list[str] = []

    def only_files(route):
        if route.request.url.startswith(("file://", "data:", "blob:")):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", only_files)
    try:
        yield context.new_page(), blocked
    finally:
        context.close()
