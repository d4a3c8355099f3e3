#!/usr/bin/env bash
# Regenerates the kustomize base from aspire-manifest.json. Run from anywhere; optional argument: output directory
# (default deploy/k8s/base). A test runs this script and fails when the committed base differs from its output.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
output="${1:-$root/deploy/k8s/base}"
cd "$root"
# PUBLISHER: another build of the publisher to run, e.g. the installed tool (aspire-k8s).
${PUBLISHER:-dotnet run --project Publisher ${PUBLISHER_RUN_ARGS:-} --} aspire-manifest.json \
  --output "$output" \
  --probe api=readiness:/health \
  --probe api=liveness:/alive \
  --probe api=startup:/alive \
  --metrics api=/metrics \
  --host api=comments.example.com \
  --database postgres=cloudnativepg \
  --dashboard AppHost/observability/grafana/dashboards/comments-api.json
