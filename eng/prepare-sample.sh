#!/usr/bin/env bash
# Usage: eng/prepare-sample.sh <work-directory>
# Packs TestGate.Sdk from this repository with a version of its own (NuGet never re-extracts a version it has
# seen) into <work>/feed, and copies samples/shop to <work>/shop with a global.json and NuGet.config that make
# its versionless <Sdk Name="TestGate.Sdk" /> resolve to that package.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
work="$1"
version="1.0.0-local.$(date -u +%Y%m%d%H%M%S)"

rm -rf "$work"
mkdir -p "$work"
echo "==> Packing TestGate.Sdk $version"
dotnet pack "$root/sdk/TestGate.Sdk/TestGate.Sdk.csproj" -c Release -o "$work/feed" "-p:Version=$version" -nologo -v:quiet

echo "==> Copying samples/shop to $work/shop"
cp -R "$root/samples/shop" "$work/shop"
find "$work/shop" -type d \( -name bin -o -name obj -o -name TestResults \) -prune -exec rm -rf {} +
cat > "$work/shop/global.json" <<JSON
{
  "msbuild-sdks": {
    "TestGate.Sdk": "$version"
  }
}
JSON
cat > "$work/shop/NuGet.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="testgate-local" value="$work/feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
XML
