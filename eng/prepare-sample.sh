#!/usr/bin/env bash
# Usage: eng/prepare-sample.sh <work-directory>
# Packs TestGate.Sdk from this repository with a version of its own (NuGet never re-extracts a version it has
# seen) into <work>/feed, and copies samples/shop to <work>/shop with a global.json and NuGet.config that make
# its versionless <Sdk Name="TestGate.Sdk" /> resolve to that package. Packing and the consumer configuration
# live in eng/local-sdk.sh, shared with the bench scripts.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
work="$1"
source "$root/eng/local-sdk.sh"

rm -rf "$work"
mkdir -p "$work"
testgate_pack_sdk "$work/feed"

echo "==> Copying samples/shop to $work/shop"
cp -R "$root/samples/shop" "$work/shop"
find "$work/shop" -type d \( -name bin -o -name obj -o -name TestResults \) -prune -exec rm -rf {} +
testgate_use_local_sdk "$work/shop"
