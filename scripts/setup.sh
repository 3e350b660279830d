#!/usr/bin/env bash
# Runnel: install (idempotently) every Debian 12 package needed to build and
# test the project. Prints nothing when everything is already installed.
#
#   scripts/setup.sh            # install missing packages
#   scripts/setup.sh --check    # only report missing packages (exit 1 if any)
#
# Works as root on a fresh Debian 12 machine; uses sudo when not root.
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config git curl ca-certificates
  # java (Kafka test broker, ANTLR tool) + maven (fetches the Kafka jars)
  openjdk-17-jre-headless maven
  # C++ libraries
  librdkafka-dev libantlr4-runtime-dev antlr4 librocksdb-dev libboost-dev
  nlohmann-json3-dev libgtest-dev libgmock-dev libsimdjson-dev libfmt-dev
  libedit-dev libbenchmark-dev
  # test tools
  kcat python3 tzdata
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
  if [[ "$status" != "install ok installed" ]]; then
    missing+=("$pkg")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

if [[ "${1:-}" == "--check" ]]; then
  echo "setup.sh: missing packages: ${missing[*]}" >&2
  exit 1
fi

SUDO=()
if [[ "$(id -u)" -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
  else
    echo "setup.sh: not root and sudo not available; please install: ${missing[*]}" >&2
    exit 1
  fi
fi

echo "setup.sh: installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
  --no-install-recommends "${missing[@]}"

# Verify.
still=()
for pkg in "${missing[@]}"; do
  status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
  [[ "$status" == "install ok installed" ]] || still+=("$pkg")
done
if [[ ${#still[@]} -ne 0 ]]; then
  echo "setup.sh: failed to install: ${still[*]}" >&2
  exit 1
fi
echo "setup.sh: done" >&2
