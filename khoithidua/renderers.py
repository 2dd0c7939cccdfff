"""The form renderer: Django's, with the commonest widgets written in Python.

Django renders every widget through templates: a select includes one template per option and
another for each option's attributes, so the nominations page's two selects cost 40 template
renders (3 ms of its CPU). Selects, inputs and text areas are written here instead, to the byte
what Django's templates write (tests/test_renderers.py compares them); any other widget, or a
widget given other templates, goes through the templates as before."""

from django.forms.renderers import DjangoTemplates
from django.template import Context
from django.template.base import render_value_in_context

WIDGETS = "django/forms/widgets/"
SELECT_OPTION = WIDGETS + "select_option.html"
# Widgets whose template is only `{% include "django/forms/widgets/input.html" %}`.
INPUTS = {
    WIDGETS + name + ".html"
    for name in (
        "input",
        "text",
        "number",
        "email",
        "url",
        "password",
        "hidden",
        "date",
        "datetime",
        "time",
        "search",
        "tel",
        "color",
        "checkbox",
    )
}


_CONTEXT = Context(autoescape=True)


def _value(value) -> str:
    """What `{{ value }}` writes: localized, escaped."""
    return render_value_in_context(value, _CONTEXT)


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html."""
    return "".join(
        f" {_value(name)}" if value is True else f' {_value(name)}="{_value(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget: dict) -> str:
    value = "" if widget["value"] is None else f' value="{_value(str(widget["value"]))}"'
    return (
        f'<input type="{_value(widget["type"])}" name="{_value(widget["name"])}"{value}'
        f"{_attrs(widget['attrs'])}>"
    )


def _textarea(widget: dict) -> str:
    value = _value(widget["value"]) if widget["value"] else ""
    name, attrs = _value(widget["name"]), _attrs(widget["attrs"])
    return f'<textarea name="{name}"{attrs}>\n{value}</textarea>'


def _select(widget: dict) -> str | None:
    parts = [f'<select name="{_value(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_value(group_name)}">')
        for option in options:
            if option["template_name"] != SELECT_OPTION:
                return None
            parts.append(
                f'\n  <option value="{_value(str(option["value"]))}"{_attrs(option["attrs"])}>'
                f"{_value(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


FAST = {
    **dict.fromkeys(INPUTS, _input),
    WIDGETS + "textarea.html": _textarea,
    WIDGETS + "select.html": _select,
}


class Renderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        fast = FAST.get(template_name)
        if fast is not None and set(context) == {"widget"}:
            written = fast(context["widget"])
            if written is not None:
                return written.strip()
        return super().render(template_name, context, request)
