-- Adds one event's increments to an hourly counters hash, once per event id.
-- KEYS[1] stats:{yyyyMMddHH}   KEYS[2] stats:seen:{eventId}
-- ARGV[1] how long the event id is remembered (ms)   ARGV[2] expiry time of the counters hash (epoch s)
-- ARGV[3..n] field, increment, repeated
-- Returns 1 when counted, 0 for a duplicate event.
if not redis.call('SET', KEYS[2], '1', 'NX', 'PX', ARGV[1]) then
  return 0
end
for i = 3, #ARGV, 2 do
  redis.call('HINCRBY', KEYS[1], ARGV[i], ARGV[i + 1])
end
redis.call('EXPIREAT', KEYS[1], ARGV[2])
return 1
