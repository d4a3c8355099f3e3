#!/usr/bin/env bash
# Renders one deployment of an overlay into <output> (what kubectl apply -f takes). The values of the deployment come
# from the environment and go to deploy/k8s/overlays/<overlay>/environment.env (git-ignored):
#   IMAGE            the api image by digest: <registry>/<repository>@sha256:<64 hex> (pipe.yaml's image job)
#   API_HOST         the public host name (terraform output -raw api_host)
#   CERTIFICATE_ARN  the ACM certificate of API_HOST (terraform output -raw certificate_arn); production only
#   BACKUP_BUCKET    the database's backup bucket (terraform output -raw database_backup_bucket); production only
#   AWS_REGION       the region of the stack and the bucket (terraform output -raw region); production only
# Every problem is listed at once, and nothing is written unless all values are sound. The rendered objects are
# checked too: the image is IMAGE, and no placeholder (a zero account id, example.com, a zero ARN) survives.
set -euo pipefail
overlay="${1:-}"
output="${2:-}"
directory="$(cd "$(dirname "$0")" && pwd)/overlays/$overlay"
if [ -z "$overlay" ] || [ ! -f "$directory/kustomization.yaml" ] || [ -z "$output" ]; then
  echo "usage: $0 <overlay> <output file>   (an overlay of deploy/k8s/overlays: $(ls "$(dirname "$0")/overlays" | tr '\n' ' '))" >&2
  exit 2
fi

problems=()
placeholders='(^|[^0-9])0{12}([^0-9]|$)|example\.(com|org|net)|00000000-0000-0000-0000-000000000000'
placeholder() { [[ "$1" =~ $placeholders ]]; }
check() { # name value pattern what
  if [ -z "$2" ]; then problems+=("$1 is not set: $4")
  elif placeholder "$2"; then problems+=("$1 is a placeholder ($2): $4")
  elif [[ ! "$2" =~ $3 ]]; then problems+=("$1 ($2) is not $4")
  fi
}
check IMAGE "${IMAGE:-}" '^[a-z0-9.-]+(:[0-9]+)?/[a-z0-9._/-]+@sha256:[0-9a-f]{64}$' \
  'the api image by digest, <registry>/<repository>@sha256:<64 hex digits>'
check API_HOST "${API_HOST:-}" '^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,63}$' \
  'the public host name, e.g. the output of terraform -chdir=deploy/terraform output -raw api_host'
if [ "$overlay" = production ]; then
  check CERTIFICATE_ARN "${CERTIFICATE_ARN:-}" '^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/[0-9a-f-]{36}$' \
    'the ARN of the certificate of API_HOST, the output of terraform -chdir=deploy/terraform output -raw certificate_arn'
  check BACKUP_BUCKET "${BACKUP_BUCKET:-}" '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$' \
    'the name of the database backup bucket, the output of terraform -chdir=deploy/terraform output -raw database_backup_bucket'
  check AWS_REGION "${AWS_REGION:-}" '^[a-z]{2}(-[a-z]+)+-[0-9]$' \
    'an AWS region such as eu-west-1, the output of terraform -chdir=deploy/terraform output -raw region'
fi
if [ "${#problems[@]}" -gt 0 ]; then
  printf 'error: %s\n' "${problems[@]}" >&2
  echo "${#problems[@]} problem(s); $directory/environment.env was not written." >&2
  exit 1
fi

{
  echo "# Written by deploy/k8s/render.sh; git-ignored."
  echo "image=$IMAGE"
  echo "host=$API_HOST"
  if [ "$overlay" = production ]; then
    echo "certificate-arn=$CERTIFICATE_ARN"
    echo "backup-bucket=$BACKUP_BUCKET"
    echo "region=$AWS_REGION"
  fi
} > "$directory/environment.env"

kubectl kustomize "$directory" > "$output"
if ! grep -qF "image: $IMAGE" "$output"; then
  echo "error: $output does not run $IMAGE: is the api container still named api in the base?" >&2
  rm -f "$output"
  exit 1
fi
if grep -nE "$placeholders" "$output" >&2; then
  echo "error: placeholders survive in $output (the lines above): replace them in deploy/k8s/overlays/$overlay or the base" >&2
  rm -f "$output"
  exit 1
fi
echo "rendered deploy/k8s/overlays/$overlay into $output (image $IMAGE, host $API_HOST)"
