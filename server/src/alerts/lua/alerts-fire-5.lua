--[[ Raises (yellow, or red for a single limit) and escalates the alerts whose deadline has come,
each once: the cause's level moves in the same step as its event. Refuses to run while events
are not yet folded (a cause may have ended in them): the caller folds and tries again.
An idle post (the rules' 脱岗 limit) counts from the console's last sign of the clerk too. Only the due causes
are read (a range of the due set by deadline), each with one HGETALL (a cause's data: its JSON
field `d`, or its fields one by one for a cause written before; alerts-fold-4.lua).
KEYS: 1 events, 2 cursor, 3 causes by next deadline (zset), 4 open alerts (zset), 5 alert sequence
ARGV: 1 prefix, 2 now ms, 3 business day (YYYY-MM-DD), 4 at most this many causes
Returns: {'OK', raised, escalated} | {'STALE'}
]]
--@include common
--@include alerts
local now, day, limit = tonumber(ARGV[2]), ARGV[3], tonumber(ARGV[4])
local cursor = redis.call('GET', KEYS[2]) or '0-0'
if cursor ~= lastEventId(KEYS[1]) then return { 'STALE' } end

local raised, escalated, lastEmitted = 0, 0, nil
local keep = TICKET_TTL_MS
-- a cause off the due set is kept this long for the event that ends it (alerts-fold-4.lua)
local CAUSE_TTL_MS = 3 * 24 * 3600 * 1000

--- Its red deadline has come: the cause leaves the due set until its end.
local function offDue(ck, c)
  redis.call('ZREM', KEYS[3], c)
  redis.call('PEXPIRE', ck, CAUSE_TTL_MS)
end

local function escalate(ck, c, cause, aid)
  local ak = P .. 'al:a:' .. aid
  redis.call('HSET', ak, 'level', 'red', 'escalatedAt', now, 'limit', cause.lr, 'open', '1')
  -- a red card needs fresh attention, even when the yellow one was acknowledged
  redis.call('HDEL', ak, 'acknowledgedAt', 'acknowledgedBy', 'note')
  addStep(ak, { action = 'escalated', at = now, level = 'red' })
  redis.call('ZADD', KEYS[4], now, aid)
  redis.call('HSET', ck, 'level', 'red')
  offDue(ck, c)
  escalated = escalated + 1
  lastEmitted = emit(KEYS[1], 'alert.escalated', now,
    { alertId = aid, kind = cause.kind, level = 'red' })
end

for _, c in ipairs(redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now, 'LIMIT', 0, limit)) do
  local ck = P .. 'al:c:' .. c
  local cause = {}
  local flat = redis.call('HGETALL', ck)
  for i = 1, #flat, 2 do cause[flat[i]] = flat[i + 1] end
  -- its data in one JSON field (alerts-fold-4.lua); a cause from before has them as fields
  if cause.d then
    for f, v in pairs(cjson.decode(cause.d)) do cause[f] = v end
  end
  local kind = cause.kind
  local level = cause.level or 'none'
  if kind == nil then
    redis.call('ZREM', KEYS[3], c)
  elseif level == 'none' then
    local y, r = tonumber(cause.y), tonumber(cause.r)
    local windowId = cause.windowId
    local postponed = false
    if kind == 'idle_post' and windowId then
      local seen = tonumber(redis.call('GET', P .. 'w:' .. windowId .. ':presence') or '0') or 0
      local start = tonumber(cause.start) or 0
      if seen > start then
        local due = seen + (y - start)
        if due > now then
          redis.call('ZADD', KEYS[3], due, c)
          postponed = true
        end
      end
    end
    if not postponed then
      local lvl = (y >= r) and 'red' or 'yellow'
      local aid = 'a' .. redis.call('INCR', KEYS[5])
      local ak = P .. 'al:a:' .. aid
      local clerkId = cause.clerkId
      if clerkId == nil and windowId then
        clerkId = hget(P .. 'w:' .. windowId, 'clerkId')
        if clerkId == '' then clerkId = nil end
      end
      local fields = { 'id', aid, 'kind', kind, 'level', lvl, 'since', cause.start,
        'raisedAt', now, 'day', day, 'open', '1',
        'limit', lvl == 'red' and cause.lr or cause.ly,
        'history', cjson.encode({ { action = 'raised', at = now, level = lvl } }) }
      local data = { alertId = aid, kind = kind, level = lvl }
      for _, f in ipairs({ 'serviceId', 'windowId', 'ticketId', 'number', 'pauseKind', 'score' }) do
        local v = cause[f]
        if v then
          table.insert(fields, f)
          table.insert(fields, v)
          if f ~= 'pauseKind' and f ~= 'score' then data[f] = v end
        end
      end
      if clerkId then
        table.insert(fields, 'clerkId')
        table.insert(fields, clerkId)
        data.clerkId = clerkId
      end
      redis.call('HSET', ak, unpack(fields))
      redis.call('PEXPIRE', ak, keep)
      redis.call('ZADD', KEYS[4], now, aid)
      redis.call('ZADD', P .. 'al:day:' .. day, now, aid)
      redis.call('PEXPIRE', P .. 'al:day:' .. day, keep)
      redis.call('HSET', ck, 'alertId', aid, 'level', lvl)
      raised = raised + 1
      lastEmitted = emit(KEYS[1], 'alert.raised', now, data)
      if lvl == 'red' then
        if cause.final then
          redis.call('ZREM', KEYS[3], c)
          redis.call('DEL', ck)
        else
          offDue(ck, c)
        end
      elseif r <= now then
        escalate(ck, c, cause, aid)
      else
        redis.call('ZADD', KEYS[3], r, c)
      end
    end
  elseif level == 'yellow' then
    escalate(ck, c, cause, cause.alertId)
  else
    offDue(ck, c)
  end
end

if lastEmitted then redis.call('SET', KEYS[2], lastEmitted) end
return { 'OK', raised, escalated }
