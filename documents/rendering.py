"""Turns one HTML template into a PDF. The on-screen preview and the PDF render the same
template, so what the secretary reads on screen is what gets printed."""

import os
import re
import threading
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string

from documents.snapshot import to_jsonable

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class Rendered:
    filename: str
    mimetype: str
    content: bytes
    # What the document was made from (JSON-safe); stored with the bytes when a year closes.
    data: dict | None = field(default=None, compare=False, repr=False)
    # The Word copy of the same HTML (documents.word), where the document has one.
    docx: bytes | None = field(default=None, compare=False, repr=False)

    def as_word(self) -> "Rendered":
        """The Word copy as a document of its own (for a download)."""
        if self.docx is None:
            raise ValueError(f"{self.filename} has no Word copy")
        return Rendered(
            filename=re.sub(r"\.pdf$", "", self.filename) + ".docx",
            mimetype=DOCX,
            content=self.docx,
        )


def _url_fetcher():
    """Serve /static/ from disk and inline data: images, so a PDF never reaches the network
    (offices sit on closed nets); any other address is refused."""
    from weasyprint.urls import URLFetcher

    class LocalFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith(settings.STATIC_URL) or url.startswith("file:///static/"):
                path = finders.find(url.split("/static/", 1)[1])
                if path:
                    return super().fetch(f"file://{path}", headers)
            if url.startswith("data:"):
                return super().fetch(url, headers)
            raise ValueError(f"Refusing to fetch {url} while rendering a PDF")

    return LocalFetcher(allowed_protocols=("file", "data"))


_fonts = threading.local()


def _font_config():
    """One font configuration per process and thread, shared by the documents it renders: made
    afresh for each document (fontconfig and Pango's font map) it cost a tenth of the rendering,
    for the same bytes. Made in the process that uses it, never inherited across a fork."""
    from weasyprint.text.fonts import FontConfiguration

    if getattr(_fonts, "pid", None) != os.getpid():
        _fonts.config, _fonts.pid = FontConfiguration(), os.getpid()
    return _fonts.config


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML

    document = HTML(string=html, base_url="file:///", url_fetcher=_url_fetcher())
    return document.write_pdf(font_config=_font_config())


def render_pdf(template_name: str, context: dict, filename: str) -> Rendered:
    from documents.word import html_to_docx

    html = render_to_string(template_name, {**context, "for_print": True})
    return Rendered(
        filename=filename,
        mimetype="application/pdf",
        content=html_to_pdf(html),
        data={"template": template_name, "context": to_jsonable(context)},
        docx=html_to_docx(html),
    )


def file_response(rendered: Rendered, *, inline: bool = True) -> HttpResponse:
    """The HTTP answer for a rendered (or stored) document: PDFs open in the browser, other
    files (ZIP, Excel) download."""
    response = HttpResponse(rendered.content, content_type=rendered.mimetype)
    disposition = "inline" if inline and rendered.mimetype == "application/pdf" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{rendered.filename}"'
    return response


def refusal_response(error) -> HttpResponse:
    """409: the document cannot be made from the data as it stands; the message says why."""
    return HttpResponse(
        "\n".join(error.messages), status=409, content_type="text/plain; charset=utf-8"
    )
