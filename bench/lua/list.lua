-- GET /api/comment/list/<random seeded story>
local stories = tonumber(os.getenv("BENCH_STORIES") or "1000")
math.randomseed(42)
request = function()
  return wrk.format("GET", "/api/comment/list/" .. math.random(1, stories))
end
