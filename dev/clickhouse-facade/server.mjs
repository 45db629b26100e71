#!/usr/bin/env node
// DevHealth's local/test stand-in for a ClickHouse server: ClickHouse's HTTP interface (the subset that
// clickhouse-jdbc, client-v2 and curl use) over the real ClickHouse engine embedded in chdb.
// Not a server for production: no real users, no cluster, one query at a time. See README.md.
//
//   node server.mjs --path DATA_DIR [--port 8123] [--host 127.0.0.1] [--exit-with-parent-pid PID] [--query-log FILE]
//
// --query-log FILE (or env DEVHEALTH_CLICKHOUSE_QUERY_LOG; opt-in, for benchmarks): appends every statement other
// than an INSERT, as received, to FILE as one JSON line {sql, params, settings, database, format}, so that the
// same statements can be replayed straight to the engine (bench/analytics).
//
// Safe on a shared machine (see README.md, "Security"): queries need one of three logins, as production's
// ClickHouse users (dev/engines/clickhouse-users.sql) grant them: the owner (env DEVHEALTH_CLICKHOUSE_USER /
// DEVHEALTH_CLICKHOUSE_PASSWORD, default default / devhealth) may run anything, migrations included; the writer
// (DEVHEALTH_CLICKHOUSE_WRITER_USER / _PASSWORD, default devhealth_writer / devhealth; sync-service) reads, inserts
// and deletes rows but changes no schema; the reader (DEVHEALTH_CLICKHOUSE_READER_USER / _PASSWORD, default
// devhealth_reader / devhealth; analytics-service) reads only (readonly = 2) within row and time limits. Requests a browser sends
// (an Origin or Sec-Fetch-Site header, or a Host that is not a loopback name) are refused, so no web page can reach
// it; table functions, engines and dictionary sources that read or write files, URLs, other servers or programs
// are refused; request bodies are capped before and after decompression.
import fs from 'node:fs';
import http from 'node:http';
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import zlib from 'node:zlib';
import { openEngine } from './engine.mjs';
import { splitInsert } from './insert.mjs';

/** The largest request body accepted, before and after Content-Encoding (a compressed body cannot expand past it). */
const MAX_BODY_BYTES = 256 * 1024 * 1024;
const DISPLAY_NAME = 'devhealth-clickhouse-facade';

// URL parameters the HTTP handler of a ClickHouse server consumes itself; every other one (except
// param_*) is a setting for this one query.
const PROTOCOL_PARAMS = new Set(['query', 'database', 'default_format', 'query_id', 'user', 'password', 'quota_key',
  'role', 'stacktrace', 'buffer_size', 'wait_end_of_query', 'session_id', 'session_timeout', 'session_check',
  'close_session', 'client_protocol_version', 'compress', 'decompress']);

