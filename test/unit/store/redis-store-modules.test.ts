// The Redis store is split into modules of one concern (issue #14; their sizes are held with
// the rest of src/ by test/unit/architecture/source-sizes.test.ts). Its Lua scripts are part of
// its format: boxes of different versions share one pool, so the split must not change them.

import { createHash } from 'node:crypto';

describe('the Redis store modules (src/store/redis-store.ts and src/store/redis/)', () => {
  it('keep the Lua scripts the store ran before the split, byte for byte', () => {
    const scripts: Record<string, string> = require('../../../src/store/redis/scripts');
    const sha1 = Object.fromEntries(
      Object.entries(scripts).map(([name, lua]) => [name, createHash('sha1').update(lua).digest('hex')]),
    );
    // SHA-1 as Redis names scripts (EVALSHA), of the text in src/store/redis-store.ts before the split.
    expect(sha1).toEqual({
      CREATE_BATCH: 'df224d28daa7791ae8818e16c9693e958e22fc38',
      CAS: '63945340e462e2e2e756e6e28701adec2dd57c2f',
      INDEX_IF_UNCHANGED: '12de7fde66bfae460823d7b5b62849fe227b04f2',
      UPSERT_CAS: '9679a924db42e0ebf06d52efd81e084b5183bc7a',
      CREATE_IF_ABSENT: '2845e42e478f5c24a1ac9a9b81a0ad6dfcb914e0',
      DELETE_IF_UNCHANGED: 'f3db5d1865634399c452e1e31be00a67f8ff96fe',
      DELETE_EMPTY_BATCH: '8b894e72a765120b7ddad86a6f5821e1531f469e',
      HELP_UPSERT: 'db54e38af02ceab3583c383a59de0f5e19c5e88f',
      ATTENDANCE_WRITE: 'd94a717d4191c9c47a8e69a636ef72555c0aa079',
      CLAIM_SPACE: 'f4921cc927ffc561c17469ae49d34b7bf5e52633',
      RELEASE_SPACE: 'e21ade9dc8cd1d2547af91267f80fa1b74c2cc05',
    });
  });
});
