-- Paces each wrk connection: after an answer it waits a random, exponentially distributed time (mean MEAN_GAP_MS)
-- before the next request, so the offered load is roughly Poisson and stays below saturation for both proxies.
-- Latency is then what a request costs, not how long it queued behind a saturated CPU.
local mean_gap = tonumber(os.getenv("MEAN_GAP_MS") or "4")

function setup(thread)
  thread:set("seed", math.random(1, 2 ^ 30))
end

function init(args)
  math.randomseed(seed)
end

function delay()
  return math.floor(-math.log(1 - math.random()) * mean_gap + 0.5)
end