// exceptionCodeToHTTPStatus of ClickHouse's HTTP handler, by error name (chdb's messages end in "(NAME)").
// One deviation, on purpose: a bad or missing query parameter is the caller's mistake, 400 (ClickHouse: 500).
const STATUS_BY_NAME = new Map([
  ...['REQUIRED_PASSWORD'].map((n) => [n, 401]),
  ...['UNKNOWN_USER', 'WRONG_PASSWORD', 'AUTHENTICATION_FAILED', 'SET_NON_GRANTED_ROLE', 'ACCESS_DENIED'].map((n) => [n, 403]),
  ...['BAD_ARGUMENTS', 'CANNOT_COMPILE_REGEXP', 'CANNOT_PARSE_TEXT', 'CANNOT_PARSE_ESCAPE_SEQUENCE',
    'CANNOT_PARSE_QUOTED_STRING', 'CANNOT_PARSE_DATE', 'CANNOT_PARSE_DATETIME', 'CANNOT_PARSE_NUMBER',
    'CANNOT_PARSE_DOMAIN_VALUE_FROM_STRING', 'CANNOT_PARSE_IPV4', 'CANNOT_PARSE_IPV6',
    'CANNOT_PARSE_INPUT_ASSERTION_FAILED', 'CANNOT_PARSE_UUID', 'DUPLICATE_COLUMN', 'ILLEGAL_COLUMN',
    'UNKNOWN_ELEMENT_IN_AST', 'UNKNOWN_TYPE_OF_AST_NODE', 'THERE_IS_NO_COLUMN', 'TOO_DEEP_AST', 'TOO_BIG_AST',
    'UNEXPECTED_AST_STRUCTURE', 'SYNTAX_ERROR', 'INCORRECT_DATA', 'TYPE_MISMATCH',
    'VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE', 'BAD_QUERY_PARAMETER', 'UNKNOWN_QUERY_PARAMETER'].map((n) => [n, 400]),
  ...['UNKNOWN_TABLE', 'UNKNOWN_FUNCTION', 'UNKNOWN_IDENTIFIER', 'UNKNOWN_TYPE', 'UNKNOWN_STORAGE',
    'UNKNOWN_DATABASE', 'UNKNOWN_SETTING', 'UNKNOWN_DIRECTION_OF_SORTING', 'UNKNOWN_AGGREGATE_FUNCTION',
    'UNKNOWN_FORMAT', 'UNKNOWN_DATABASE_ENGINE', 'UNKNOWN_TYPE_OF_QUERY', 'UNKNOWN_ROLE'].map((n) => [n, 404]),
  ['QUERY_IS_TOO_LARGE', 413], ['NOT_IMPLEMENTED', 501], ['SOCKET_TIMEOUT', 503], ['CANNOT_OPEN_FILE', 503],
  ['HTTP_LENGTH_REQUIRED', 411], ['TIMEOUT_EXCEEDED', 408], ['CANNOT_SCHEDULE_TASK', 503],
  ['UNSUPPORTED_MEDIA_TYPE', 415],
]);

/** An error raised by the facade itself, shaped like the engine's. */
class FacadeError extends Error {
  constructor(code, name, message, status) {
    super(`Code: ${code}. DB::Exception: ${message}. (${name})`);
    this.status = status;
  }
}
const badRequest = (message) => new FacadeError(36, 'BAD_ARGUMENTS', message);

function parseArgs(argv) {
  const opts = { port: 8123, host: '127.0.0.1', path: './data', exitWithParentPid: 0,
    queryLog: process.env.DEVHEALTH_CLICKHOUSE_QUERY_LOG || '',
    logins: [
      { role: 'owner', user: process.env.DEVHEALTH_CLICKHOUSE_USER || 'default', password: process.env.DEVHEALTH_CLICKHOUSE_PASSWORD || 'devhealth' },
      { role: 'writer', user: process.env.DEVHEALTH_CLICKHOUSE_WRITER_USER || 'devhealth_writer', password: process.env.DEVHEALTH_CLICKHOUSE_WRITER_PASSWORD || 'devhealth' },
      { role: 'reader', user: process.env.DEVHEALTH_CLICKHOUSE_READER_USER || 'devhealth_reader', password: process.env.DEVHEALTH_CLICKHOUSE_READER_PASSWORD || 'devhealth' },
    ] };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    const value = () => inline ?? argv[++i];
    if (flag === '--port') opts.port = Number(value());
    else if (flag === '--host') opts.host = value();
    else if (flag === '--path') opts.path = value();
    else if (flag === '--exit-with-parent-pid') opts.exitWithParentPid = Number(value());
    else if (flag === '--query-log') opts.queryLog = value();
    else throw new Error(`unknown flag ${argv[i]}`);
  }
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) throw new Error('--port must be 0..65535');
  return opts;
}

/** Leading whitespace and comments, which ClickHouse skips before the statement keyword. */
const LEADING_NOISE = /^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*/;
const isInsert = (sql) => /^INSERT\b/i.test(sql.replace(LEADING_NOISE, ''));
const formatClause = (sql) => /\bFORMAT\s+([A-Za-z][A-Za-z0-9_]*)\s*;?\s*$/i.exec(sql)?.[1];

