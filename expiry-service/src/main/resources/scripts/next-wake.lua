-- Returns the earliest due time in the schedule and the earliest lease deadline, as epoch ms strings; ''
-- where the set is empty.
-- KEYS[1] expiry:schedule   KEYS[2] expiry:leases
local scheduled = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
local leased = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
return { scheduled[2] or '', leased[2] or '' }
