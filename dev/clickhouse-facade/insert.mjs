// Splits an INSERT that carries its data inline (`… FORMAT fmt <data>` or `… VALUES <data>`) into the statement
// and the data bytes, the way ClickHouse's ParserInsertQuery finds where the data begins.
//
// Why: chdb runs inline INSERT data through clickhouse-local's multi-statement splitter, which ends the data at
// the first empty line and runs what follows as SQL. That truncates binary payloads silently (a 0x0A 0x0A pair
// in RowBinary) and would execute text from the data. So the facade never hands data to the engine inline: it
// writes the bytes to a private temporary file and rewrites the statement to `… FROM INFILE 'file' … FORMAT fmt`.

const KEYWORDS = new Set(['SETTINGS', 'FORMAT', 'VALUES', 'SELECT', 'WITH', 'FROM', 'WATCH']);

/**
 * @param {Buffer} full the whole INSERT: the URL query, a newline and the body, or the body alone
 * @returns {null | { statement: (infileLiteral: string) => string, text: string, format: string, data: Buffer }}
 *   (text: the client's statement without its data)
 *   null when the INSERT carries no inline data (INSERT … SELECT) or its shape is not recognised (the engine
 *   then reports the error on the plain text).
 */
export function splitInsert(full) {
  // latin1 maps every byte to one char, so string offsets are byte offsets and binary data stays harmless.
  const s = full.toString('latin1', 0, Math.min(full.length, 1 << 20));
  let i = 0;
  let depth = 0;
  let firstClause = -1; // where FROM INFILE goes: before SETTINGS / FORMAT / VALUES
  let prev = '';
  const word = /[A-Za-z_][A-Za-z0-9_]*/y;
  while (i < s.length) {
    const c = s[i];
    if (/\s/.test(c)) { i++; continue; }
    if (s.startsWith('--', i)) { i = lineEnd(s, i); continue; }
    if (s.startsWith('/*', i)) { const e = s.indexOf('*/', i + 2); if (e < 0) return null; i = e + 2; continue; }
    if (c === "'" || c === '"' || c === '`') { i = quotedEnd(s, i); if (i < 0) return null; prev = c; continue; }
    if (c === '(' || c === ')') { depth += c === '(' ? 1 : -1; i++; prev = c; continue; }
    word.lastIndex = i;
    const m = word.exec(s);
    if (!m) { i++; continue; }
    const kw = m[0].toUpperCase();
    const start = i;
    i += m[0].length;
    const afterName = prev !== 'INTO' && prev !== 'TABLE' && s[start - 1] !== '.'; // `INSERT INTO values …` is a table
    prev = kw;
    if (depth !== 0 || !KEYWORDS.has(kw) || !afterName) continue;
    if (kw === 'SELECT' || kw === 'WITH' || kw === 'FROM' || kw === 'WATCH') return null;
    if (firstClause < 0) firstClause = start;
    if (kw === 'SETTINGS') continue;
    let clausesEnd = start; // SETTINGS …, or nothing
    while (clausesEnd > firstClause && /\s/.test(s[clausesEnd - 1])) clausesEnd--;
    let format = 'Values';
    let dataStart = i;
    if (kw === 'FORMAT') {
      while (i < s.length && /\s/.test(s[i])) i++;
      word.lastIndex = i;
      const f = word.exec(s);
      if (!f) return null;
      format = f[0];
      dataStart = i + f[0].length;
      while (dataStart < s.length && ' \t\f'.includes(s[dataStart])) dataStart++;
      if (s[dataStart] === '\r') dataStart++;
      if (s[dataStart] === '\n') dataStart++;
    }
    const head = full.subarray(0, firstClause).toString('utf8').trimEnd();
    const tail = full.subarray(firstClause, clausesEnd).toString('utf8');
    return {
      statement: (infile) => `${head} FROM INFILE ${infile} COMPRESSION 'none'${tail ? ' ' + tail : ''} FORMAT ${format}`,
      text: `${head}${tail ? ' ' + tail : ''}`,
      format,
      data: full.subarray(dataStart),
    };
  }
  return null;
}

function lineEnd(s, i) {
  const e = s.indexOf('\n', i);
  return e < 0 ? s.length : e + 1;
}

/** Index after the quoted literal/identifier starting at i (backslash escapes and doubled quotes), -1 if open. */
function quotedEnd(s, i) {
  const q = s[i];
  for (let j = i + 1; j < s.length; j++) {
    if (s[j] === '\\') j++;
    else if (s[j] === q) {
      if (s[j + 1] === q) j++;
      else return j + 1;
    }
  }
  return -1;
}
