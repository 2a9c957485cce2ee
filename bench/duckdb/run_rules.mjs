#!/usr/bin/env node
// The DuckDB side of bench/compare_duckdb.sh: what a contracts analyst would do with the extract in DuckDB.
// Loads the APC, OP and A&E files, the practice referral log and the outpatient tariff into an in-memory
// DuckDB database (sql/load.sql, sql/patient_history.sql), runs recon's patient rules as SQL
// (sql/dup.sql, overlap.sql, split.sql, readmit.sql, opfirst.sql) and writes the challenges found as CSV
// RULE,DATASET,RECORD_ID. Prints one JSON line of timings on stdout (phases in seconds).
//
// Usage: node run_rules.mjs --apc FILE --op FILE --ae FILE --referrals FILE --reference DIR --out FILE
//                           [--threads N (0 = all cores, default)] [--readmit-days 30] [--opfirst-months 6]
//                           [--trim yes|no (default yes: trim every value as recon does)]
// CSV or NDJSON by file extension (.ndjson/.jsonl/.json), as recon decides. DuckDB runs with its defaults
// (memory limit, temp directory) apart from the thread count.
import { readFileSync, openSync, readSync, closeSync, existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { DuckDBInstance } from '@duckdb/node-api';

const started = performance.now();
const here = dirname(fileURLToPath(import.meta.url));

function parseArgs(argv) {
  const opts = { threads: '0', 'readmit-days': '30', 'opfirst-months': '6', trim: 'yes' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--') || i + 1 >= argv.length) throw new Error(`bad argument '${a}' (see the usage in ${import.meta.url})`);
    opts[a.slice(2)] = argv[++i];
  }
  for (const k of ['apc', 'op', 'ae', 'referrals', 'reference', 'out'])
    if (!opts[k]) throw new Error(`--${k} is required`);
  if (!['yes', 'no'].includes(opts.trim)) throw new Error(`--trim must be yes or no, got '${opts.trim}'`);
  for (const k of ['threads', 'readmit-days', 'opfirst-months'])
    if (!/^[0-9]+$/.test(opts[k])) throw new Error(`--${k} must be a whole number, got '${opts[k]}'`);
  return opts;
}

// DUP keeps the most complete copy of a record, so every diagnosis and procedure column counts.
const numbered = (prefix, n) => Array.from({ length: n }, (_, i) => `${prefix}_${String(i + 1).padStart(2, '0')}`);
const DIAGNOSES = numbered('DIAG', 20);
const PROCEDURES = numbered('OPERTN', 24);

// The columns each rule set needs (the rest of the file is not loaded; recon reads them all and runs every
// rule, so this favours DuckDB, not recon).
const COLUMNS = {
  apc: ['SUSSPELLID', 'PROCODE3', 'NHSNUMBER', 'DOB', 'SEX', 'GPPRAC', 'ADMIDATE', 'DISDATE', 'SUBDATE', 'ADMIMETH',
        'ADMISORC', 'DISMETH', 'CLASSPAT', 'TRETSPEF', 'SUSHRG', 'DIAG_01', 'PRICE', ...DIAGNOSES.slice(1),
        ...PROCEDURES],
  op: ['ATTENDKEY', 'PROCODE3', 'NHSNUMBER', 'DOB', 'SEX', 'GPPRAC', 'APPTDATE', 'SUBDATE', 'ATTENDED', 'FIRSTATT',
       'REFSOURC', 'TRETSPEF', 'SUSHRG', 'PRICE', ...PROCEDURES],
  ae: ['AEKEY', 'PROCODE3', 'NHSNUMBER', 'DOB', 'SEX', 'GPPRAC', 'ARRIVALDATE', 'SUBDATE', 'AEATTENDCAT',
       'AEATTENDDISP', 'SUSHRG', 'PRICE'],
  referrals: ['NHSNUMBER', 'GPPRAC', 'REFDATE', 'PROCODE3', 'TRETSPEF'],
  tariff_op: ['TRETSPEF', 'FIRST', 'FOLLOWUP'],
};

const sqlString = (s) => `'${String(s).replaceAll("'", "''")}'`;
const isNdjson = (p) => /\.(ndjson|jsonl|json)$/i.test(p);

// The first line of a CSV file: its header (names trimmed and upper-cased, a UTF-8 BOM dropped).
function csvHeader(path) {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(1 << 16);
    const n = readSync(fd, buf, 0, buf.length, 0);
    let line = buf.subarray(0, n).toString('utf8').split('\n')[0].replace(/^\uFEFF/, '');
    return line.split(',').map((c) => c.trim().replace(/^"|"$/g, '').trim().toUpperCase());
  } finally {
    closeSync(fd);
  }
}

