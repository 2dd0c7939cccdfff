import html
import re


def text(response) -> str:
    """The visible text of a page: tags and scripts stripped, entities unescaped, spaces folded."""
    content = response.content.decode()
    content = re.sub(r"<(script|style)\b.*?</\1>", " ", content, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", content))).strip()
