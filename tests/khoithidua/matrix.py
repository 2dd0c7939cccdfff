"""Permission-matrix rows for the year's end (tests/matrix.py explains the defaults).

The shared world's year is open and has no meeting: signing off and closing are refused with a
message (302 back) for the roles allowed to try, and 403 for the others."""

from tests.khoithidua.factories import written_report
from tests.matrix import LEADERS, MANAGERS, Case

ADMIN_ONLY = frozenset({"admin"})


def build(world):
    world.report = written_report(world.bloc_year)


def y(world, suffix=""):
    return f"/b/{world.bloc.slug}/{world.bloc_year.year}/{suffix}"


CASES = [
    Case("khoithidua:report", lambda w: y(w, "report/")),
    Case("khoithidua:report_preview", lambda w: y(w, "report/preview/")),
    Case("khoithidua:report_pdf", lambda w: y(w, "report/pdf/")),
    Case(
        "khoithidua:report_start",
        lambda w: y(w, "report/start/"),
        method="post",
        allowed=MANAGERS,
    ),
    Case("khoithidua:report_edit", lambda w: y(w, "report/edit/"), allowed=MANAGERS),
    Case(
        "khoithidua:report_sign_off",
        lambda w: y(w, "report/sign-off/"),
        method="post",
        allowed=LEADERS,
    ),
    Case("khoithidua:dossier", lambda w: y(w, "dossier/")),
    Case("khoithidua:document_word", lambda w: y(w, "documents/report.docx")),
    Case("khoithidua:register", lambda w: y(w, "register/")),
    Case("khoithidua:year_xlsx", lambda w: y(w, "export.xlsx")),
    Case("khoithidua:close", lambda w: y(w, "close/"), allowed=LEADERS),
    Case("khoithidua:year_delete", lambda w: y(w, "delete/"), allowed=MANAGERS),
    Case("khoithidua:reopen", lambda w: y(w, "reopen/"), allowed=ADMIN_ONLY | {"province_office"}),
]