function contentType(format) {
  if (/^(TabSeparated|TSV)/i.test(format)) return 'text/tab-separated-values; charset=UTF-8';
  if (/^CSV/i.test(format)) return 'text/csv; charset=UTF-8';
  if (/^JSON(EachRow|Lines|StringsEachRow|CompactEachRow)/i.test(format)) return 'application/x-ndjson; charset=UTF-8';
  if (/^JSON/i.test(format)) return 'application/json; charset=UTF-8';
  if (/^(Pretty|Vertical|Markdown|Values|Raw|LineAsString|XML|Template)/i.test(format)) return 'text/plain; charset=UTF-8';
  return 'application/octet-stream';
}

async function readBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new FacadeError(202, 'QUERY_IS_TOO_LARGE', `Request body exceeds ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  const body = Buffer.concat(chunks, size);
  const encoding = (req.headers['content-encoding'] || 'identity').toLowerCase();
  try {
    const limit = { maxOutputLength: MAX_BODY_BYTES };
    if (encoding === 'gzip' || encoding === 'x-gzip') return zlib.gunzipSync(body, limit);
    if (encoding === 'deflate') return zlib.inflateSync(body, limit);
    if (encoding === 'br') return zlib.brotliDecompressSync(body, limit);
  } catch (e) {
    if (e.code === 'ERR_BUFFER_TOO_LARGE') {
      throw new FacadeError(202, 'QUERY_IS_TOO_LARGE', `The ${encoding} request body decompresses to more than ${MAX_BODY_BYTES} bytes`);
    }
    throw badRequest(`Cannot decompress the ${encoding} request body: ${e.message}`);
  }
  if (encoding !== 'identity') throw badRequest(`Unsupported Content-Encoding: ${encoding} (the facade knows gzip, deflate, br)`);
  return body;
}

// --- the shared-machine guards ---------------------------------------------------------------------------------

/** Host header values a non-browser local client sends: a loopback address or name, with any port. */
const LOOPBACK_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d{1,5})?$/i;

/**
 * Refuses what a web browser sends: any page the operator visits could otherwise POST statements to the facade as a
 * CORS "simple request" (the response is unreadable, the statement still runs), or reach it through DNS
 * rebinding (a foreign Host). Clients of ClickHouse (JDBC, client-v2, curl, fetch in Node) send neither header.
 */
function refuseBrowsers(req, listenHost) {
  // Sec-Fetch-Site, not any Sec-Fetch-*: Node's fetch (undici) sends Sec-Fetch-Mode too, and is not a browser.
  const fromBrowser = req.headers.origin !== undefined || req.headers['sec-fetch-site'] !== undefined;
  if (fromBrowser) throw new FacadeError(497, 'ACCESS_DENIED', 'Requests from web browsers are refused by the local facade', 403);
  const host = String(req.headers.host ?? '');
  if (!LOOPBACK_HOST.test(host) && host.replace(/:\d+$/, '') !== listenHost) {
    throw new FacadeError(497, 'ACCESS_DENIED', 'The Host header must name the local facade (a loopback address)', 403);
  }
}

const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest();
const sameSecret = (given, expected) => timingSafeEqual(sha256(given), sha256(expected));

/** The credentials as ClickHouse's HTTP handler takes them: Basic auth, X-ClickHouse-User/Key, or user/password. */
function credentials(req, url) {
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(String(req.headers.authorization ?? ''));
  if (basic) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon < 0 ? { user: decoded, password: '' } : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  if (req.headers['x-clickhouse-user'] !== undefined) {
    return { user: String(req.headers['x-clickhouse-user']), password: String(req.headers['x-clickhouse-key'] ?? '') };
  }
  return { user: url.searchParams.get('user') ?? 'default', password: url.searchParams.get('password') ?? '' };
}

/** The login's role (owner, writer or reader); refuses unknown users and wrong passwords alike. */
function authenticate(req, url, opts) {
  const { user, password } = credentials(req, url);
  // Every login compared, user and password both, always: the answer does not tell which was wrong, nor how much.
  let role = null;
  for (const login of opts.logins) {
    const userOk = sameSecret(user, login.user);
    const passwordOk = sameSecret(password, login.password);
    if (userOk && passwordOk && role === null) role = login.role;
  }
  if (role === null) {
    throw new FacadeError(516, 'AUTHENTICATION_FAILED', `${user.slice(0, 64)}: Authentication failed: password is incorrect, or there is no user with such name`, 403);
  }
  return { user, role };
}

/** Statements a writer runs: reads, inserts and lightweight deletes of rows; no schema change, no OPTIMIZE, no SYSTEM. */
const WRITER_STATEMENTS = new Set(['SELECT', 'WITH', 'INSERT', 'DELETE', 'EXPLAIN', 'DESCRIBE', 'DESC', 'SHOW', 'EXISTS']);
/**
 * The reader's settings profile (dev/engines/clickhouse-users.sql): each limit's default, and the most a request may
 * ask for (a server's constraint; more is refused, as there). The SQL's own SETTINGS clause is not checked here.
 */
const READER_PROFILE = [
  { name: 'max_execution_time', default: 30, max: 60 },
  { name: 'max_result_rows', default: 1_000_000, max: 1_000_000 },
];

/**
 * What the login's role allows, as a server's grants would: the reader's statements run read-only (the engine's own
 * readonly = 2: settings may change, nothing is written) within its limits; a writer's statement must be one of
 * WRITER_STATEMENTS; the owner's run as they are.
 */
function applyRole(job, { user, role }) {
  if (role === 'reader') {
    job.readonly = true;
    for (const limit of READER_PROFILE) {
      const asked = job.settings.find(([name]) => name === limit.name);
      if (!asked) job.settings.push([limit.name, String(limit.default)]);
      else if (!(Number(asked[1]) <= limit.max) || Number(asked[1]) === 0) {
        throw new FacadeError(452, 'SETTING_CONSTRAINT_VIOLATION', `Setting ${limit.name} shouldn't be greater than ${limit.max}`, 400);
      }
    }
    job.settings.push(['result_overflow_mode', 'throw']);
  } else if (role === 'writer' && !job.insert) {
    const keyword = /^[\s(]*([A-Za-z]+)/.exec(withoutLiterals(job.sql))?.[1]?.toUpperCase();
    if (!WRITER_STATEMENTS.has(keyword)) {
      throw new FacadeError(497, 'ACCESS_DENIED', `${user.slice(0, 64)}: Not enough privileges: ${keyword ?? 'this statement'} changes the schema or the server and needs the owner`, 403);
    }
  }
}

