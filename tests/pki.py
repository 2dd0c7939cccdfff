"""A public-key infrastructure made in the test: a certificate authority (cryptography), the
keys and PKCS#12 files it issues, and a real PKCS#11 token on SoftHSM2 (Debian's softhsm2)."""

import datetime
import os
import shutil
import subprocess
from io import BytesIO

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from PIL import Image

SOFTHSM = "/usr/lib/softhsm/libsofthsm2.so"
SIGNER = "Hà Thị Ngoan"
ORGANIZATION = "Hội Chữ thập đỏ tỉnh Yên Bái"
PASSPHRASE = "mat-khau-cua-khoa"


def _name(common_name, organization=None):
    parts = [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN")]
    if organization:
        parts.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization))
    parts.append(x509.NameAttribute(NameOID.COMMON_NAME, common_name))
    return x509.Name(parts)


def _certificate(subject, issuer, public_key, signing_key, *, ca: bool):
    now = datetime.datetime.now(datetime.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(signing_key.public_key()),
            critical=False,
        )
    )
    if ca:
        usage = x509.KeyUsage(False, False, False, False, False, True, True, False, False)
    else:
        usage = x509.KeyUsage(True, True, False, False, False, False, False, False, False)
    return builder.add_extension(usage, critical=True).sign(signing_key, hashes.SHA256())


class Authority:
    """A root certificate authority and the certificates it issues."""

    def __init__(self, name):
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.cert = _certificate(_name(name), _name(name), self.key.public_key(), self.key, ca=True)

    @property
    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)

    def issue(self, common_name, organization):
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        cert = _certificate(
            _name(common_name, organization),
            self.cert.subject,
            key.public_key(),
            self.key,
            ca=False,
        )
        return key, cert

    def pkcs12(self, common_name=SIGNER, organization=ORGANIZATION, passphrase=PASSPHRASE):
        """A .p12 file of a new key it certifies (unencrypted when passphrase is None)."""
        key, cert = self.issue(common_name, organization)
        encryption = (
            serialization.BestAvailableEncryption(passphrase.encode())
            if passphrase
            else serialization.NoEncryption()
        )
        return pkcs12.serialize_key_and_certificates(b"signer", key, cert, [self.cert], encryption)


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
