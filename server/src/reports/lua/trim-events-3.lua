--[[ Trims the hall's event stream, never past what the history has folded.
KEYS: 1 events stream, 2 the fold cursor, 3 the stream's trimmed-before mark
ARGV: 1 keep events from this id on (MINID); it must not be after the event that follows the cursor
Returns: the number of events trimmed | -1 when the id is past the fold cursor (nothing trimmed)
]]
local cursor = redis.call('GET', KEYS[2])
if cursor == false then return -1 end
local function parse(id)
  local ms, seq = string.match(id, '^(%d+)-(%d+)$')
  return tonumber(ms), tonumber(seq)
end
local kms, kseq = parse(ARGV[1])
local cms, cseq = parse(cursor)
if kms == nil or cms == nil then return -1 end
-- everything before the keep id must be folded: keep <= cursor + 1
if kms > cms or (kms == cms and kseq > cseq + 1) then return -1 end
local trimmed = redis.call('XTRIM', KEYS[1], 'MINID', ARGV[1])
-- realtime clients asking for events before this get a snapshot instead of a gap
redis.call('SET', KEYS[3], ARGV[1])
return trimmed
