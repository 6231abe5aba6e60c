-- Removes schedule entries of objects that the sweep deleted; claims in progress are left to their deleter.
-- KEYS[1] expiry:schedule   KEYS[2] expiry:reasons
-- ARGV: object keys
-- Returns the number of entries removed.
local removed = 0
for i = 1, #ARGV do
  removed = removed + redis.call('ZREM', KEYS[1], ARGV[i])
  redis.call('HDEL', KEYS[2], ARGV[i])
end
return removed
