// The Lua scripts of the Redis store, each one atomic step on a record and its indexes. Their
// text is part of the store's format: boxes of different versions may share one pool, so a
// change here is a change of format (test/unit/store/redis-scripts.test.ts pins them).

// Writes a batch only if none of its codes is taken. KEYS: batch, batches zset, tickets zset,
// batch's ticket zset, then per ticket: ticket key, code key, then per device binding: the
// device's ticket zset. ARGV: batch json, created, batch id, ticket count, then per ticket: id,
// json, then per device binding: ticket id, usable-until score.
export const CREATE_BATCH = `
local n = tonumber(ARGV[4])
for i = 1, n do
  if redis.call('EXISTS', KEYS[4 + 2 * i]) == 1 then return 0 end
end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
for i = 1, n do
  local id = ARGV[3 + 2 * i]
  redis.call('HSET', KEYS[3 + 2 * i], 'v', 0, 'data', ARGV[4 + 2 * i])
  redis.call('SET', KEYS[4 + 2 * i], id)
  redis.call('ZADD', KEYS[3], ARGV[2], id)
  redis.call('ZADD', KEYS[4], ARGV[2], id)
end
for j = 1, #KEYS - 4 - 2 * n do
  redis.call('ZADD', KEYS[4 + 2 * n + j], ARGV[4 + 2 * n + 2 * j], ARGV[3 + 2 * n + 2 * j])
end
return 1
`;

// Compare-and-set of a versioned record, with the indexes that follow it in the same atomic
// step. KEYS: record, then one key per index change. ARGV: expected version, new version, json,
// then per index change: op ('sadd', 'srem', 'zadd' or 'zrem'), member, score (zadd only).
export const CAS = `
local v = redis.call('HGET', KEYS[1], 'v')
if not v then return -1 end
if tonumber(v) ~= tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], 'v', ARGV[2], 'data', ARGV[3])
for i = 2, #KEYS do
  local op, member, score = ARGV[3 * i - 2], ARGV[3 * i - 1], ARGV[3 * i]
  if op == 'sadd' then redis.call('SADD', KEYS[i], member)
  elseif op == 'srem' then redis.call('SREM', KEYS[i], member)
  elseif op == 'zadd' then redis.call('ZADD', KEYS[i], score, member)
  elseif op == 'zrem' then redis.call('ZREM', KEYS[i], member) end
end
return 1
`;

// Back-fills index entries for a record written before the index existed, unless it changed
// since it was read (then its writer, which maintains the index, already wrote them). KEYS:
// record, then one index zset per entry. ARGV: version read, then per entry: member, score.
export const INDEX_IF_UNCHANGED = `
local v = redis.call('HGET', KEYS[1], 'v')
if (not v) or tonumber(v) ~= tonumber(ARGV[1]) then return 0 end
for i = 2, #KEYS do redis.call('ZADD', KEYS[i], ARGV[2 * i - 1], ARGV[2 * i - 2]) end
return 1
`;

// Compare-and-set of a record that may not exist yet (a counter, the settings). KEYS: record.
// ARGV: expected version ('' when absent), new version, json, expiry (epoch ms; '' for none).
export const UPSERT_CAS = `
local v = redis.call('HGET', KEYS[1], 'v')
if ARGV[1] == '' then
  if v then return 0 end
elseif (not v) or tonumber(v) ~= tonumber(ARGV[1]) then
  return 0
end
redis.call('HSET', KEYS[1], 'v', ARGV[2], 'data', ARGV[3])
if ARGV[4] ~= '' then redis.call('PEXPIREAT', KEYS[1], ARGV[4]) end
return 1
`;

// Creates a versioned record only if absent. KEYS: record, index set. ARGV: json, index member,
// expiry (epoch ms, '' for none).
export const CREATE_IF_ABSENT = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'v', 0, 'data', ARGV[1])
if ARGV[2] ~= '' then redis.call('SADD', KEYS[2], ARGV[2]) end
if ARGV[3] ~= '' then redis.call('PEXPIREAT', KEYS[1], ARGV[3]) end
return 1
`;

// Deletes a versioned record if it has not changed since it was read, with its index entries.
// KEYS: record, then one key per index entry. ARGV: version read, then per index entry: op
// ('zrem', 'srem', or 'delif': delete the key if it holds the member), member.
export const DELETE_IF_UNCHANGED = `
local v = redis.call('HGET', KEYS[1], 'v')
if (not v) or tonumber(v) ~= tonumber(ARGV[1]) then return 0 end
redis.call('DEL', KEYS[1])
for i = 2, #KEYS do
  local op, member = ARGV[2 * i - 2], ARGV[2 * i - 1]
  if op == 'zrem' then redis.call('ZREM', KEYS[i], member)
  elseif op == 'srem' then redis.call('SREM', KEYS[i], member)
  elseif op == 'delif' then
    if redis.call('GET', KEYS[i]) == member then redis.call('DEL', KEYS[i]) end
  end
end
return 1
`;

// Drops a batch that has no ticket left. KEYS: batch, batches zset, batch's ticket zset.
// ARGV: batch id.
export const DELETE_EMPTY_BATCH = `
if redis.call('EXISTS', KEYS[3]) == 1 then return 0 end
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[1])
return 1
`;

// Compare-and-set of a help request (issue 15) with its entry in the space's open list.
// KEYS: record, open zset. ARGV: expected version ('' when absent), new version, json, score,
// member (the device key).
export const HELP_UPSERT = `
local v = redis.call('HGET', KEYS[1], 'v')
if ARGV[1] == '' then
  if v then return 0 end
elseif (not v) or tonumber(v) ~= tonumber(ARGV[1]) then
  return 0
end
redis.call('HSET', KEYS[1], 'v', ARGV[2], 'data', ARGV[3])
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[5])
return 1
`;

// Writes or removes one attendance entry (issue 15) with its day index; returns the entry it
// replaced or removed. KEYS: entries hash, days zset. ARGV: id, json ('' to remove), day score.
export const ATTENDANCE_WRITE = `
local previous = redis.call('HGET', KEYS[1], ARGV[1])
if ARGV[2] == '' then
  redis.call('HDEL', KEYS[1], ARGV[1])
  redis.call('ZREM', KEYS[2], ARGV[1])
else
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
  redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
end
return previous
`;

// Claims a space id for one box. KEYS: claim. ARGV: instance id, lifetime (ms). Returns '' when
// this instance holds the claim (now or already), else the instance id of the box that holds it.
export const CLAIM_SPACE = `
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then return holder end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return ''
`;

// Drops a claim if this instance holds it. KEYS: claim. ARGV: instance id.
export const RELEASE_SPACE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) return 1 end
return 0
`;
