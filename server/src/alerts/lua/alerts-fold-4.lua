--[[ Folds a batch of hall events into the running causes of alerts (a ticket waiting, a window
paused, a service with people waiting and no open window …), once: the batch applies only when
the cursor still stands where the caller read from, so of several nodes exactly one folds it.
A cause that ends clears its alert (alert.cleared).
KEYS: 1 events, 2 cursor, 3 causes by next deadline (zset), 4 open alerts (zset)
ARGV: 1 prefix, 2 expected cursor, 3 new cursor (the batch's last id), 4 ops (JSON array), 5 now ms
  op {o='set', c=cause, kind, start, y=yellow ms, r=red ms, ly, lr (minutes), serviceId?,
      windowId?, clerkId?, ticketId?, number?, pauseKind?, score?, final?}: (re)starts a cause
  op {o='end', c=cause, at}: the cause ended
  op {o='staff', svc, windows=[ids], at, lim (minutes)}: starts or ends 空岗 of a service from
      its lanes and windows as they are now
Returns: {'OK', applied ops} | {'STALE'}
]]
--@include common
--@include alerts
local expected, newCursor = ARGV[2], ARGV[3]
if (redis.call('GET', KEYS[2]) or '0-0') ~= expected then return { 'STALE' } end
local lastBefore = lastEventId(KEYS[1])
local ops = cjson.decode(ARGV[4])
local lastEmitted = nil
local function track(id) if id then lastEmitted = id end end

for _, op in ipairs(ops) do
  if op.o == 'set' then
    track(endCause(KEYS[1], KEYS[3], KEYS[4], op.c, op.start))
    startCause(KEYS[3], op)
  elseif op.o == 'end' then
    track(endCause(KEYS[1], KEYS[3], KEYS[4], op.c, op.at))
  elseif op.o == 'staff' then
    local waiting = 0
    for _, lane in ipairs({ 'front', 'appointment', 'green', 'normal' }) do
      waiting = waiting + redis.call('ZCARD', P .. 'q:' .. op.svc .. ':' .. lane)
    end
    local staffed = false
    for _, w in ipairs(op.windows) do
      local st = hget(P .. 'w:' .. w, 'status')
      if st == 'open' or st == 'brief_pause' then staffed = true end
    end
    local c = 'unstaffed:' .. op.svc
    if waiting > 0 and not staffed then
      if redis.call('EXISTS', P .. 'al:c:' .. c) == 0 then
        local due = op.at + math.floor(op.lim * 60000 + 0.5)
        startCause(KEYS[3], { c = c, kind = 'unstaffed_queue', start = op.at, y = due, r = due,
          ly = op.lim, lr = op.lim, serviceId = op.svc })
      end
    else
      track(endCause(KEYS[1], KEYS[3], KEYS[4], c, op.at))
    end
  end
end

-- our own alert events need no folding: when the batch reached the end, skip past them
if lastEmitted and lastBefore == newCursor then newCursor = lastEmitted end
redis.call('SET', KEYS[2], newCursor)
return { 'OK', #ops }
