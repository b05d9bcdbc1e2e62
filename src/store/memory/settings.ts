// The memory store's run-time settings of the box's space, one versioned record.

import type { SpaceSettings } from '../../domain/console';
import { settingsRecord } from '../records';
import type { MemoryConnection } from './connection';
import { read } from './rows';

export class MemorySettings {
  constructor(private readonly c: MemoryConnection) {}

  getSettings(): Promise<SpaceSettings | null> {
    return this.c.run((d) => read(settingsRecord, d.settings.rows.get(this.c.spaceId), 'settings'));
  }

  updateSettings(change: (current: SpaceSettings | null) => SpaceSettings): Promise<SpaceSettings> {
    return this.c.run((d) => {
      const current = read(settingsRecord, d.settings.rows.get(this.c.spaceId), 'settings');
      const next = settingsRecord.parse({ ...change(current), version: (current?.version ?? 0) + 1 });
      d.settings.put(this.c.spaceId, JSON.stringify(next), d.next());
      return next;
    });
  }
}
