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

--- Starts a cause: its deadline goes on the due set. Causes of tickets that vanish expire.
local function startCause(dueKey, op)
  local ck = P .. 'al:c:' .. op.c
  local fields = { 'kind', op.kind, 'start', op.start, 'y', op.y, 'r', op.r, 'ly', op.ly,
    'lr', op.lr, 'level', 'none' }
  for _, f in ipairs({ 'serviceId', 'windowId', 'clerkId', 'ticketId', 'number', 'pauseKind',
      'score', 'final' }) do
    if op[f] ~= nil then
      table.insert(fields, f)
      table.insert(fields, tostring(op[f]))
    end
  end
  redis.call('HSET', ck, unpack(fields))
  redis.call('PEXPIRE', ck, 3 * 24 * 3600 * 1000)
  redis.call('ZADD', dueKey, op.y, op.c)
end

--- Ends a cause; its alert, if raised and not yet cleared, clears. Returns the event id or nil.
local function endCause(events, dueKey, openKey, c, at)
  local ck = P .. 'al:c:' .. c
  local aid = hget(ck, 'alertId')
  local kind = hget(ck, 'kind')
  redis.call('DEL', ck)
  redis.call('ZREM', dueKey, c)
  if aid == nil then return nil end
  local ak = P .. 'al:a:' .. aid
  if redis.call('EXISTS', ak) == 0 or hget(ak, 'clearedAt') then return nil end
  redis.call('HSET', ak, 'clearedAt', at, 'open', '0')
  addStep(ak, { action = 'cleared', at = at })
  redis.call('ZREM', openKey, aid)
  return emit(events, 'alert.cleared', at, { alertId = aid, kind = kind })
end
