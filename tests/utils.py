import html
import re


def text(response) -> str:
    """The visible text of a page: tags and scripts stripped, entities unescaped, spaces folded."""
    content = response.content.decode()
    content = re.sub(r"<(script|style)\b.*?</\1>", " ", content, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", content))).strip()


def table_text(response, element_id: str) -> str:
    """The visible text of the <table id="…"> of a page ("" when the page has none)."""
    content = response.content.decode()
    match = re.search(rf'<table[^>]*id="{element_id}".*?</table>', content, flags=re.S)
    if not match:
        return ""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", match.group(0)))).strip()
