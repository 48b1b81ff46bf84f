--[[ A supervisor's change to the hall's rolling notices (滚动公告): create, edit, order or expire.
KEYS: 1 events, 2 notices (hash: notice id -> JSON)
ARGV: 1 prefix, 2 action (create|edit|order|expire), 3 notice id ('' for order),
      4 JSON: create: the new notice; edit: the fields to change (null removes one);
        order: the ids in their new order; expire: '',
      5 now ms, 6 now as ISO time in the hall's zone
Returns: {'OK', eventId, noticeJSON} | {'SAME', '', noticeJSON} | {'ERR', code}
Times are kept as ISO text (startsAt, endsAt) and as ms (startMs, endMs) so the script
can compare them. Each change appends one notice.updated event.
]]
--@include common
local action, id, arg, now, nowIso = ARGV[2], ARGV[3], ARGV[4], tonumber(ARGV[5]), ARGV[6]
local key = KEYS[2]

local function load(noticeId)
  local raw = redis.call('HGET', key, noticeId)
  if raw == false then return nil end
  return cjson.decode(raw)
end

local function save(notice)
  notice.updatedAt = nowIso
  notice.updatedMs = now
  local raw = cjson.encode(notice)
  redis.call('HSET', key, notice.id, raw)
  return raw
end

if action == 'create' then
  if redis.call('HEXISTS', key, id) == 1 then return fail('invalid_request') end
  local notice = cjson.decode(arg)
  local last = 0
  for _, raw in ipairs(redis.call('HVALS', key)) do
    local o = tonumber(cjson.decode(raw).order) or 0
    if o > last then last = o end
  end
  notice.id = id
  notice.order = last + 1
  notice.createdAt = nowIso
  local raw = save(notice)
  local eventId = emit(KEYS[1], 'notice.updated', now, { noticeId = id, action = 'created' })
  return { 'OK', eventId, raw }
end

if action == 'edit' then
  local notice = load(id)
  if notice == nil then return fail('notice_not_found') end
  for k, v in pairs(cjson.decode(arg)) do
    if v == cjson.null then notice[k] = nil else notice[k] = v end
  end
  local s, e = tonumber(notice.startMs), tonumber(notice.endMs)
  if s ~= nil and e ~= nil and e <= s then return fail('invalid_request') end
  local raw = save(notice)
  local eventId = emit(KEYS[1], 'notice.updated', now, { noticeId = id, action = 'edited' })
  return { 'OK', eventId, raw }
end

if action == 'expire' then
  local notice = load(id)
  if notice == nil then return fail('notice_not_found') end
  local e = tonumber(notice.endMs)
  if e ~= nil and e <= now then return { 'SAME', '', cjson.encode(notice) } end
  notice.endsAt = nowIso
  notice.endMs = now
  local s = tonumber(notice.startMs)
  if s ~= nil and s >= now then
    -- never shown yet: drop its start so that it still ends after it starts
    notice.startsAt = nil
    notice.startMs = nil
  end
  local raw = save(notice)
  local eventId = emit(KEYS[1], 'notice.updated', now, { noticeId = id, action = 'expired' })
  return { 'OK', eventId, raw }
end

if action == 'order' then
  local ids = cjson.decode(arg)
  local rank = {}
  for i, noticeId in ipairs(ids) do
    if redis.call('HEXISTS', key, noticeId) == 0 then return fail('notice_not_found') end
    if rank[noticeId] == nil then rank[noticeId] = i end
  end
  local rest = {}
  for _, raw in ipairs(redis.call('HVALS', key)) do
    local n = cjson.decode(raw)
    if rank[n.id] == nil then table.insert(rest, n) end
  end
  table.sort(rest, function(a, b) return (tonumber(a.order) or 0) < (tonumber(b.order) or 0) end)
  for noticeId, i in pairs(rank) do
    local n = load(noticeId)
    n.order = i
    save(n)
  end
  for i, n in ipairs(rest) do
    n.order = #ids + i
    save(n)
  end
  local eventId = emit(KEYS[1], 'notice.updated', now, { noticeId = '', action = 'ordered' })
  return { 'OK', eventId, '' }
end

return fail('invalid_request')
