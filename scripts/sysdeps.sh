#!/usr/bin/env bash
# The system packages the app needs: Pango for WeasyPrint, a serif font with every Vietnamese
# letter for the PDFs, Debian's chromium for the browser tests, gettext for the translations,
# SoftHSM2 and NSS's tools for the signature tests.
# Installs them when we are root with apt; otherwise names them and stops.
set -euo pipefail
missing=()
# Read each listing whole before grepping: `grep -q` would close the pipe early and, under
# pipefail, report a present package as missing.
libraries=$(ldconfig -p 2>/dev/null || true)
fonts=$(fc-list 2>/dev/null || true)
have_lib() { grep -q "$1" <<<"$libraries"; }
have_lib 'libpango-1.0.so' || missing+=(libpango-1.0-0)
have_lib 'libpangoft2-1.0.so' || missing+=(libpangoft2-1.0-0)
grep -q 'LiberationSerif-Regular' <<<"$fonts" || missing+=(fonts-liberation2)
command -v chromium >/dev/null || missing+=(chromium)
command -v msgfmt >/dev/null || missing+=(gettext)
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
# Digital signatures: a real PKCS#11 token for the tests, and NSS's tools that let poppler's
# pdfsig check our signatures independently of pyHanko.
[ -e /usr/lib/softhsm/libsofthsm2.so ] || missing+=(softhsm2)
command -v certutil >/dev/null || missing+=(libnss3-tools)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
echo "Missing system packages: ${missing[*]}" >&2
echo "Install them with: sudo apt-get install ${missing[*]}" >&2
exit 1
