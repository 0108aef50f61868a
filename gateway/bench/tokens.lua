-- Rotates through the tokens in TOKENS_FILE (one per line), one request each, each wrk thread starting at its own
-- offset, so every token comes back only after all the others: a cache of verified tokens only helps after a full turn.
local file = os.getenv("TOKENS_FILE")
local threads = 0

function setup(thread)
  thread:set("offset", threads)
  threads = threads + 1
end

function init(args)
  tokens = {}
  for token in io.lines(file) do
    tokens[#tokens + 1] = "Bearer " .. token
  end
  index = (offset * 7919) % #tokens
end

function request()
  index = index % #tokens + 1
  return wrk.format(nil, nil, { Authorization = tokens[index] })
end
