"""The report's narrative format, and the year checklist shown on every year page (the members
app includes khoithidua/_year_sections.html and need not know what is in it)."""

from django import template

from khoithidua import outline, selectors

register = template.Library()


@register.filter
def narrative(text):
    return outline.narrative_html(text)


@register.filter
def breakable(text):
    """A title or a line printed as is, which may wrap inside a word too long for the line."""
    return outline.breakable(text)


@register.inclusion_tag("khoithidua/_year_end.html")
def year_end(bloc_year, access=None):
    """The year's checklist and its end-of-year actions. Reads only, in a fixed number of
    queries; the flags say which buttons this user's role may use."""
    return {
        "bloc_year": bloc_year,
        "checklist": selectors.year_checklist(bloc_year),
        "can_lead": bool(access and access.can_finish(bloc_year, "close_by")),
        "can_reopen": bool(access and access.is_province and bloc_year.is_closed),
    }
