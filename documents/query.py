"""Query parameters as the views read them: anything a browser can send is either a value the
view understands or nothing, never an error page. "²".isdigit() is True and int("²") fails;
"a\x00b" cannot be sent to PostgreSQL; 10**30 overflows an id column."""

from documents.text import clean_text

MAX_ID = 2**31 - 1
MAX_TEXT = 200


def query_int(request, name: str) -> int | None:
    """A positive whole number within a database id, else None."""
    value = request.GET.get(name, "").strip()
    if value.isascii() and value.isdigit() and 0 < int(value) <= MAX_ID:
        return int(value)
    return None


def query_text(request, name: str, default: str = "") -> str:
    """Cleaned text (documents.text.clean_text: no NUL or control characters), cut to a length
    any search or choice needs."""
    return clean_text(request.GET.get(name, default))[:MAX_TEXT]
