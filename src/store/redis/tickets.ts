// Tickets and their batches on Redis: the city's ticket pool, with the code and device indexes
// that follow each ticket in the same atomic step.

import { EcnError } from '../../domain/errors';
import type { BatchWithTickets, Mutation, TicketQuery } from '../../domain/ports';
import type { Batch, Ticket } from '../../domain/ticket';
import { deviceBindings, unboundDevices } from '../device-index';
import { batchRecord, readRecord, ticketRecord } from '../records';
import type { RedisConnection } from './connection';
import { CREATE_BATCH } from './scripts';
import { casUpdate, getVersioned, pipelineValues, readVersioned, type IndexChange } from './versioned';

export function createBatch(ctx: RedisConnection, batch: Batch, tickets: Ticket[]): Promise<void> {
  return ctx.run('createBatch', async (c) => {
    const keys = [
      ctx.key('batch', batch.id),
      ctx.key('batches'),
      ctx.key('tickets'),
      ctx.key('batch-tickets', batch.id),
    ];
    const args: (string | number)[] = [JSON.stringify(batch), batch.createdAt, batch.id, tickets.length];
    for (const t of tickets) {
      keys.push(ctx.key('ticket', t.id), ctx.key('code', t.code));
      args.push(t.id, JSON.stringify(t));
    }
    for (const t of tickets) {
      for (const b of deviceBindings(t)) {
        keys.push(ctx.key('device-tickets', b.device));
        args.push(t.id, b.usableUntil);
      }
    }
    const ok = await c.eval(CREATE_BATCH, keys.length, ...keys, ...args);
    if (ok !== 1) {
      throw new EcnError(
        'ECN_ERR_STORE_CONFLICT',
        'A ticket code of the new batch already exists; nothing was written.',
      );
    }
  });
}

export function getBatch(ctx: RedisConnection, id: string): Promise<Batch | null> {
  return ctx.run('getBatch', async (c) => {
    const json = await c.get(ctx.key('batch', id));
    return json === null ? null : readRecord(batchRecord, json, 'batch');
  });
}

export function listBatches(ctx: RedisConnection, limit: number): Promise<Batch[]> {
  return ctx.run('listBatches', async (c) => {
    const ids = await c.zrevrange(ctx.key('batches'), 0, limit - 1);
    if (ids.length === 0) return [];
    const docs = await c.mget(ids.map((id) => ctx.key('batch', id)));
    return docs.filter((d): d is string => d !== null).map((d) => readRecord(batchRecord, d, 'batch'));
  });
}

export function listBatchesWithTickets(ctx: RedisConnection, limit: number): Promise<BatchWithTickets[]> {
  return ctx.run('listBatchesWithTickets', async (c) => {
    const ids = await c.zrevrange(ctx.key('batches'), 0, limit - 1);
    if (ids.length === 0) return [];
    // Two pipelined round trips whatever the number of batches: the batches and their
    // ticket lists, then every ticket.
    const first = c.pipeline();
    for (const id of ids) first.get(ctx.key('batch', id));
    for (const id of ids) first.zrevrangebyscore(ctx.key('batch-tickets', id), '+inf', '-inf');
    const heads = pipelineValues(await first.exec());
    const second = c.pipeline();
    const ticketIds = ids.map((_, i) => heads[ids.length + i] as string[]);
    for (const list of ticketIds) for (const tid of list) second.hget(ctx.key('ticket', tid), 'data');
    const docs = pipelineValues(await second.exec());
    const out: BatchWithTickets[] = [];
    let next = 0;
    ids.forEach((_, i) => {
      const doc = heads[i];
      const tickets: Ticket[] = [];
      for (let n = 0; n < ticketIds[i]!.length; n++) {
        const data = docs[next++];
        if (typeof data === 'string') tickets.push(readRecord(ticketRecord, data, 'ticket'));
      }
      if (typeof doc === 'string') out.push({ batch: readRecord(batchRecord, doc, 'batch'), tickets });
    });
    return out;
  });
}

export function getTicket(ctx: RedisConnection, id: string): Promise<Ticket | null> {
  return getVersioned(ctx, 'getTicket', ctx.key('ticket', id), ticketRecord, 'ticket');
}

export function findTicketByCode(ctx: RedisConnection, code: string): Promise<Ticket | null> {
  return ctx.run('findTicketByCode', async (c) => {
    const id = await c.get(ctx.key('code', code));
    if (id === null) return null;
    return (await readVersioned(c, ctx.key('ticket', id), ticketRecord, 'ticket'))?.value ?? null;
  });
}

export function listTickets(ctx: RedisConnection, query: TicketQuery): Promise<Ticket[]> {
  return ctx.run('listTickets', async (c) => {
    const index = query.batchId !== undefined ? ctx.key('batch-tickets', query.batchId) : ctx.key('tickets');
    const min = query.createdSince ?? '-inf';
    const ids = await c.zrevrangebyscore(index, '+inf', min, 'LIMIT', 0, query.limit ?? 10000);
    const out: Ticket[] = [];
    const pipeline = c.pipeline();
    for (const id of ids) pipeline.hget(ctx.key('ticket', id), 'data');
    const results = (await pipeline.exec()) ?? [];
    for (const [err, data] of results) {
      if (err) throw err;
      if (typeof data === 'string') out.push(readRecord(ticketRecord, data, 'ticket'));
    }
    return out;
  });
}

export function updateTicket(
  ctx: RedisConnection,
  id: string,
  change: Mutation<Ticket>,
): Promise<Ticket | null> {
  return casUpdate(
    ctx,
    'updateTicket',
    ctx.key('ticket', id),
    ticketRecord,
    'ticket',
    change,
    (before, after) => [
      ...unboundDevices(before, after).map((device): IndexChange => ({
        key: ctx.key('device-tickets', device),
        op: 'zrem',
        member: id,
      })),
      ...deviceBindings(after).map((b): IndexChange => ({
        key: ctx.key('device-tickets', b.device),
        op: 'zadd',
        member: id,
        score: b.usableUntil,
      })),
    ],
  );
}

export function listTicketsByDevice(
  ctx: RedisConnection,
  device: string,
  now: number,
  limit: number,
): Promise<Ticket[]> {
  return ctx.run('listTicketsByDevice', async (c) => {
    const ids = await c.zrevrangebyscore(
      ctx.key('device-tickets', device),
      '+inf',
      `(${now}`,
      'LIMIT',
      0,
      limit,
    );
    const out: Ticket[] = [];
    for (const id of ids) {
      const t = await readVersioned(c, ctx.key('ticket', id), ticketRecord, 'ticket');
      if (t) out.push(t.value);
    }
    return out;
  });
}
