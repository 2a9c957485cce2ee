#!/usr/bin/env node
// Equivalence check of bench/compare_duckdb.sh: recon's challenges.csv restricted to the five patient rules
// against run_rules.mjs's output, as multisets of (RULE, DATASET, RECORD_ID). Prints matched / only-recon /
// only-duckdb per rule and, when they differ, examples of each difference (record ids only: no NHS numbers);
// exits 1 if they differ. Not timed: it runs after both tools have finished.
//
// Usage: node compare.mjs --recon OUT/challenges.csv --duckdb duckdb.csv [--examples 10] [--json FILE]
//        node compare.mjs --recon OUT/challenges.csv --peer polars.csv --name polars [...]: another tool's
//        output in the same form (bench/polars/run_rules.mjs); "duckdb" in the report and the JSON becomes NAME.
import { writeFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const RULES = ['DUP', 'OVERLAP', 'SPLIT', 'READMIT', 'OPFIRST'];

function parseArgs(argv) {
  const opts = { examples: '10' };
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || i + 1 >= argv.length) throw new Error(`bad argument '${argv[i]}'`);
    opts[argv[i].slice(2)] = argv[i + 1];
  }
  opts.duckdb ??= opts.peer;
  opts.name ??= 'duckdb';
  if (!/^[a-z0-9_]+$/.test(opts.name)) throw new Error(`--name must be a lower-case word, got '${opts.name}'`);
  if (!opts.recon || !opts.duckdb) throw new Error('--recon and --duckdb (or --peer) are required');
  return opts;
}

const q = (s) => `'${String(s).replaceAll("'", "''")}'`;

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  const read = (path) =>
    `SELECT RULE AS rule, DATASET AS dataset, RECORD_ID AS record_id, count(*) AS n
     FROM read_csv(${q(path)}, header = true, all_varchar = true)
     WHERE RULE IN (${RULES.map(q).join(', ')}) GROUP BY ALL`;
  await db.run(`CREATE TABLE r AS ${read(opts.recon)}`);
  await db.run(`CREATE TABLE d AS ${read(opts.duckdb)}`);
  await db.run(`CREATE TABLE cmp AS
    SELECT coalesce(r.rule, d.rule) AS rule, coalesce(r.dataset, d.dataset) AS dataset,
           coalesce(r.record_id, d.record_id) AS record_id,
           least(coalesce(r.n, 0), coalesce(d.n, 0)) AS matched,
           greatest(coalesce(r.n, 0) - coalesce(d.n, 0), 0) AS only_recon,
           greatest(coalesce(d.n, 0) - coalesce(r.n, 0), 0) AS only_duckdb
    FROM r FULL OUTER JOIN d USING (rule, dataset, record_id)`);
  const summary = {};
  for (const rule of RULES) summary[rule] = { matched: 0, only_recon: 0, [`only_${opts.name}`]: 0 };
  for (const [rule, m, r, d] of (await db.runAndReadAll(
    'SELECT rule, sum(matched), sum(only_recon), sum(only_duckdb) FROM cmp GROUP BY rule')).getRows())
    summary[rule] = { matched: Number(m), only_recon: Number(r), [`only_${opts.name}`]: Number(d) };

  let differ = false;
  const only = `only-${opts.name}`;
  console.log(`${'rule'.padEnd(8)} ${'matched'.padStart(9)} ${'only-recon'.padStart(11)} ${only.padStart(12)}`);
  for (const rule of RULES) {
    const s = summary[rule];
    const peerOnly = s[`only_${opts.name}`];
    const ok = s.only_recon === 0 && peerOnly === 0;
    differ ||= !ok;
    console.log(`${rule.padEnd(8)} ${String(s.matched).padStart(9)} ${String(s.only_recon).padStart(11)} ` +
                `${String(peerOnly).padStart(Math.max(12, only.length))}  ${ok ? 'same' : 'DIFFERENT'}`);
  }
  if (differ) {
    for (const side of ['only_recon', 'only_duckdb']) {
      const rows = (await db.runAndReadAll(
        `SELECT rule, dataset, record_id FROM cmp WHERE ${side} > 0
         QUALIFY row_number() OVER (PARTITION BY rule ORDER BY dataset, record_id) <= ${Number(opts.examples)}
         ORDER BY rule, dataset, record_id`)).getRows();
      const label = side === 'only_recon' ? 'only-recon' : only;
      for (const [rule, dataset, id] of rows) console.log(`  ${label}: ${rule} ${dataset} ${id}`);
    }
  }
  if (opts.json) writeFileSync(opts.json, JSON.stringify(summary) + '\n');
  process.exit(differ ? 1 : 0);
}

main().catch((e) => {
  process.stderr.write(`compare: ${e.message}\n`);
  process.exit(2);
});
