-- Claims up to ARGV[3] due entries for one deleter.
-- KEYS[1] expiry:schedule   KEYS[2] expiry:leases   KEYS[3] expiry:lease-due   KEYS[4] expiry:reasons
-- ARGV[1] now (epoch ms)   ARGV[2] lease deadline of the new claims (epoch ms)   ARGV[3] maximum number of claims
-- Claims whose lease has run out (the deleter crashed, or set the deadline as its retry time) go back to the
-- schedule at their original due time first, so they are claimed again in due order.
-- Returns a flat list: object key, due time (epoch ms), reason ('' for EXPIRED), repeated per claim.
local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1], 'LIMIT', 0, ARGV[3])
for _, member in ipairs(expired) do
  local due = redis.call('HGET', KEYS[3], member) or ARGV[1]
  redis.call('ZREM', KEYS[2], member)
  redis.call('HDEL', KEYS[3], member)
  local scheduled = redis.call('ZSCORE', KEYS[1], member)
  if not scheduled or tonumber(due) < tonumber(scheduled) then
    redis.call('ZADD', KEYS[1], due, member)
  end
end
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'WITHSCORES', 'LIMIT', 0, ARGV[3])
local claimed = {}
for i = 1, #due, 2 do
  local member, score = due[i], due[i + 1]
  redis.call('ZREM', KEYS[1], member)
  redis.call('ZADD', KEYS[2], ARGV[2], member)
  redis.call('HSET', KEYS[3], member, score)
  claimed[#claimed + 1] = member
  claimed[#claimed + 1] = score
  claimed[#claimed + 1] = redis.call('HGET', KEYS[4], member) or ''
end
return claimed
