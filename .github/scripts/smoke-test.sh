#!/usr/bin/env bash
# Smoke test of a deployed comments api: replays the DevOps challenge's curl session against it.
#
#   .github/scripts/smoke-test.sh https://comments.example.com      (or PUBLIC_API_URL=... smoke-test.sh)
#
# Waits until GET / answers {"status":"UP"} (new load balancers and DNS records take minutes), then posts three
# comments to a fresh story and three to another, lists both (three each, in posting order) and lists a third
# story that has none (404 NOT-FOUND). Fresh random story ids keep runs apart and leave real stories alone.
# Needs bash, curl and jq. Exit 0: every answer as expected; 1: a check failed (the reason is printed); 2: usage.
# Settings (environment): SMOKE_WAIT_SECONDS (default 600) bounds the wait for the endpoint, SMOKE_TIMEOUT_SECONDS
# (default 15) bounds each request.
set -euo pipefail

base="${1:-${PUBLIC_API_URL:-}}"
base="${base%/}"
wait_seconds="${SMOKE_WAIT_SECONDS:-600}"
request_timeout="${SMOKE_TIMEOUT_SECONDS:-15}"

fail() {
  # One line the job log and the GitHub annotations both show, then stop.
  if [ -n "${GITHUB_ACTIONS:-}" ]; then
    echo "::error title=smoke test failed::$1" >&2
  fi
  echo "FAIL: $1" >&2
  exit 1
}

if [ -z "$base" ]; then
  echo "usage: $0 <base url, e.g. https://comments.example.com> (or set PUBLIC_API_URL)" >&2
  exit 2
fi
case "$base" in
  http://* | https://*) ;;
  *) echo "error: '$base' is not an http(s) URL" >&2; exit 2 ;;
esac
for tool in curl jq; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool is not installed"
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# request METHOD PATH [JSON BODY]: sets $status (HTTP status, 000 when no answer) and $body (the answer's body).
request() {
  local method="$1" path="$2" data="${3:-}"
  local args=(--silent --show-error --max-time "$request_timeout" --request "$method"
              --output "$work/body" --write-out '%{http_code}' --header 'Accept: application/json')
  if [ -n "$data" ]; then
    args+=(--header 'Content-Type: application/json' --data-binary "$data")
  fi
  : >"$work/body"
  status="$(curl "${args[@]}" "$base$path" 2>"$work/error")" || status="000"
  body="$(cat "$work/body")"
  if [ "$status" = "000" ]; then
    body="(no answer: $(tr -d '\n' <"$work/error"))"
  fi
}

echo "Smoke test of $base"

# 1. Wait for the endpoint: GET / answers 200 {"status":"UP"}.
deadline=$((SECONDS + wait_seconds))
while :; do
  request GET /
  if [ "$status" = "200" ] && jq -e '.status == "UP"' >/dev/null 2>&1 <<<"$body"; then
    echo "ok   GET / is UP: $body"
    break
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    fail "GET $base/ did not answer 200 {\"status\":\"UP\"} within ${wait_seconds}s; last answer: HTTP $status $body"
  fi
  echo "wait GET / answered HTTP $status; retrying in 10s"
  sleep 10
done

# 2. Fresh story ids (1-64 letters, digits, '.', '_' or '-'): nobody has commented on them yet.
run="smoke-$(date -u +%Y%m%d%H%M%S)-${GITHUB_RUN_ID:-local}-$RANDOM$RANDOM"
first="$run-1"
second="$run-2"
missing="$run-3"

# The challenge's six comments: three on the first story, three on the second.
posts=(
  "$first|alice@example.com|first post!"
  "$first|alice@example.com|ok, now I am gonna say something more useful"
  "$first|bob@example.com|I agree"
  "$second|bob@example.com|I guess this is a good thing"
  "$second|charlie@example.com|Indeed, dear Bob, I believe so as well"
  "$second|eve@example.com|Nah, you both are wrong"
)

# 3. Post them. No retries: a retried POST could store a comment twice and break the list check.
for post in "${posts[@]}"; do
  IFS='|' read -r story email comment <<<"$post"
  payload="$(jq -cn --arg email "$email" --arg comment "$comment" --arg story "$story" \
    '{email: $email, comment: $comment, content_id: $story}')"
  request POST /api/comment/new "$payload"
  [ "$status" = "200" ] || fail "POST /api/comment/new $payload answered HTTP $status (expected 200): $body"
  expected_message="comment created and associated with content_id $story"
  jq -e --arg message "$expected_message" '.status == "SUCCESS" and .message == $message' >/dev/null 2>&1 <<<"$body" \
    || fail "POST /api/comment/new $payload answered an unexpected body (expected status SUCCESS, message '$expected_message'): $body"
  echo "ok   POST /api/comment/new ($email on $story)"
done

# 4. List both stories: exactly their three comments, in posting order.
for story in "$first" "$second"; do
  expected="$(printf '%s\n' "${posts[@]}" | jq -R -s -c --arg story "$story" \
    '[split("\n")[] | select(length > 0) | split("|") | select(.[0] == $story) | {email: .[1], comment: (.[2:] | join("|"))}]')"
  request GET "/api/comment/list/$story"
  [ "$status" = "200" ] || fail "GET /api/comment/list/$story answered HTTP $status (expected 200): $body"
  actual="$(jq -c '[.[] | {email, comment}]' 2>/dev/null <<<"$body")" \
    || fail "GET /api/comment/list/$story did not answer a JSON array of comments: $body"
  [ "$actual" = "$expected" ] \
    || fail "GET /api/comment/list/$story listed the wrong comments; expected $expected, got $actual"
  jq -e 'all(.[]; (.id | type) == "number" and (.created_at | type) == "string")' >/dev/null <<<"$body" \
    || fail "GET /api/comment/list/$story: a comment lacks a numeric id or a created_at: $body"
  echo "ok   GET /api/comment/list/$story lists its 3 comments in order"
done

# 5. A story without comments: 404 with the original's NOT-FOUND document.
request GET "/api/comment/list/$missing"
[ "$status" = "404" ] || fail "GET /api/comment/list/$missing answered HTTP $status (expected 404): $body"
jq -e --arg message "content_id $missing not found" '.status == "NOT-FOUND" and .message == $message' >/dev/null 2>&1 <<<"$body" \
  || fail "GET /api/comment/list/$missing answered 404 with an unexpected body (expected {\"status\":\"NOT-FOUND\",\"message\":\"content_id $missing not found\"}): $body"
echo "ok   GET /api/comment/list/$missing is 404 NOT-FOUND"

echo "PASS: the challenge session against $base"
