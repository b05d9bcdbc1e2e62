// The memory store's tables, the counterpart of the embedded store's schema: each record kept as
// its JSON text under its key, with the order it was first written in (SQLite's rowid).

/** A stored record: its JSON text, and the order it was first written in (SQLite's rowid). */
export interface Row {
  seq: number;
  data: string;
}

/** A table of rows by key, kept in insertion order. */
export class Table {
  readonly rows = new Map<string, Row>();

  put(key: string, data: string, seq: number): void {
    const row = this.rows.get(key);
    this.rows.set(key, { seq: row?.seq ?? seq, data });
  }
}

/** What the stores of one test share: two MemoryStores on one data are two boxes on one pool. */
export class MemoryData {
  private seq = 0;
  readonly batches = new Table();
  readonly tickets = new Table();
  readonly codes = new Map<string, string>();
  readonly acceptances = new Table();
  readonly sessions = new Table();
  readonly counters = new Table();
  readonly users = new Table();
  readonly consoleSessions = new Table();
  readonly audit = new Table();
  readonly settings = new Table();
  readonly help = new Table();
  readonly attendance = new Table();
  readonly trusted = new Table();

  next(): number {
    return ++this.seq;
  }

  /** Test hook: replaces a stored ticket's text (a corrupt row). */
  corruptTicket(id: string, data: string): void {
    const row = this.tickets.rows.get(id);
    if (row) row.data = data;
  }
}
