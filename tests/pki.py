"""A public-key infrastructure made in the test: a certificate authority (cryptography), the
keys and PKCS#12 files it issues, and a real PKCS#11 token on SoftHSM2 (Debian's softhsm2)."""

import os
import shutil
import subprocess
from io import BytesIO

import pytest
from cryptography.hazmat.primitives import serialization
from PIL import Image

from signing.pki import Authority  # noqa: F401 - the tests' authority is the demo's kind

SOFTHSM = "/usr/lib/softhsm/libsofthsm2.so"
SIGNER = "Hà Thị Ngoan"
ORGANIZATION = "Hội Chữ thập đỏ tỉnh Yên Bái"
PASSPHRASE = "mat-khau-cua-khoa"


def png(colour, size=(300, 120)) -> bytes:
    out = BytesIO()
    Image.new("RGBA", size, colour).save(out, format="PNG")
    return out.getvalue()


def softhsm_token(home, authority, *, signer=SIGNER, organization=ORGANIZATION) -> bytes:
    """A token "khoithidua" (user PIN 246810) holding a key "signer" the authority certified,
    with its certificate under the same label; returns the certificate (PEM). SoftHSM reads
    its configuration once a process: tests share one token (the session's fixture)."""
    if not (os.path.exists(SOFTHSM) and shutil.which("softhsm2-util")):
        pytest.fail("softhsm2 is not installed: scripts/sysdeps.sh installs it")
    (home / "tokens").mkdir()
    conf = home / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {home / 'tokens'}\nobjectstore.backend = file\n")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    subprocess.run(
        ["softhsm2-util", "--init-token", "--free", "--label", "khoithidua"]
        + ["--so-pin", "12345678", "--pin", "246810"],
        check=True,
        capture_output=True,
    )
    key, cert = authority.issue(signer, organization)
    pem = home / "key.pem"
    pem.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    subprocess.run(
        ["softhsm2-util", "--import", str(pem), "--token", "khoithidua", "--label", "signer"]
        + ["--id", "01", "--pin", "246810"],
        check=True,
        capture_output=True,
    )
    pem.unlink()  # the key now lives only on the token
    _store_certificate(cert)
    return cert.public_bytes(serialization.Encoding.PEM)


def _store_certificate(cert) -> None:
    """The certificate beside its key, under the same label, as a token's issuer leaves it."""
    import pkcs11
    from pkcs11 import Attribute, CertificateType, ObjectClass

    token = pkcs11.lib(SOFTHSM).get_token(token_label="khoithidua")
    with token.open(rw=True, user_pin="246810") as session:
        session.create_object(
            {
                Attribute.CLASS: ObjectClass.CERTIFICATE,
                Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                Attribute.TOKEN: True,
                Attribute.LABEL: "signer",
                Attribute.ID: b"\x01",
                Attribute.SUBJECT: cert.subject.public_bytes(),
                Attribute.VALUE: cert.public_bytes(serialization.Encoding.DER),
            }
        )
