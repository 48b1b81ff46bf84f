-- Shared by the alert scripts (server/src/alerts/lua): causes and their alerts.
-- Key names as in store/keys.ts: al:c:<cause>, al:a:<alertId>.

--- The newest id in the stream ('0-0' when empty).
local function lastEventId(stream)
  local last = redis.call('XREVRANGE', stream, '+', '-', 'COUNT', 1)
  if #last == 0 then return '0-0' end
  return last[1][1]
end

--- Appends one step to the alert's history (a JSON list in the hash).
local function addStep(alertKey, step)
  local history = cjson.decode(redis.call('HGET', alertKey, 'history') or '[]')
  history[#history + 1] = step
  redis.call('HSET', alertKey, 'history', cjson.encode(history))
end
