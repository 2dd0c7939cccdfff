"""Messages of Django's own password validators, marked here so that `make messages` carries
them in our catalogue: Django's Vietnamese one leaves the minimum length in English (its plural
form does not match). Never called: extraction reads these lines, translation does the rest."""

from django.utils.translation import gettext_lazy, ngettext_lazy

PASSWORD_MESSAGES = (
    ngettext_lazy(
        "This password is too short. It must contain at least %(min_length)d character.",
        "This password is too short. It must contain at least %(min_length)d characters.",
        "min_length",
    ),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "min_length",
    ),
    gettext_lazy("The password is too similar to the %(verbose_name)s."),
    gettext_lazy("This password is entirely numeric."),
)
