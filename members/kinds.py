"""A cụm's pages call it a cụm.

The Vietnamese catalogues name the bloc "Khối" ("Văn phòng Khối", "Trưởng khối", "lãnh đạo
Khối"): the usual kind, and the subject of most messages. A cluster (cụm, DOMAIN.md §1) is run
the same way but must be called a cụm wherever the pages say what it is. Rather than a second
catalogue, or a placeholder in a hundred messages that every new message would have to repeat,
the pages of a cụm read the catalogue through ClusterTranslation: every translated message says
"cụm" where it says "khối". Data is never touched (names are not translated), and neither is
the English interface, which says "bloc" for both.

members.access activates it once the user's access to a cụm is known (a 404 does not tell a
stranger what the bloc is); khoithidua.middleware.LanguageMiddleware ends it with the request.
Documents are rendered outside requests too (commands, background jobs): they print their words
from Bloc.words (members.models.KindWords), never from this."""

import re

from django.conf import settings
from django.utils.translation import trans_real

_KHOI = re.compile(r"\b(khối|Khối|KHỐI)\b")
_CUM = {"khối": "cụm", "Khối": "Cụm", "KHỐI": "CỤM"}


def as_cluster(text: str) -> str:
    """ "Văn phòng Khối" → "Văn phòng Cụm", "Trưởng khối" → "Trưởng cụm"."""
    return _KHOI.sub(lambda match: _CUM[match.group(1)], text)


class ClusterTranslation:
    """The active catalogue, with a cụm's word for the bloc. Django's gettext, ngettext and
    their context variants all go through these two methods; anything else is the catalogue's."""

    def __init__(self, catalogue):
        self.catalogue = catalogue

    def gettext(self, message):
        return as_cluster(self.catalogue.gettext(message))

    def ngettext(self, singular, plural, number):
        return as_cluster(self.catalogue.ngettext(singular, plural, number))

    def __getattr__(self, name):
        return getattr(self.catalogue, name)


def speak_of(bloc) -> None:
    """For the rest of this request, the pages call the bloc what it is (a khối's are as the
    catalogue says). Django offers no public way to install a translation object; its thread
    local is the one it reads in gettext (tests/members/test_kinds.py pins the behaviour)."""
    if bloc.kind != bloc.Kind.CUM:
        return
    active = getattr(trans_real._active, "value", None)
    active = active or trans_real.translation(settings.LANGUAGE_CODE)
    if isinstance(active, ClusterTranslation) or not active.language().startswith("vi"):
        return
    trans_real._active.value = ClusterTranslation(active)
