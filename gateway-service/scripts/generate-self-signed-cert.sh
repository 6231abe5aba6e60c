#!/usr/bin/env bash
# Creates a self-signed certificate for local HTTPS as a PKCS#12 keystore, for use with the "tls" profile.
#
# Usage: generate-self-signed-cert.sh [KEYSTORE] [PASSWORD]
#   KEYSTORE  output file, default .temppic/tls/gateway.p12 (the tls profile's default location)
#   PASSWORD  keystore password, default "changeit" (the tls profile's default password)
#
# The certificate is valid for 30 days for localhost and 127.0.0.1, with an ECDSA P-256 key. Browsers warn about it
# because no authority signed it; use it for local testing only.
set -euo pipefail

keystore="${1:-.temppic/tls/gateway.p12}"
password="${2:-changeit}"

if [[ -n "${JAVA_HOME:-}" && -x "${JAVA_HOME}/bin/keytool" ]]; then
  keytool="${JAVA_HOME}/bin/keytool"
elif command -v keytool > /dev/null; then
  keytool="$(command -v keytool)"
else
  echo "keytool not found: install a JDK or set JAVA_HOME" >&2
  exit 1
fi

if [[ -e "$keystore" ]]; then
  echo "$keystore already exists; delete it first to create a new certificate" >&2
  exit 1
fi

mkdir -p "$(dirname "$keystore")"
"$keytool" -genkeypair -alias gateway -keyalg EC -groupname secp256r1 -sigalg SHA256withECDSA \
  -dname "CN=localhost" -ext "SAN=dns:localhost,ip:127.0.0.1" -validity 30 \
  -storetype PKCS12 -keystore "$keystore" -storepass "$password" -keypass "$password" > /dev/null
chmod 600 "$keystore"
echo "Created $keystore. Start the gateway with SPRING_PROFILES_ACTIVE=tls (and TEMPPIC_TLS_KEYSTORE_PASSWORD if you chose a password)."
