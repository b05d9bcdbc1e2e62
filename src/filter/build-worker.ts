// Runs `buildTable` in a worker thread, so a DNS process that builds its own table keeps
// answering while millions of names are hashed and sorted.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { buildTable, type BuildReport, type BuildSpec } from './build-table';

const WORKER_FILE = path.join(__dirname, 'build-worker.js');

/** Builds in a worker thread (the compiled .js); in-thread when only sources exist (tests). */
export function buildTableInWorker(spec: BuildSpec): Promise<BuildReport> {
  if (!existsSync(WORKER_FILE)) return buildTable(spec);
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_FILE, { workerData: spec });
    let settled = false;
    worker.once('message', (m: { ok: true; report: BuildReport } | { ok: false; message: string }) => {
      settled = true;
      if (m.ok) resolve(m.report);
      else reject(new Error(m.message));
    });
    worker.once('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the table builder stopped with status ${code}`));
    });
  });
}

if (!isMainThread && parentPort && (workerData as BuildSpec | undefined)?.tableFile) {
  const port = parentPort;
  buildTable(workerData as BuildSpec).then(
    (report) => port.postMessage({ ok: true, report }),
    (err: Error) => port.postMessage({ ok: false, message: err.message }),
  );
}