/**
 * Table functions, table engines and dictionary sources that reach outside the engine's own tables: files, URLs,
 * object stores, other servers, programs. Product SQL never needs them; on a shared machine they would turn the
 * facade into a file reader/writer or a request forwarder for whoever can reach its port.
 */
const OUTSIDE_READERS = new Set(['file', 'filecluster', 'url', 'urlcluster', 'http', 's3', 's3cluster', 'gcs', 'oss', 'cosn',
  'azureblobstorage', 'azureblobstoragecluster', 'hdfs', 'hdfscluster', 'remote', 'remotesecure', 'cluster',
  'clusterallreplicas', 'mysql', 'postgresql', 'mongodb', 'redis', 'sqlite', 'odbc', 'jdbc', 'executable',
  'executablepool', 'deltalake', 'deltalakecluster', 'iceberg', 'icebergs3', 'icebergazure', 'icebergcluster',
  'icebergs3cluster', 'hudi', 'hudicluster', 'paimon', 'arrowflight', 'ytsaurus', 'kafka', 'rabbitmq', 'nats',
  'filelog', 'dictionary']);

/** The statement without its string literals, quoted identifiers and comments: what names functions and clauses. */
const withoutLiterals = (sql) => sql.replace(/'(?:[^'\\]|\\[\s\S]|'')*'|"(?:[^"\\]|\\[\s\S])*"|`(?:[^`\\]|\\[\s\S])*`|--[^\n]*|\/\*[\s\S]*?\*\//g, ' ');

