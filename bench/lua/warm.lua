-- Warm-up for the 1,000,000-comment runs: every seeded story in order, again and again, so that a run of a few
-- seconds reads each story at least once (bench/run.py checks that it did)
local stories = tonumber(os.getenv("BENCH_STORIES") or "1000")
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", "/api/comment/list/" .. ((n - 1) % stories + 1))
end
