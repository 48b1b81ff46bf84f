--[[ Folds a batch of hall events into the running causes of alerts (a ticket waiting, a window
paused, a service with people waiting and no open window …), once: the batch applies only when
the cursor still stands where the caller read from, so of several nodes exactly one folds it.
A cause that ends clears its alert (alert.cleared). The caller sends each cause's net effect over
the batch (alerts/alert-ops.ts), so a ticket issued and called in one batch costs nothing here.
KEYS: 1 events, 2 cursor, 3 causes by next deadline (zset), 4 open alerts (zset)
ARGV: 1 prefix, 2 expected cursor, 3 new cursor (the batch's last id), 4 ops (JSON array):
  {'n', cause, start ms, yellow deadline ms, data}: starts the cause (nothing runs under its name)
  {'s', cause, start ms, yellow deadline ms, data}: ends what runs under its name at start, starts it
  {'e', cause, at ms}: the cause ended
  {'u', serviceId, at ms, limit minutes, {windowIds}}: starts or ends 空岗 of a service from its
       lanes and windows as they are now
Returns: {'OK', applied ops} | {'STALE'}
A running cause is a hash al:c:<cause>: `d`, its data as JSON (kind, start, y, r, ly, lr as
numbers, its subject: serviceId, ticketId, number, windowId, pauseKind, clerkId, score, final),
and once raised `alertId` and `level` (causes written before `d` have each of those fields on
their own). Its next deadline is on the due set; it has no expiry while it is there (the fire
script reaches it) and gets one when it leaves it.
]]
--@include common
--@include alerts
local expected, newCursor = ARGV[2], ARGV[3]
if (redis.call('GET', KEYS[2]) or '0-0') ~= expected then return { 'STALE' } end
local lastBefore = lastEventId(KEYS[1])
local lastEmitted = nil

--- Ends a running cause; its alert, if raised and not yet cleared, clears.
local function endRunning(c, at)
  local ck = P .. 'al:c:' .. c
  local found = redis.call('HMGET', ck, 'd', 'kind', 'alertId')
  local data, kind, aid = found[1], found[2], found[3]
  if not data and not kind then return end
  redis.call('DEL', ck)
  redis.call('ZREM', KEYS[3], c)
  if not aid then return end
  local ak = P .. 'al:a:' .. aid
  if redis.call('EXISTS', ak) == 0 or hget(ak, 'clearedAt') then return end
  if not kind then kind = cjson.decode(data).kind end
  redis.call('HSET', ak, 'clearedAt', at, 'open', '0')
  addStep(ak, { action = 'cleared', at = at })
  redis.call('ZREM', KEYS[4], aid)
  lastEmitted = emit(KEYS[1], 'alert.cleared', at, { alertId = aid, kind = kind })
end

--- Starts a cause, due at `y`.
local function startRunning(c, y, data)
  redis.call('HSET', P .. 'al:c:' .. c, 'd', data)
  redis.call('ZADD', KEYS[3], y, c)
end

local ops = cjson.decode(ARGV[4])
for _, op in ipairs(ops) do
  local t, c, at = op[1], op[2], op[3]
  if t == 'n' then
    startRunning(c, op[4], op[5])
  elseif t == 's' then
    endRunning(c, at)
    startRunning(c, op[4], op[5])
  elseif t == 'e' then
    endRunning(c, at)
  elseif t == 'u' then
    local svc, lim = c, op[4]
    local staffed = false
    for _, w in ipairs(op[5]) do
      local st = hget(P .. 'w:' .. w, 'status')
      if st == 'open' or st == 'brief_pause' then
        staffed = true
        break
      end
    end
    -- anyone waiting: an empty lane is no key at all
    local q = P .. 'q:' .. svc .. ':'
    local u = 'unstaffed:' .. svc
    if not staffed and redis.call('EXISTS', q .. 'front', q .. 'appointment', q .. 'green',
        q .. 'normal') > 0 then
      if redis.call('EXISTS', P .. 'al:c:' .. u) == 0 then
        local due = at + math.floor(lim * 60000 + 0.5)
        local n = function(x) return string.format('%.17g', x) end
        startRunning(u, due, '{"kind":"unstaffed_queue","start":' .. n(at) .. ',"y":' .. n(due) ..
          ',"r":' .. n(due) .. ',"ly":' .. n(lim) .. ',"lr":' .. n(lim) .. ',"serviceId":' ..
          cjson.encode(svc) .. '}')
      end
    else
      endRunning(u, at)
    end
  end
end

-- our own alert events need no folding: when the batch reached the end, skip past them
if lastEmitted and lastBefore == newCursor then newCursor = lastEmitted end
redis.call('SET', KEYS[2], newCursor)
return { 'OK', #ops }
