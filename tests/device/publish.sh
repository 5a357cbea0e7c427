#!/usr/bin/env bash
# Builds the self-contained linux-x64 CLI for a GPU machine without .NET: artifacts/device/lwb (about 43 MB, under
# the device tool's 64 MiB carry limit). Trimming is partial: only framework assemblies are trimmed.
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet publish src/LatentWorkbench.Cli -c Release -r linux-x64 --self-contained \
  -p:PublishTrimmed=true -p:TrimMode=partial -p:SuppressTrimAnalysisWarnings=true -p:TreatWarningsAsErrors=false \
  -o artifacts/device/lwb
du -sh artifacts/device/lwb
