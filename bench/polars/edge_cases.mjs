#!/usr/bin/env node
// The self-check of bench/compare_peers.sh for Polars: the same hand-made edge cases as DuckDB's
// (bench/duckdb/edge_cases.mjs: the copy DUP keeps, the exclusions, window edges, rejected and padded values,
// CSV and NDJSON), run through recon and this directory's run_rules.mjs and compared with
// bench/duckdb/compare.mjs (which needs bench/duckdb's node_modules). Exits 1 if recon and Polars differ.
//
// Usage: node edge_cases.mjs --recon PATH/TO/recon [--dir DIR (default a fresh temporary directory)]
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

const here = dirname(fileURLToPath(import.meta.url));
const r = spawnSync('node', [join(here, '..', 'duckdb', 'edge_cases.mjs'), ...process.argv.slice(2),
                             '--runner', join(here, 'run_rules.mjs'), '--name', 'polars'], { stdio: 'inherit' });
process.exit(r.status ?? 1);
