--[[ Replaces a hall's configuration if nobody changed it since the caller read it (compare
and set), with its event and its audit entry in the same atomic step.
KEYS: 1 config (hash: version, json, retired, at, by), 2 events (the hall's stream), 3 audit (stream)
ARGV: 1 expected version, 2 the new configuration JSON (tokens hashed), 3 now ms, 4 who (staff id),
      5 changed sections (JSON array of names), 6 the redacted diff (JSON),
      7 the audit entry's kind (config.changed, staff.created, device.revoked …),
      8 force: '1' replaces whatever the version (a restore from the hall file),
      9 n: how many retired candidates follow, then for each 4 values: the entry's JSON
        ({service, windows}) and its three lane keys (front, green, normal). A candidate is a
        service removed now or earlier; it stays retired while one of its lanes holds a ticket.
Returns: {'OK', newVersion, eventId, retiredJSON} | {'ERR', 'config_version_conflict'}
The JSON texts are stored as given (never decoded here: cjson would turn [] into {}).
Announces the new version on the channel named like KEYS[1]: every node reloads it.
]]
local current = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
if ARGV[8] ~= '1' and current ~= tonumber(ARGV[1]) then
  return { 'ERR', 'config_version_conflict' }
end
local kept = {}
local n = tonumber(ARGV[9])
for i = 0, n - 1 do
  local base = 10 + i * 4
  local waiting = 0
  for j = 1, 3 do waiting = waiting + redis.call('ZCARD', ARGV[base + j]) end
  if waiting > 0 then table.insert(kept, ARGV[base]) end
end
local retired = '[' .. table.concat(kept, ',') .. ']'
local version = current + 1
redis.call('HSET', KEYS[1], 'version', version, 'json', ARGV[2], 'retired', retired,
  'at', ARGV[3], 'by', ARGV[4])
local eventId = redis.call('XADD', KEYS[2], '*', 'type', 'config.changed', 'at', ARGV[3],
  'data', '{"version":' .. version .. ',"sections":' .. ARGV[5] .. '}')
redis.call('XADD', KEYS[3], '*', 'type', ARGV[7], 'at', ARGV[3], 'by', ARGV[4],
  'version', tostring(version), 'sections', ARGV[5], 'diff', ARGV[6], 'eventId', eventId)
redis.call('PUBLISH', KEYS[1], tostring(version))
return { 'OK', version, eventId, retired }
