--[[ Seeds a hall's configuration from its hall file, on the first start only.
KEYS: 1 config (hash: version, json, retired, at, by), 2 audit (stream)
ARGV: 1 the configuration JSON (tokens already hashed), 2 now ms, 3 source (the file's name)
Returns: {'SEEDED', version, json, retired} when there was none,
         {'EXISTS', version, json, retired} otherwise (the file is not read again: Redis wins).
]]
local version = redis.call('HGET', KEYS[1], 'version')
if version then
  local cur = redis.call('HMGET', KEYS[1], 'json', 'retired')
  return { 'EXISTS', tonumber(version), cur[1], cur[2] or '[]' }
end
redis.call('HSET', KEYS[1], 'version', 1, 'json', ARGV[1], 'retired', '[]', 'at', ARGV[2], 'by', 'file')
redis.call('XADD', KEYS[2], '*', 'type', 'config.seeded', 'at', ARGV[2], 'by', 'file',
  'version', '1', 'sections', '[]', 'diff', '[]', 'note', ARGV[3])
return { 'SEEDED', 1, ARGV[1], '[]' }
