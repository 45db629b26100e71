// The chdb side of the facade: the real ClickHouse engine, in-process.
//
// * One long-lived chdb Session owns the data directory for the life of the process (closing the last
//   connection would shut the embedded server down and reload every table on the next request).
// * Every request gets its own short-lived native connection to that same directory. A connection carries
//   its own session state (SET, USE, temporary tables, query parameters), so closing it after the request
//   is what makes the facade stateless: nothing a request changes can reach the next one.
// * Requests run one at a time, in arrival order (see `serialize`).
//
// Why the native calls instead of the public Session API: HTTP `param_*` values already are in ClickHouse's
// escaped text form, and the public queryBind* escapes strings again (a value `a\tb` would arrive as the
// four characters `a\tb`); the public raw insert whitelists text formats only. The native functions
// underneath take the parameter map and any payload bytes as they are. chdb is pinned to an exact version.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const EMPTY = Buffer.alloc(0);
const TMP_PREFIX = 'devhealth-clickhouse-facade-';

export async function openEngine(dataDir) {
  process.env.TZ = 'UTC'; // before chdb loads: the engine reads the zone once (timezone() = 'UTC', as on our servers)
  const chdb = require('chdb');
  const native = require(join(dirname(require.resolve('chdb')), 'dist', 'loader.js')).loadNative();
  const path = resolve(dataDir);
  const session = new chdb.Session(path);
  // Inline INSERT data goes through files here (see insert.mjs); mkdtemp makes the directory private (0700).
  removeStaleTmpDirs();
  const tmpDir = mkdtempSync(join(os.tmpdir(), `${TMP_PREFIX}${process.pid}-`));
  const version = (await session.queryAsync('SELECT version()', { format: 'TabSeparated' })).text().trim();

  let tail = Promise.resolve();
  let queued = 0;
  /** Runs fn after every earlier job has finished (a FIFO queue of length 1 in flight). */
  function serialize(fn) {
    queued++;
    const run = tail.then(fn);
    tail = run.then(() => {}, () => {}).finally(() => queued--);
    return run;
  }

  /**
   * Runs one request on a fresh connection. job: { sql | inlineData (from splitInsert), format, insert, database,
   * settings, params, readonly }. Inline INSERT data is written, untouched, to a private temporary file that the
   * rewritten statement reads (FROM INFILE), and deleted afterwards.
   */
  function execute(job) {
    return serialize(async () => {
      const conn = native.CreateConnection(path);
      let dataFile;
      try {
        const preamble = preambleSql(job);
        if (preamble) await native.QueryAsyncConnection(conn, preamble, 'TabSeparated');
        const started = process.hrtime.bigint();
        let sql = job.sql;
        if (job.inlineData) {
          dataFile = join(tmpDir, `${randomUUID()}.data`);
          await writeFile(dataFile, job.inlineData.data, { mode: 0o600, flag: 'wx' });
          sql = job.inlineData.statement(stringLiteral(dataFile));
        }
        if (job.insert && !job.params) {
          // The raw-insert call is the one that reports written rows; its (empty) payload is never used for data.
          const r = await native.InsertRawAsyncConnection(conn, sql, EMPTY, false);
          return summary(EMPTY, r.rowsWritten, r.bytesWritten, r.rowsWritten, r.bytesWritten, started);
        }
        const r = job.params
          ? await native.QueryAsyncConnection(conn, sql, job.format, job.params)
          : await native.QueryAsyncConnection(conn, sql, job.format);
        const bytes = Buffer.from(r.bytes.buffer, r.bytes.byteOffset, r.bytes.byteLength);
        // chdb's rowsRead/bytesRead describe the result set (rows returned, their in-memory size).
        return summary(bytes, r.rowsRead, r.bytesRead, 0, 0, started);
      } finally {
        native.CloseConnection(conn);
        if (dataFile) await rm(dataFile, { force: true });
      }
    });
  }

  async function close() {
    await tail;
    session.close();
    rmSync(tmpDir, { recursive: true, force: true });
  }

  return { version, execute, close, get queued() { return queued; } };
}

/** Temporary directories left behind by facades that were killed (their pid is in the name). */
function removeStaleTmpDirs() {
  for (const name of readdirSync(os.tmpdir())) {
    const pid = Number(name.startsWith(TMP_PREFIX) && name.slice(TMP_PREFIX.length).split('-')[0]);
    if (!pid || pid === process.pid) continue;
    try { process.kill(pid, 0); } catch (e) {
      if (e.code === 'ESRCH') rmSync(join(os.tmpdir(), name), { recursive: true, force: true });
    }
  }
}

function summary(bytes, rows, rowBytes, writtenRows, writtenBytes, started) {
  return { bytes, rows, rowBytes, writtenRows, writtenBytes, elapsedNs: process.hrtime.bigint() - started };
}

/**
 * `SET name = 'value', …` for the request's settings (values travel as string literals, which is how
 * ClickHouse's HTTP handler applies URL settings too), then `USE db`. Names were checked to be identifiers.
 */
function preambleSql({ settings, database, readonly }) {
  const pairs = settings.map(([k, v]) => `${k} = ${stringLiteral(v)}`);
  // GET is read-only on a ClickHouse server (readonly=2: settings may still change).
  if (readonly) pairs.push(`readonly = '2'`);
  const parts = [];
  if (pairs.length) parts.push(`SET ${pairs.join(', ')}`);
  if (database) parts.push(`USE \`${database.replace(/[\\`]/g, (c) => '\\' + c)}\``);
  return parts.join('; ');
}

function stringLiteral(v) {
  return `'${v.replace(/[\\']/g, (c) => '\\' + c)}'`;
}
