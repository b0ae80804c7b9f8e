#!/usr/bin/env bash
# What the test suite needs besides npm packages, installed or started only when missing:
# the pinned Temporal binaries, Debian's Chromium (browser tests, PDFs), poppler-utils (pdfsig,
# pdftotext), NSS tools (certutil, for pdfsig's trust store), zbar (QR decoding), docker-compose (to
# validate docker-compose.yml; no Docker engine needed), pyHanko (an independent PAdES validator) and
# schemathesis (an API fuzzer), both pinned in .tools/venv, and a running MariaDB on 127.0.0.1:3306.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-tools.sh

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v pdfsig >/dev/null || missing+=(poppler-utils)
command -v certutil >/dev/null || missing+=(libnss3-tools)
command -v zbarimg >/dev/null || missing+=(zbar-tools)
fc-list 2>/dev/null | grep -qi liberation || missing+=(fonts-liberation)
# Without its recommended docker.io: `docker-compose config` needs no engine.
lean=()
command -v docker-compose >/dev/null || lean+=(docker-compose)
if [ $((${#missing[@]} + ${#lean[@]})) -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing Debian packages: ${missing[*]} ${lean[*]} (install them as root: apt-get install ${missing[*]} ${lean[*]})" >&2
    exit 1
  fi
  echo "Installing ${missing[*]} ${lean[*]} ..."
  apt-get update -qq
  [ ${#missing[@]} -eq 0 ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  [ ${#lean[@]} -eq 0 ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${lean[@]}" >/dev/null
fi

# Python tools, pinned, in .tools/venv: each installed when missing or at another version.
venv_tool() { # <executable> <package> <version>
  if [ ! -x ".tools/venv/bin/$1" ] || ! .tools/venv/bin/pip show "$2" 2>/dev/null | grep -q "^Version: $3$"; then
    echo "Installing $2 $3 into .tools/venv ..."
    [ -x .tools/venv/bin/pip ] || python3 -m venv .tools/venv
    .tools/venv/bin/pip install --quiet --disable-pip-version-check "$2==$3"
  fi
}
venv_tool pyhanko pyhanko-cli 0.6.0
# Fuzzes the JSON API from its OpenAPI document (test/security/openapi-fuzz.test.ts).
venv_tool schemathesis schemathesis 4.32.5

mysql_url=${TEST_MYSQL_URL:-mysql://root@127.0.0.1:3306}
if [ "$mysql_url" = "mysql://root@127.0.0.1:3306" ] && ! mysqladmin -h127.0.0.1 -uroot ping >/dev/null 2>&1; then
  echo "Starting MariaDB ..."
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
  for _ in $(seq 1 60); do
    mysqladmin -h127.0.0.1 -uroot ping >/dev/null 2>&1 && break
    sleep 1
  done
  mysqladmin -h127.0.0.1 -uroot ping >/dev/null
fi