function refuseOutsideAccess(sql) {
  const code = withoutLiterals(sql);
  for (const match of code.matchAll(/([A-Za-z_][A-Za-z0-9_]*)\s*\(/g)) {
    if (OUTSIDE_READERS.has(match[1].toLowerCase())) {
      throw new FacadeError(497, 'ACCESS_DENIED', `${match[1]}(…) reaches outside the engine's tables and is refused by the local facade`, 403);
    }
  }
  if (/\bINTO\s+OUTFILE\b|\bFROM\s+INFILE\b/i.test(code)) {
    throw new FacadeError(497, 'ACCESS_DENIED', 'INTO OUTFILE and FROM INFILE are refused by the local facade', 403);
  }
}

/** Turns an HTTP request into an engine job, as ClickHouse's HTTP handler reads it. */
function toJob(req, url, body) {
  const settings = [];
  const params = {};
  let urlQuery;
  let database = req.headers['x-clickhouse-database'];
  let format = req.headers['x-clickhouse-format'];
  for (const [key, value] of url.searchParams) {
    if (key === 'query') urlQuery = value;
    else if (key === 'database') database ||= value; // the header wins, as on a server
    else if (key === 'default_format') format ||= value;
    else if (key.startsWith('param_')) params[key.slice(6)] = value;
    else if ((key === 'compress' || key === 'decompress') && /^(1|true)$/i.test(value)) {
      throw badRequest(`${key}=1 (ClickHouse's native LZ4 block framing) is not supported by the local facade; ` +
        'connect with compress=false (HTTP gzip/deflate/br via Content-Encoding and enable_http_compression=1 do work)');
    } else if (key === '' || PROTOCOL_PARAMS.has(key)) continue;
    else if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new FacadeError(115, 'UNKNOWN_SETTING', `Unknown setting '${key}'`);
    else settings.push([key, value]);
  }
  format ||= 'TabSeparated';
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(format)) throw new FacadeError(73, 'UNKNOWN_FORMAT', `Unknown format ${format}`);
  const job = { settings, database, format, readonly: req.method !== 'POST', params: Object.keys(params).length ? params : null };
  // As on a server, the query is the URL's `query`, a newline and the body; binary data stays bytes.
  const full = urlQuery === undefined ? body : Buffer.concat([Buffer.from(body.length ? `${urlQuery}\n` : urlQuery), body]);
  job.logSql = urlQuery ?? body.subarray(0, 480).toString('utf8');
  job.insert = isInsert(job.logSql);
  if (job.insert) job.inlineData = splitInsert(full);
  if (job.inlineData) refuseOutsideAccess(job.inlineData.text);
  if (!job.inlineData) {
    job.sql = full.toString('utf8');
    refuseOutsideAccess(job.sql);
    if (!job.sql.replace(LEADING_NOISE, '')) throw new FacadeError(62, 'SYNTAX_ERROR', 'Empty query');
    // One statement per request, as on a server (the embedded engine would run them all, past the role's check).
    if (/;\s*\S/.test(withoutLiterals(job.sql))) throw new FacadeError(62, 'SYNTAX_ERROR', 'Multi-statements are not allowed');
    if (!job.insert) job.format = formatClause(job.sql) ?? format;
  }
  return job;
}

