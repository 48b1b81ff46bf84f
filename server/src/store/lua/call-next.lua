--[[ Calls the next ticket for a window by the hall's rules (mirror of domain/queue.ts).
KEYS: 1 events, 2 window, 3 window's own lane, then per served service in the
      window's order: service state, front lane, appointment lane, green lane, normal lane
ARGV: 1 prefix, 2 windowId, 3 clerkId, 4 now ms, 5 mode (ordered|oldest),
      6 maxGreenInRow, 7 windowName, 8 number of services, 9 maxAppointmentInRow
Order per service: transferred (front), then appointments (at most maxAppointmentInRow in a
row while green or normal tickets wait), then green (at most maxGreenInRow in a row while
normal ones wait), then normal; the service hash keeps both streaks (apptInRow, greenInRow).
Returns: {'OK', eventId, ticket} | {'EMPTY'} | {'ERR', code}
]]
--@include common
local windowId, clerkId, now, mode = ARGV[2], ARGV[3], tonumber(ARGV[4]), ARGV[5]
local maxGreen, windowName, n = tonumber(ARGV[6]), ARGV[7], tonumber(ARGV[8])
local maxAppt = tonumber(ARGV[9])

local bad = checkClerk(KEYS[2], clerkId)
if bad then return fail(bad) end
local status = hget(KEYS[2], 'status')
if status ~= 'open' then return fail('window_paused') end
if busyTicket(KEYS[2]) then return fail('window_busy') end

local function head(key)
  local r = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
  if #r == 0 then return nil end
  return { id = r[1], score = tonumber(r[2]) }
end
local function requeued(id) return hget(tkey(id), 'requeued') == '1' end
local RANK = { window = 0, front = 1, appointment = 2, green = 3, normal = 4 }

local choice = nil
local personal = head(KEYS[3])
if personal then
  choice = { id = personal.id, lane = 'window', reason = 'window_queue' }
else
  local best = nil
  for i = 1, n do
    local base = 3 + 5 * (i - 1)
    local svcKey, frontKey, apptKey = KEYS[base + 1], KEYS[base + 2], KEYS[base + 3]
    local greenKey, normalKey = KEYS[base + 4], KEYS[base + 5]
    local c = nil
    local f = head(frontKey)
    if f then
      c = { id = f.id, score = f.score, lane = 'front', reason = 'transferred' }
    else
      local a, g, nh = head(apptKey), head(greenKey), head(normalKey)
      local others = (g ~= nil) or (nh ~= nil)
      local apptInRow = tonumber(hget(svcKey, 'apptInRow') or '0')
      local inRow = tonumber(hget(svcKey, 'greenInRow') or '0')
      if a and ((not others) or apptInRow < maxAppt) then
        c = { id = a.id, score = a.score, lane = 'appointment', svcKey = svcKey,
              reason = requeued(a.id) and 'requeued' or 'appointment',
              apptInRow = others and (apptInRow + 1) or 1,
              nextApptInRow = others and (apptInRow + 1) or 0, nextInRow = inRow }
      elseif g and ((not nh) or inRow < maxGreen) then
        c = { id = g.id, score = g.score, lane = 'green', svcKey = svcKey,
              reason = requeued(g.id) and 'requeued' or (a and 'appointment_interleave' or 'green'),
              greenInRow = nh and (inRow + 1) or 1, nextInRow = nh and (inRow + 1) or 0,
              nextApptInRow = 0 }
      elseif nh then
        local why = g and 'green_interleave' or 'oldest'
        if a then why = 'appointment_interleave' end
        c = { id = nh.id, score = nh.score, lane = 'normal', svcKey = svcKey,
              reason = requeued(nh.id) and 'requeued' or why, nextInRow = 0, nextApptInRow = 0 }
      end
    end
    if c then
      if mode == 'ordered' then
        best = c
        break
      end
      if best == nil or RANK[c.lane] < RANK[best.lane]
        or (RANK[c.lane] == RANK[best.lane] and c.score < best.score) then
        best = c
      end
    end
  end
  choice = best
end
if choice == nil then return { 'EMPTY' } end

if choice.svcKey then
  redis.call('HSET', choice.svcKey, 'greenInRow', choice.nextInRow, 'apptInRow', choice.nextApptInRow)
end
local from, note = nil, nil
if choice.lane == 'window' or choice.lane == 'front' then
  from = hget(tkey(choice.id), 'transferredFrom')
  -- the transferring clerk's note travels with the ticket to the clerk who calls it
  if from then note = hget(tkey(choice.id), 'transferNote') end
end
local eventId = callTicket(KEYS[1], KEYS[2], choice.id, windowId, windowName, clerkId, now,
  { code = choice.reason, from = from, note = note,
    greenInRow = choice.lane == 'green' and choice.greenInRow or nil,
    apptInRow = choice.lane == 'appointment' and choice.apptInRow or nil })
return ok(eventId, choice.id)
