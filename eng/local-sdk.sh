#!/usr/bin/env bash
# Sourced (not run) by eng/prepare-sample.sh and bench/*.sh: packs TestGate.Sdk from this repository under a
# version of its own (NuGet never re-extracts a version it has seen, so a reused version would test a stale
# package) and points a consumer directory at that package.
#
#   source "$root/eng/local-sdk.sh"
#   testgate_pack_sdk <feed-directory> [label]        # sets TESTGATE_SDK_VERSION=1.0.0-<label>.<UTC timestamp>
#   testgate_use_local_sdk <consumer-directory>       # writes global.json (msbuild-sdks) and NuGet.config there

testgate_repository_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

testgate_pack_sdk() {
  local feed="$1" label="${2:-local}"
  TESTGATE_SDK_VERSION="1.0.0-$label.$(date -u +%Y%m%d%H%M%S)"
  TESTGATE_SDK_FEED="$(mkdir -p "$feed" && cd "$feed" && pwd)"
  echo "==> Packing TestGate.Sdk $TESTGATE_SDK_VERSION"
  dotnet pack "$testgate_repository_root/sdk/TestGate.Sdk/TestGate.Sdk.csproj" -c Release -o "$TESTGATE_SDK_FEED" \
    "-p:Version=$TESTGATE_SDK_VERSION" -nologo -v:quiet
}

testgate_use_local_sdk() {
  local consumer="$1"
  : "${TESTGATE_SDK_VERSION:?call testgate_pack_sdk first}"
  mkdir -p "$consumer"
  cat > "$consumer/global.json" <<JSON
{
  "msbuild-sdks": {
    "TestGate.Sdk": "$TESTGATE_SDK_VERSION"
  }
}
JSON
  cat > "$consumer/NuGet.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="testgate-local" value="$TESTGATE_SDK_FEED" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
XML
}