function errorReply(e, version) {
  // Some engine errors come back wrapped two or three times ("Code: 73. DB::Exception: Code: 73. DB::Exception: …
  // (NAME) (version …). (NAME)"): unwrap them to the server's single form.
  let raw = String(e?.message ?? e).trim();
  for (let before; before !== raw;) {
    before = raw;
    raw = raw.replace(/^(Code: (\d+)\. DB::Exception: )Code: \2\. DB::Exception: /, '$1')
      .replace(/ \(([A-Z0-9_]+)\) \(version [^)]*\)\. \(\1\)$/, ' ($1)');
  }
  const engineStyle = /^Code: (\d+)\. DB::Exception: /.exec(raw);
  const code = engineStyle ? Number(engineStyle[1]) : 1001;
  const message = engineStyle ? raw : `Code: 1001. DB::Exception: ${raw}. (STD_EXCEPTION)`;
  const name = /\(([A-Z0-9_]+)\)\s*$/.exec(message)?.[1];
  return { status: e?.status ?? STATUS_BY_NAME.get(name) ?? 500, code, body: `${message} (version ${version})\n` };
}

function compressFor(req, settings, body) {
  const enabled = settings.some(([k, v]) => k === 'enable_http_compression' && /^(1|true)$/i.test(v));
  const accept = String(req.headers['accept-encoding'] || '');
  if (!enabled || !body.length) return [body, undefined];
  if (/\bgzip\b/.test(accept)) return [zlib.gzipSync(body), 'gzip'];
  if (/\bdeflate\b/.test(accept)) return [zlib.deflateSync(body), 'deflate'];
  if (/\bbr\b/.test(accept)) return [zlib.brotliCompressSync(body), 'br'];
  return [body, undefined];
}

