--[[ Replaces a finished day's case records by one compressed value (the ledger reads it back).
Runs only if nothing was folded since the records were read, so no record is lost.
KEYS: 1 the fold cursor, 2 the day's packed value, 3 the hash of days with unpacked case records
ARGV: 1 expected cursor, 2 the day, 3 the packed records (gzip JSON lines),
      4.. the keys to delete (each case record and the day's list of ticket ids)
Returns: 1 packed | 0 the cursor had moved (nothing changed)
]]
if (redis.call('GET', KEYS[1]) or '') ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[2], ARGV[3])
for i = 4, #ARGV do
  redis.call('DEL', ARGV[i])
end
redis.call('HDEL', KEYS[3], ARGV[2])
return 1
