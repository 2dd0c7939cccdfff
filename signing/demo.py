"""The demo's signing: the demo province trusts a demo certificate authority, and the 2022 head
unit has a key it certified for its signer (passphrase: the demo password), with a signature
and a seal drawn here. Anyone trying the demo can sign the 2022 documents; nothing real is
certified. Idempotent: done once."""

from io import BytesIO

from members.demo import PASSWORD, SLUG
from members.models import BlocYear
from members.selectors import signer_of
from signing import services
from signing.models import SigningKey
from signing.pki import Authority
from signing.selectors import province_of

LABEL = "Khóa minh họa (chỉ dùng cho bản demo)"
FONT = "/usr/share/fonts/truetype/liberation/LiberationSerif-Italic.ttf"


def _signature(name: str) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGBA", (480, 160), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    try:
        font = ImageFont.truetype(FONT, 64)
    except OSError:
        font = ImageFont.load_default()
    draw.text((240, 80), name.split()[-1], fill=(20, 40, 160, 255), font=font, anchor="mm")
    out = BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _seal() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (240, 240), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((6, 6, 234, 234), outline=(200, 20, 20, 210), width=10)
    draw.ellipse((50, 50, 190, 190), outline=(200, 20, 20, 210), width=5)
    draw.regular_polygon((120, 120, 30), 5, fill=(200, 20, 20, 210))
    out = BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def load() -> SigningKey | None:
    bloc_year = (
        BlocYear.objects.select_related("bloc__province", "head")
        .filter(bloc__slug=SLUG, year=2022)
        .first()
    )
    if bloc_year is None or bloc_year.head is None:
        return None
    existing = SigningKey.objects.filter(organization=bloc_year.head, label=LABEL).first()
    if existing is not None:
        return existing
    authority = Authority("CA minh họa của bản demo khoithidua")
    services.anchor_add(province=province_of(bloc_year), user=None, data=authority.pem)
    signer = signer_of(bloc_year, bloc_year.head).signer_name
    return services.key_add(
        organization=bloc_year.head,
        user=None,
        label=LABEL,
        kind=SigningKey.Kind.PKCS12,
        secret=PASSWORD,
        pkcs12_data=authority.pkcs12(signer, bloc_year.head.name, passphrase=PASSWORD),
        signature_image=_signature(signer),
        seal_image=_seal(),
    )
