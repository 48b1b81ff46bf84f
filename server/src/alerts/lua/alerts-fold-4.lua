--[[ Folds a batch of hall events into the running causes of alerts (a ticket waiting, a window
paused, a service with people waiting and no open window …), once: the batch applies only when
the cursor still stands where the caller read from, so of several nodes exactly one folds it.
A cause that ends clears its alert (alert.cleared). The caller sends each cause's net effect over
the batch (alerts/alert-ops.ts), so a ticket issued and called in one batch costs nothing here.
KEYS: 1 events, 2 cursor, 3 causes by next deadline (zset), 4 open alerts (zset)
ARGV: 1 prefix, 2 expected cursor, 3 new cursor (the batch's last id), 4 ops (JSON array of arrays),
      5 now ms
  {'s', cause, kind, start, y (yellow ms), r (red ms), ly, lr (minutes), serviceId, ticketId, number,
   windowId, pauseKind, clerkId, score, final}: ends what runs under that name, starts the cause
   ('' or absent: the cause has not that field)
  {'n', …the same}: starts the cause; nothing runs under that name
  {'e', cause, at}: the cause ended
  {'u', serviceId, at, limit minutes, {windowIds}}: starts or ends 空岗 of a service from its
   lanes and windows as they are now
Returns: {'OK', applied ops} | {'STALE'}
A running cause is a hash al:c:<cause> (kind, start, y, r, ly, lr, its subject; alertId and level
once raised) with its next deadline on the due set; it has no expiry while it is on the due set
(the fire script reaches it there) and gets one when it leaves it.
]]
--@include common
--@include alerts
local expected, newCursor = ARGV[2], ARGV[3]
if (redis.call('GET', KEYS[2]) or '0-0') ~= expected then return { 'STALE' } end
local lastBefore = lastEventId(KEYS[1])
local ops = cjson.decode(ARGV[4])
local lastEmitted = nil
local SUBJECT = { 'serviceId', 'ticketId', 'number', 'windowId', 'pauseKind', 'clerkId', 'score',
  'final' }

--- Ends a running cause; its alert, if raised and not yet cleared, clears.
local function endRunning(c, at)
  local ck = P .. 'al:c:' .. c
  local found = redis.call('HMGET', ck, 'kind', 'alertId')
  local kind, aid = found[1], found[2]
  if not kind then return end
  redis.call('DEL', ck)
  redis.call('ZREM', KEYS[3], c)
  if not aid then return end
  local ak = P .. 'al:a:' .. aid
  if redis.call('EXISTS', ak) == 0 or hget(ak, 'clearedAt') then return end
  redis.call('HSET', ak, 'clearedAt', at, 'open', '0')
  addStep(ak, { action = 'cleared', at = at })
  redis.call('ZREM', KEYS[4], aid)
  lastEmitted = emit(KEYS[1], 'alert.cleared', at, { alertId = aid, kind = kind })
end

--- Starts a cause from an op {_, cause, kind, start, y, r, ly, lr, subject…}: due at y.
local function startRunning(op)
  local fields = { 'kind', op[3], 'start', op[4], 'y', op[5], 'r', op[6], 'ly', op[7], 'lr', op[8] }
  for i, f in ipairs(SUBJECT) do
    local v = op[8 + i]
    if v ~= nil and v ~= '' then
      fields[#fields + 1] = f
      fields[#fields + 1] = v
    end
  end
  redis.call('HSET', P .. 'al:c:' .. op[2], unpack(fields))
  redis.call('ZADD', KEYS[3], op[5], op[2])
end

for _, op in ipairs(ops) do
  local t = op[1]
  if t == 'n' then
    startRunning(op)
  elseif t == 's' then
    endRunning(op[2], op[4])
    startRunning(op)
  elseif t == 'e' then
    endRunning(op[2], op[3])
  elseif t == 'u' then
    local svc, at, lim = op[2], op[3], op[4]
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
    local c = 'unstaffed:' .. svc
    if not staffed and redis.call('EXISTS', q .. 'front', q .. 'appointment', q .. 'green',
        q .. 'normal') > 0 then
      if redis.call('EXISTS', P .. 'al:c:' .. c) == 0 then
        local due = at + math.floor(lim * 60000 + 0.5)
        startRunning({ 'n', c, 'unstaffed_queue', at, due, due, lim, lim, svc })
      end
    else
      endRunning(c, at)
    end
  end
end

-- our own alert events need no folding: when the batch reached the end, skip past them
if lastEmitted and lastBefore == newCursor then newCursor = lastEmitted end
redis.call('SET', KEYS[2], newCursor)
return { 'OK', #ops }
