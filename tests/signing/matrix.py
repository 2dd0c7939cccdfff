"""Permission-matrix rows of digital signatures (tests/matrix.py explains the defaults).

The shared world's report is written but not issued: keeping it for signing is refused with a
message (302 back) for its signers, and an empty signing or upload form is 400. Its signers are
the head unit's people (the leader) and the admin; the secretariat signs only where the year
lets it finish for the leaders. Keys: the secretariat adds any member's, a representative its
own organization's. The province's trust anchors are the province office's."""

import datetime

from django.utils import timezone

from signing.models import SigningKey, TrustAnchor
from tests.matrix import PROVINCE, Case

SIGNERS = frozenset({"leader", "admin"})
NOT_IN_PROVINCE = {
    role: 404 for role in ("observer", "member", "leader", "secretariat", "outsider")
}
CERTIFICATE = "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n"


def build(world):
    until = timezone.now() + datetime.timedelta(days=365)
    world.key = SigningKey.objects.create(
        organization=world.bloc_year.head,
        label="Khóa thử",
        kind=SigningKey.Kind.PKCS12,
        pkcs12=b"p12",
        certificate=CERTIFICATE,
        subject="Người ký",
        issuer="CA thử",
        valid_until=until,
    )
    world.anchor = TrustAnchor.objects.create(
        province=world.bloc.province,
        name="CA thử",
        certificate=CERTIFICATE,
        fingerprint="0" * 64,
        valid_until=until,
    )


def y(world, suffix=""):
    return f"/b/{world.bloc.slug}/{world.bloc_year.year}/signatures/{suffix}"


def p(world, suffix):
    return f"/p/{world.bloc.province.slug}/{suffix}"


def province_case(name, url, **kwargs):
    return Case(name, url, allowed=PROVINCE, expect=NOT_IN_PROVINCE, **kwargs)


CASES = [
    Case("signing:documents", lambda w: y(w)),
    Case("signing:verify", lambda w: y(w, "verify/")),
    Case("signing:verify", lambda w: y(w, "verify/"), method="post", ok=400, variant="no file"),
    Case("signing:document", lambda w: y(w, "report/")),
    Case("signing:document", lambda w: y(w, "nothing/"), ok=404, variant="no such document"),
    # Nothing is kept for signing yet: no copy to download.
    Case("signing:file", lambda w: y(w, "report/copy.pdf"), ok=404),
    Case("signing:keep", lambda w: y(w, "report/keep/"), method="post", allowed=SIGNERS),
    Case("signing:sign", lambda w: y(w, "report/sign/"), method="post", allowed=SIGNERS, ok=400),
    Case(
        "signing:upload", lambda w: y(w, "report/upload/"), method="post", allowed=SIGNERS, ok=400
    ),
    Case(
        "signing:withdraw",
        lambda w: y(w, "report/withdraw/"),
        method="post",
        allowed=SIGNERS,
        ok=400,
    ),
    Case("signing:keys", lambda w: f"/b/{w.bloc.slug}/keys/"),
    Case(
        "signing:key_new",
        lambda w: f"/b/{w.bloc.slug}/keys/new/",
        allowed=frozenset({"member", "leader", "secretariat", "admin"}),
    ),
    Case(
        "signing:key_new",
        lambda w: f"/b/{w.bloc.slug}/keys/new/",
        method="post",
        allowed=frozenset({"member", "leader", "secretariat", "admin"}),
        ok=400,
        variant="empty form",
    ),
    # The key is the head unit's: its leader, the secretariat and the admin retire it.
    Case(
        "signing:key_active",
        lambda w: f"/b/{w.bloc.slug}/keys/{w.key.pk}/active/",
        method="post",
        allowed=frozenset({"leader", "secretariat", "admin"}),
    ),
    province_case("signing:anchors", lambda w: p(w, "trust/")),
    province_case(
        "signing:anchors", lambda w: p(w, "trust/"), method="post", ok=400, variant="empty form"
    ),
    province_case(
        "signing:anchor_remove", lambda w: p(w, f"trust/{w.anchor.pk}/remove/"), method="post"
    ),
    province_case("signing:province_verify", lambda w: p(w, "verify/")),
]
