-- Adds one pending deletion, or moves an existing one earlier; runs once per event id.
-- KEYS[1] expiry:schedule   KEYS[2] expiry:leases   KEYS[3] expiry:reasons   KEYS[4] expiry:seen:{eventId}
-- ARGV[1] object key   ARGV[2] due time (epoch ms)   ARGV[3] reason name, '' for EXPIRED
-- ARGV[4] how long the event id is remembered (ms)
-- Returns 0 for a duplicate event, 1 when the entry was added or moved earlier, 2 when a deleter has already
-- claimed the object, 3 when the entry was already due at or before ARGV[2].
if not redis.call('SET', KEYS[4], '1', 'NX', 'PX', ARGV[4]) then
  return 0
end
if redis.call('ZSCORE', KEYS[2], ARGV[1]) then
  return 2
end
local scheduled = redis.call('ZSCORE', KEYS[1], ARGV[1])
if scheduled and tonumber(scheduled) <= tonumber(ARGV[2]) then
  return 3
end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
if ARGV[3] == '' then
  redis.call('HDEL', KEYS[3], ARGV[1])
else
  redis.call('HSET', KEYS[3], ARGV[1], ARGV[3])
end
return 1
