-- 90 % GET list, 10 % POST new, on random seeded stories
local stories = tonumber(os.getenv("BENCH_STORIES") or "1000")
local n = 0
math.randomseed(11)
request = function()
  n = n + 1
  local story = math.random(1, stories)
  if n % 10 == 0 then
    local body = '{"email":"bench@example.com","comment":"mixed comment ' .. n .. '","content_id":' .. story .. '}'
    return wrk.format("POST", "/api/comment/new", { ["Content-Type"] = "application/json" }, body)
  end
  return wrk.format("GET", "/api/comment/list/" .. story)
end