function oneLine(s, max) {
  return String(s ?? '').replace(/\s+/g, ' ').replace(/[^\x20-\x7e\u00a0-\uffff]/g, '?').trim().slice(0, max);
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const engine = await openEngine(opts.path);
  let inFlight = 0;
  let stopping = false;

  const server = http.createServer({ maxHeaderSize: 1024 * 1024, keepAliveTimeout: 10_000 }, async (req, res) => {
    inFlight++;
    const started = performance.now();
    let queryId = randomUUID();
    let logSql = '';
    const reply = (status, body, headers = {}) => {
      res.writeHead(status, {
        'X-ClickHouse-Server-Display-Name': DISPLAY_NAME, 'X-ClickHouse-Query-Id': queryId,
        'X-ClickHouse-Timezone': 'UTC', 'Content-Length': body.length, ...(stopping ? { Connection: 'close' } : {}), ...headers,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    res.on('close', () => {
      inFlight--;
      const ms = (performance.now() - started).toFixed(1);
      console.log(`${new Date().toISOString()} ${req.method} ${req.url.split('?')[0]} query_id=${queryId} ${ms}ms ${res.statusCode} ${oneLine(logSql, 120)}`);
    });
    try {
      let url;
      try { url = new URL(req.url, 'http://facade'); } catch { throw badRequest('Malformed request URL'); }
      const askedId = url.searchParams.get('query_id');
      if (askedId && !/^[\x20-\x7e]{1,256}$/.test(askedId)) throw badRequest('query_id must be printable ASCII, at most 256 characters');
      if (askedId) queryId = askedId;
      logSql = url.searchParams.get('query') ?? '';
      if (url.pathname === '/ping' || url.pathname === '/replicas_status') {
        // The one addition to ClickHouse's interface: how many queries are running or waiting (tests poll it).
        return reply(200, Buffer.from('Ok.\n'), { 'Content-Type': 'text/html; charset=UTF-8', 'X-DevHealth-Queued-Queries': String(engine.queued) });
      }
      if (url.pathname !== '/') {
        const body = `There is no handle ${url.pathname}\n\nUse / or /ping for health checks.\n`;
        return reply(404, Buffer.from(body), { 'Content-Type': 'text/plain; charset=UTF-8' });
      }
      if (stopping) throw new FacadeError(236, 'ABORTED', 'The server is shutting down', 503);
      if (!['GET', 'HEAD', 'POST'].includes(req.method)) throw badRequest(`Method ${req.method} is not supported`);
      if (/^multipart\//i.test(req.headers['content-type'] || '')) throw badRequest('multipart requests (external tables) are not supported by the local facade');
      // The body is read before any refusal: a reply sent over an unread request body can be lost to the TCP
      // reset that closing such a connection causes.
      const body = await readBody(req);
      refuseBrowsers(req, opts.host);
      if (req.method !== 'POST' && !url.searchParams.has('query')) return reply(200, Buffer.from('Ok.\n'), { 'Content-Type': 'text/html; charset=UTF-8' });
      const login = authenticate(req, url, opts);
      const job = toJob(req, url, req.method === 'POST' ? body : Buffer.alloc(0));
      applyRole(job, login);
      logSql = job.logSql;
      if (opts.queryLog && job.sql !== undefined && !job.insert) {
        const entry = { sql: job.sql, params: job.params, settings: Object.fromEntries(job.settings), database: job.database ?? null, format: job.format };
        fs.appendFileSync(opts.queryLog, `${JSON.stringify(entry)}\n`);
      }
      const r = await engine.execute(job);
      const [payload, encoding] = compressFor(req, job.settings, r.bytes);
      const summary = {
        read_rows: r.rows, read_bytes: r.rowBytes, written_rows: r.writtenRows, written_bytes: r.writtenBytes,
        total_rows_to_read: r.rows, result_rows: r.rows, result_bytes: job.insert ? r.rowBytes : r.bytes.length, elapsed_ns: r.elapsedNs,
      };
      reply(200, payload, {
        'Content-Type': contentType(job.format), 'X-ClickHouse-Format': job.format,
        'X-ClickHouse-Summary': JSON.stringify(Object.fromEntries(Object.entries(summary).map(([k, v]) => [k, String(v)]))),
        ...(encoding ? { 'Content-Encoding': encoding } : {}),
      });
    } catch (e) {
      const { status, code, body } = errorReply(e, engine.version);
      if (!(e instanceof FacadeError) && !/^Code: \d+/.test(String(e?.message))) console.error(e);
      if (res.headersSent) return res.destroy();
      try {
        reply(status, Buffer.from(body), { 'Content-Type': 'text/plain; charset=UTF-8', 'X-ClickHouse-Exception-Code': String(code) });
      } catch (replyError) {
        console.error('cannot send the error reply', replyError);
        res.destroy();
      }
    }
  });

  // Graceful stop: no new connections, let accepted requests (running or queued) finish, close the engine.
  const shutdown = async (why) => {
    if (stopping) return;
    stopping = true;
    console.log(`${new Date().toISOString()} stopping (${why})`);
    server.close();
    server.closeIdleConnections();
    const deadline = Date.now() + 30_000;
    while ((inFlight > 0 || engine.queued > 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await engine.close();
    console.log(`${new Date().toISOString()} stopped`);
    process.exit(0);
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  if (opts.exitWithParentPid > 0) {
    setInterval(() => {
      try { process.kill(opts.exitWithParentPid, 0); } catch (e) { if (e.code === 'ESRCH') shutdown(`parent ${opts.exitWithParentPid} is gone`); }
    }, 2000).unref();
  }
  // A bug in request handling must not take the engine (and every test using it) down.
  process.on('uncaughtException', (e) => console.error('uncaught', e));
  process.on('unhandledRejection', (e) => console.error('unhandled rejection', e));

  server.on('error', (e) => { console.error(`cannot listen on ${opts.host}:${opts.port}: ${e.message}`); process.exit(1); });
  server.listen(opts.port, opts.host, () => {
    const { address, port } = server.address();
    console.log(`ClickHouse ${engine.version} (chdb) data=${opts.path}`);
    console.log(`listening on http://${address.includes(':') ? `[${address}]` : address}:${port}`);
  });
}

main().catch((e) => { console.error(e); process.exit(1); });