// A FROM-clause reader of one file giving every needed column as VARCHAR (an optional column the file lacks
// reads as NULL, as recon treats a missing optional column).
function reader(path, dataset) {
  const cols = COLUMNS[dataset];
  if (isNdjson(path)) {
    const spec = cols.map((c) => `${c}: 'VARCHAR'`).join(', ');
    return `read_json(${sqlString(path)}, format = 'newline_delimited', columns = {${spec}}, ignore_errors = true)`;
  }
  const header = new Set(csvHeader(path));
  const select = cols.map((c) => (header.has(c) ? c : `NULL::VARCHAR AS ${c}`)).join(', ');
  return `(SELECT ${select} FROM read_csv(${sqlString(path)}, header = true, all_varchar = true, delim = ',', ` +
         `quote = '"', escape = '"', ignore_errors = true))`;
}

function referenceFile(dir, name) {
  for (const ext of ['csv', 'ndjson'])
    if (existsSync(join(dir, `${name}.${ext}`))) return join(dir, `${name}.${ext}`);
  throw new Error(`reference table ${name} not found in ${dir}`);
}

// Splits a .sql file into statements on ';' at the end of a line, comments removed (the files keep ';' and
// '--' out of string literals), then fills in the {{name}} placeholders.
function statements(file, vars) {
  const text = readFileSync(join(here, 'sql', file), 'utf8').replace(/--.*$/gm, '');
  return text.split(/;\s*$/m).map((s) => s.trim()).filter((s) => s.length > 0).map((s) =>
    s.replace(/\{\{(\w+)\}\}/g, (_, k) => {
      if (!(k in vars)) throw new Error(`${file}: no value for {{${k}}}`);
      return vars[k];
    }));
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const threads = Number(opts.threads) > 0 ? Number(opts.threads) : cpus().length;
  const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
  const db = await instance.connect();
  const version = (await db.runAndReadAll('SELECT version()')).getRows()[0][0];

  const vars = {
    apc: reader(opts.apc, 'apc'),
    op: reader(opts.op, 'op'),
    ae: reader(opts.ae, 'ae'),
    referrals: reader(opts.referrals, 'referrals'),
    tariff_op: reader(referenceFile(opts.reference, 'tariff_op'), 'tariff_op'),
    readmit_days: opts['readmit-days'],
    opfirst_months: opts['opfirst-months'],
    trim: opts.trim === 'yes' ? 'true' : 'false',
  };
  const timings = {};
  const time = async (name, fn) => {
    const t = performance.now();
    await fn();
    timings[name] = +((performance.now() - t) / 1000).toFixed(3);
    process.stderr.write(`duckdb: ${name.padEnd(16)} ${timings[name].toFixed(3)} s\n`);
  };

  await time('load', async () => {
    for (const s of statements('load.sql', vars)) await db.run(s);
  });
  await time('patient_history', async () => {
    for (const s of statements('patient_history.sql', vars)) await db.run(s);
  });
  await db.run('CREATE TABLE challenges (rule VARCHAR, dataset VARCHAR, record_id VARCHAR)');
  for (const rule of ['dup', 'overlap', 'split', 'readmit', 'opfirst']) {
    await time(rule.toUpperCase(), async () => {
      for (const s of statements(`${rule}.sql`, vars)) await db.run(`INSERT INTO challenges ${s}`);
    });
  }
  await time('write', async () => {
    await db.run(`COPY (SELECT rule AS RULE, dataset AS DATASET, record_id AS RECORD_ID FROM challenges
                       ORDER BY RULE, DATASET, RECORD_ID) TO ${sqlString(opts.out)} (FORMAT csv, HEADER true)`);
  });
  const counts = {};
  for (const [rule, n] of (await db.runAndReadAll(
    'SELECT rule, count(*) FROM challenges GROUP BY rule ORDER BY rule')).getRows())
    counts[rule] = Number(n);
  const rows = {};
  for (const t of ['apc', 'op', 'ae'])
    rows[t] = Number((await db.runAndReadAll(`SELECT count(*) FROM ${t}`)).getRows()[0][0]);
  timings.total_in_process = +((performance.now() - started) / 1000).toFixed(3);
  console.log(JSON.stringify({ duckdb_version: version, threads, trim: opts.trim, timings, matched_rows: rows,
                               challenges: counts }));
}

main().catch((e) => {
  process.stderr.write(`duckdb: ${e.message}\n`);
  process.exit(1);
});
