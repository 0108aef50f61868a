-- POSTs one bulk body of BODY_BYTES (default 1 MiB) of NDJSON lines per request, with a fixed Content-Length, so each
-- proxy has to stream the whole body to the upstream (which reads all of it before answering).
local size = tonumber(os.getenv("BODY_BYTES") or "1048576")
local line = '{"surveyId":"s1","score":5,"comment":"bench line padded to a typical bulk response row.........."}\n'
local body = string.rep(line, math.floor(size / #line))
body = body .. string.rep(" ", size - #body)
wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/x-ndjson"
