-- Shared by every hall script. ARGV[1] is always the hall's key prefix
-- "{hall:ID}:" (see store/keys.ts); keys a script reaches through a ticket id
-- share that hash tag, so the scripts run unchanged on Redis Cluster.
local P = ARGV[1]
local TICKET_TTL_MS = 40 * 24 * 3600 * 1000

local function tkey(id)
  return P .. 't:' .. id
end

--- A tagged failure: the TypeScript side maps the code to an HTTP error.
local function fail(code)
  return { 'ERR', code }
end

--- Appends the event in the same atomic step as the change it describes.
local function emit(stream, kind, now, data)
  return redis.call('XADD', stream, '*', 'type', kind, 'at', tostring(now), 'data', cjson.encode(data))
end

local function ok(eventId, ticketId)
  return { 'OK', eventId, redis.call('HGETALL', tkey(ticketId)) }
end

local function hget(key, field)
  local v = redis.call('HGET', key, field)
  if v == false then return nil end
  return v
end

--- The window's ticket that is still called or in service, if any.
local function busyTicket(windowKey)
  local cur = hget(windowKey, 'current')
  if cur == nil or cur == '' then return nil end
  local st = hget(tkey(cur), 'status')
  if st == 'called' or st == 'serving' then return cur, st end
  return nil
end

--- Only the clerk signed in at an open window may act there.
local function checkClerk(windowKey, clerkId)
  local status = hget(windowKey, 'status')
  if status == nil or status == 'closed' then return 'window_not_open' end
  if hget(windowKey, 'clerkId') ~= clerkId then return 'forbidden' end
  return nil
end

--- Calls a waiting ticket to a window: shared by call-next and call (指定叫号).
local function callTicket(eventsKey, windowKey, ticketId, windowId, windowName, clerkId, now, reason)
  local tk = tkey(ticketId)
  local queue = hget(tk, 'queue')
  if queue ~= nil and queue ~= '' then redis.call('ZREM', queue, ticketId) end
  redis.call('HSET', tk,
    'status', 'called', 'windowId', windowId, 'clerkId', clerkId, 'calledAt', now,
    'callCount', 1, 'queue', '', 'reasonCode', reason.code,
    'reasonFrom', reason.from or '', 'reasonGreenInRow', reason.greenInRow or '',
    'reasonNote', reason.note or '')
  if redis.call('HEXISTS', tk, 'firstWindowId') == 0 then
    redis.call('HSET', tk, 'firstWindowId', windowId)
  end
  redis.call('HSET', windowKey, 'current', ticketId, 'lastActivity', now)
  -- note: the clerk's reason for a chosen call; kept in the stream for the ledger, never public
  return emit(eventsKey, 'ticket.called', now, {
    ticketId = ticketId, number = hget(tk, 'number'), serviceId = hget(tk, 'serviceId'),
    windowId = windowId, windowName = windowName, recall = false, callCount = 1, reason = reason.code,
    note = reason.note })
end
