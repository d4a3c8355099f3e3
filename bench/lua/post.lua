-- POST /api/comment/new on a random seeded story
local stories = tonumber(os.getenv("BENCH_STORIES") or "1000")
local n = 0
math.randomseed(7)
request = function()
  n = n + 1
  local body = '{"email":"bench@example.com","comment":"benchmark comment ' .. n .. '","content_id":' .. math.random(1, stories) .. '}'
  return wrk.format("POST", "/api/comment/new", { ["Content-Type"] = "application/json" }, body)
end
