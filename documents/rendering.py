"""Turns one HTML template into a PDF. The on-screen preview and the PDF render the same
template, so what the secretary reads on screen is what gets printed."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string


@dataclass(frozen=True)
class Rendered:
    filename: str
    mimetype: str
    content: bytes


def _url_fetcher(url: str, *args, **kwargs):
    """Serve /static/ from disk so a PDF never reaches the network (offices sit on closed nets)."""
    from weasyprint import default_url_fetcher

    if url.startswith(settings.STATIC_URL) or url.startswith("file:///static/"):
        relative = url.split("/static/", 1)[1]
        path = finders.find(relative)
        if path:
            return default_url_fetcher(f"file://{path}", *args, **kwargs)
    if url.startswith("file://") or url.startswith("data:"):
        return default_url_fetcher(url, *args, **kwargs)
    raise ValueError(f"Refusing to fetch {url} while rendering a PDF")


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url="file:///", url_fetcher=_url_fetcher).write_pdf()


def render_pdf(template_name: str, context: dict, filename: str) -> Rendered:
    html = render_to_string(template_name, {**context, "for_print": True})
    return Rendered(filename=filename, mimetype="application/pdf", content=html_to_pdf(html))
