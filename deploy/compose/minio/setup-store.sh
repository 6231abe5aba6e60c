#!/bin/sh
# Creates the private image bucket, its encryption and lifecycle settings, and the three
# least-privilege store users. Safe to run again, because every step replaces or keeps what exists.
#
# Runs in the MinIO client image (quay.io/minio/mc) and needs nothing but a POSIX shell and mc.
# Required environment: STORE_URL, MINIO_ROOT_USER, MINIO_ROOT_PASSWORD, and the access and secret
# key of each store user (UPLOAD_STORE_*, SERVING_STORE_*, EXPIRY_STORE_*).
# SETUP_DIR is the folder with lifecycle.json and policies/ (default: the folder of this script).
# MINIO_CONFIG_ENV_FILE, if set, is a MinIO operator config.env ("export MINIO_ROOT_USER=...")
# that is read for the root credentials.
set -eu

if [ -n "${MINIO_CONFIG_ENV_FILE:-}" ]; then
  # shellcheck disable=SC1090
  . "$MINIO_CONFIG_ENV_FILE"
fi

SETUP_DIR="${SETUP_DIR:-$(dirname "$0")}"
BUCKET="${TEMPPIC_STORE_BUCKET:-temppic-images}"
ALIAS=store

require_env() {
  for name in "$@"; do
    eval "value=\${$name:-}"
    if [ -z "$value" ]; then
      echo "setup-store: missing environment variable $name" >&2
      exit 2
    fi
  done
}

require_env STORE_URL MINIO_ROOT_USER MINIO_ROOT_PASSWORD \
  UPLOAD_STORE_ACCESS_KEY UPLOAD_STORE_SECRET_KEY \
  SERVING_STORE_ACCESS_KEY SERVING_STORE_SECRET_KEY \
  EXPIRY_STORE_ACCESS_KEY EXPIRY_STORE_SECRET_KEY

# The alias is kept in the container's own config folder and removed with the container.
mc alias set "$ALIAS" "$STORE_URL" "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD" >/dev/null

echo "setup-store: bucket $BUCKET"
mc mb --ignore-existing "$ALIAS/$BUCKET"
# Keeps the bucket private, with no anonymous access of any kind.
mc anonymous set none "$ALIAS/$BUCKET"
# Server-side encryption with the KMS key (SSE-S3), on top of the services' own envelope encryption.
mc encrypt set sse-s3 "$ALIAS/$BUCKET"
# The lifecycle rule is the last line of defence. It removes objects older than one day even if
# every service is down.
# Import replaces any earlier rules, so re-running does not add duplicates.
mc ilm rule import "$ALIAS/$BUCKET" < "$SETUP_DIR/lifecycle.json"

create_user() {
  policy="$1"
  access_key="$2"
  secret_key="$3"
  echo "setup-store: user $access_key with policy $policy"
  # policy create replaces an existing policy of the same name, and user add updates the secret key.
  mc admin policy create "$ALIAS" "$policy" "$SETUP_DIR/policies/$policy.json"
  mc admin user add "$ALIAS" "$access_key" "$secret_key" >/dev/null
  # Re-attaching an attached policy succeeds on mc releases from October 2024 on.
  mc admin policy attach "$ALIAS" "$policy" --user "$access_key"
}

create_user temppic-upload "$UPLOAD_STORE_ACCESS_KEY" "$UPLOAD_STORE_SECRET_KEY"
create_user temppic-serving "$SERVING_STORE_ACCESS_KEY" "$SERVING_STORE_SECRET_KEY"
create_user temppic-expiry "$EXPIRY_STORE_ACCESS_KEY" "$EXPIRY_STORE_SECRET_KEY"

echo "setup-store: done"
