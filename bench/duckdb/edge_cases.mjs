#!/usr/bin/env node
// Hand-made edge cases for the SQL of run_rules.mjs: the copy DUP keeps (most complete, latest submitted, then
// input order), recoded copies, the SUS readmission exclusions, same-day spells, spells
// discharged before admission, a missing discharge date, chains of same-day readmissions, window edges
// (30 / 31 days, 6 calendar months with the day clamped), the exclusions (maternity, regular attenders,
// cancer, under-4s), referrals that do and do not open a new episode, charges at the follow-up price, and rows
// recon rejects (impossible date, sub-penny price, over-long code, '.' as a price) or keeps (YYYYMMDD date,
// lower-case provider, '£1,000.50', '.5', an NHS number written with spaces, values padded with spaces and
// tabs). The generated data sets have
// few of these. Writes the set as CSV and NDJSON, runs recon and run_rules.mjs on both and compares them with
// compare.mjs; exits 1 if they differ.
//
// Usage: node edge_cases.mjs --recon PATH/TO/recon [--dir DIR (default a fresh temporary directory)]
//                             [--runner PATH --name NAME: another tool's run_rules.mjs with the same arguments and
//                              output, e.g. bench/polars/run_rules.mjs, polars; default DuckDB's]
import { mkdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : undefined; };
const recon = opt('recon');
if (!recon) { process.stderr.write('edge_cases: --recon PATH is required\n'); process.exit(2); }
const dir = opt('dir') ?? mkdtempSync(join(tmpdir(), 'recon_edge_'));
const runner = opt('runner') ?? join(here, 'run_rules.mjs');
const name = opt('name') ?? 'duckdb';

// Valid NHS numbers (Modulus 11), one per patient.
function nhs(seed) {
  for (let n = seed; ; n++) {
    const d = String(n).padStart(9, '0').split('').map(Number);
    let c = 11 - (d.reduce((s, x, i) => s + x * (10 - i), 0) % 11);
    if (c === 11) c = 0;
    if (c !== 10 && new Set([...d, c]).size > 1) return d.join('') + c;
  }
}
const P = Array.from({ length: 50 }, (_, i) => nhs(123456780 + 1000 * i));

const apc = [], op = [], ae = [], referrals = [];
const A = (id, pro, p, adm, dis, o = {}) => apc.push({
  SUSSPELLID: id, PROCODE3: pro, NHSNUMBER: o.nhs ?? P[p], DOB: o.dob ?? '1960-01-01', SEX: '1', GPPRAC: 'A81001',
  ADMIDATE: adm, DISDATE: dis, ADMIMETH: o.meth ?? '11', ADMISORC: o.sorc ?? '19', DISMETH: o.dis ?? '1',
  CLASSPAT: o.cp ?? '1', TRETSPEF: o.tf ?? '100', SUSHRG: o.hrg ?? 'EB03C', DIAG_01: o.diag ?? 'I50.0',
  DIAG_02: o.diag2 ?? '', SUBDATE: o.sub ?? '2025-12-01', PRICE: o.price ?? '1000.00' });
const O = (id, pro, p, d, o = {}) => op.push({
  ATTENDKEY: id, PROCODE3: pro, NHSNUMBER: P[p], DOB: '1960-01-01', SEX: '1', GPPRAC: 'A81001', APPTDATE: d,
  ATTENDED: o.att ?? '5', FIRSTATT: o.first ?? '1', REFSOURC: '03', TRETSPEF: o.tf ?? '100', SUSHRG: o.hrg ?? 'WF01B',
  SUBDATE: o.sub ?? '2025-12-01', PRICE: o.price ?? '' });
function e0() { return { meth: '21', hrg: 'EB02A' }; }
const E = (id, pro, p, d, cat) => ae.push({
  AEKEY: id, PROCODE3: pro, NHSNUMBER: P[p], DOB: '1960-01-01', SEX: '1', GPPRAC: 'A81001', ARRIVALDATE: d,
  AEATTENDCAT: cat, AEATTENDDISP: '01', SUSHRG: 'VB09Z', SUBDATE: '2025-12-01', PRICE: '100' });
const R = (p, date, pro, tf) => referrals.push({ NHSNUMBER: P[p], GPPRAC: 'A81001', REFDATE: date, PROCODE3: pro, TRETSPEF: tf });

// DUP: copies 2, 3 and 4 of a spell (one with a YYYYMMDD date, a lower-case provider, a '£1,000.50' price; one
// recoded to another HRG); OP: another TRETSPEF is not a copy; A&E: category 3 is not a copy, '01' = '1' is.
A('D1', 'RXH', 0, '2025-05-01', '2025-05-03'); A('D2', 'RXH', 0, '2025-05-01', '2025-05-03');
A('D3', 'rxh', 0, '20250501', '2025-05-03', { price: '£1,000.50' }); A('D4', 'RXH', 0, '2025-05-01', '2025-05-03', { hrg: 'EB03D' });
O('OD1', 'RXH', 1, '2025-06-01'); O('OD2', 'RXH', 1, '2025-06-01', { tf: '101' }); O('OD3', 'RXH', 1, '2025-06-01');
E('AD1', 'RXH', 1, '2025-06-01', '1'); E('AD2', 'RXH', 1, '2025-06-01', '3'); E('AD3', 'RXH', 1, '2025-06-01', '01');
// The later line is the copy even when its id sorts first.
A('Z9', 'RXH', 2, '2025-07-01', '2025-07-02'); A('A1', 'RXH', 2, '2025-07-01', '2025-07-02');
// The original is the most complete copy (a second diagnosis), then the latest submitted, then the first line;
// same-day spells with another admission method are two stays; an OP copy recoded to another HRG is a copy, one
// more complete (OPERTN is not loaded here: the HRG filled in) is the original.
A('C1', 'RXH', 38, '2025-09-01', '2025-09-03'); A('C2', 'RXH', 38, '2025-09-01', '2025-09-03', { diag2: 'E11.9' });
A('C3', 'RXH', 38, '2025-10-01', '2025-10-03', { sub: '2025-11-20' }); A('C4', 'RXH', 38, '2025-10-01', '2025-10-03');
A('C5', 'RXH', 39, '2025-09-01', '2025-09-01', { cp: '2' }); A('C6', 'RXH', 39, '2025-09-01', '2025-09-01', e0());
A('C7', 'RXH', 39, '2025-09-01', '2025-09-01', { cp: '2', hrg: 'EB02A' });
O('OC1', 'RXH', 38, '2025-09-01', { hrg: 'WF01A' }); O('OC2', 'RXH', 38, '2025-09-01');
O('OC3', 'RXH', 39, '2025-09-02', { hrg: '' }); O('OC4', 'RXH', 39, '2025-09-02');
// OVERLAP: same-day admissions (longest first; a same-day spell is not judged), a spell inside another, one
// admitted on the other's discharge day; equal spells at two providers (provider order) and at one (a copy: DUP);
// discharge before admission; a missing discharge date (an open spell, which recon does not check).
A('OV1', 'RXH', 3, '2025-05-01', '2025-05-05'); A('OV2', 'RXH', 3, '2025-05-01', '2025-05-03', { hrg: 'EB04A' });
A('OV3', 'RXH', 3, '2025-05-01', '2025-05-01', { hrg: 'EB05A' }); A('OV4', 'RXH', 3, '2025-05-04', '2025-05-10', { hrg: 'EB06A' });
A('OV5', 'RXH', 3, '2025-05-10', '2025-05-12', { hrg: 'EB07A' });
A('OV6', 'RXH', 4, '2025-05-01', '2025-05-05'); A('OV7', 'RAA', 4, '2025-05-01', '2025-05-05');
A('OV8', 'RXH', 5, '2025-05-01', '2025-05-05', { hrg: 'EB01A' }); A('OV9', 'RXH', 5, '2025-05-01', '2025-05-05', { hrg: 'EB02A' });
A('OV10', 'RXH', 6, '2025-05-05', '2025-05-01'); A('OV11', 'RXH', 6, '2025-05-03', '2025-05-08', { hrg: 'EB02A' });
A('OV12', 'RXH', 6, '2025-05-03', '2025-05-02', { hrg: 'EB09A' });
A('OV13', 'RXH', 7, '2025-05-05', ''); A('OV14', 'RXH', 7, '2025-05-01', '2025-05-06', { hrg: 'EB02A' });
// SPLIT: a chain of three and a same-day spell after a same-day spell; maternity / regular attender / obstetrics
// predecessors; two same-day spells; a predecessor that comes later in activity order.
A('SP1', 'RXH', 8, '2025-05-01', '2025-05-03'); A('SP2', 'RXH', 8, '2025-05-03', '2025-05-06', { hrg: 'EB02A' });
A('SP3', 'RXH', 8, '2025-05-06', '2025-05-06', { hrg: 'EB04A' }); A('SP4', 'RXH', 8, '2025-05-06', '2025-05-06', { hrg: 'EB05A' });
A('SP5', 'RXH', 9, '2025-05-01', '2025-05-03', { meth: '31' }); A('SP6', 'RXH', 9, '2025-05-03', '2025-05-04', { hrg: 'EB02A' });
A('SP7', 'RXH', 10, '2025-05-01', '2025-05-03', { cp: '3' }); A('SP8', 'RXH', 10, '2025-05-03', '2025-05-04', { hrg: 'EB02A' });
A('SP9', 'RXH', 11, '2025-05-01', '2025-05-03', { tf: '501' }); A('SP10', 'RAA', 11, '2025-05-03', '2025-05-04', { hrg: 'EB02A' });
A('SP11', 'RXH', 12, '2025-05-05', '2025-05-05'); A('SP12', 'RXH', 12, '2025-05-05', '2025-05-05', { hrg: 'EB02A' });
A('SP13', 'RXH', 13, '2025-05-07', '2025-05-05'); A('SP14', 'RXH', 13, '2025-05-05', '2025-05-06', { hrg: 'EB02A' });
// READMIT: day 30 (2A) / day 31; under 4 / exactly 4 / unknown age; cancer index; D49 is not cancer but D48X is;
// a regular attender index; another provider.
const e = { meth: '21', hrg: 'EB02A' };
A('RA1', 'RXH', 14, '2025-05-01', '2025-05-03'); A('RA2', 'RXH', 14, '2025-06-02', '2025-06-04', { ...e, meth: '2A' });
A('RA3', 'RXH', 15, '2025-05-01', '2025-05-03', { meth: '12' }); A('RA4', 'RXH', 15, '2025-06-03', '2025-06-04', e);
A('RA5', 'RXH', 16, '2025-05-01', '2025-05-03'); A('RA6', 'RXH', 16, '2025-05-04', '2025-05-05', { ...e, dob: '2021-05-05' });
A('RA7', 'RXH', 17, '2025-05-01', '2025-05-03', { diag: 'C50.1' }); A('RA8', 'RXH', 17, '2025-05-04', '2025-05-05', e);
A('RA9', 'RXH', 18, '2025-05-01', '2025-05-03'); A('RA10', 'RXH', 18, '2025-05-04', '2025-05-05', { ...e, diag: 'D49.0' });
A('RA11', 'RXH', 19, '2025-05-01', '2025-05-03', { cp: '4' }); A('RA12', 'RXH', 19, '2025-05-04', '2025-05-05', { ...e, meth: '28' });
A('RA13', 'RXH', 20, '2025-05-01', '2025-05-03'); A('RA14', 'RAA', 20, '2025-05-04', '2025-05-05', e);
A('RA15', 'RXH', 21, '2025-05-01', '2025-05-03', { meth: '13' }); A('RA16', 'RXH', 21, '2025-05-04', '2025-05-05', { ...e, dob: '2021-05-04' });
A('RA17', 'RXH', 22, '2025-05-01', '2025-05-03'); A('RA18', 'RXH', 22, '2025-05-04', '2025-05-05', { ...e, dob: '' });
A('RA19', 'RXH', 23, '2025-05-01', '2025-05-03', { diag: 'D48X' }); A('RA20', 'RXH', 23, '2025-05-04', '2025-05-05', e);
// The SUS 30-day derivation's exclusions: maternity by HRG chapter NZ, chemotherapy (SB), radiotherapy (SC) and
// dialysis (LD, LE) on either spell, a self-discharged index (DISMETH 2), a transfer (2B, ADMISORC 51-53, 87);
// D12 (benign) and ADMISORC 54 are not excluded.
A('RB1', 'RXH', 40, '2025-05-01', '2025-05-03', { hrg: 'NZ30A' }); A('RB2', 'RXH', 40, '2025-05-04', '2025-05-05', e);
A('RB3', 'RXH', 41, '2025-05-01', '2025-05-03'); A('RB4', 'RXH', 41, '2025-05-04', '2025-05-05', { ...e, hrg: 'SB97Z' });
A('RB5', 'RXH', 42, '2025-05-01', '2025-05-03', { hrg: 'SC01Z' }); A('RB6', 'RXH', 42, '2025-05-04', '2025-05-05', e);
A('RB7', 'RXH', 43, '2025-05-01', '2025-05-03'); A('RB8', 'RXH', 43, '2025-05-04', '2025-05-05', { ...e, hrg: 'LE01A' });
A('RB9', 'RXH', 44, '2025-05-01', '2025-05-03', { dis: '2' }); A('RB10', 'RXH', 44, '2025-05-04', '2025-05-05', e);
A('RB11', 'RXH', 45, '2025-05-01', '2025-05-03'); A('RB12', 'RXH', 45, '2025-05-04', '2025-05-05', { ...e, meth: '2B' });
A('RB13', 'RXH', 46, '2025-05-01', '2025-05-03'); A('RB14', 'RXH', 46, '2025-05-04', '2025-05-05', { ...e, sorc: '87' });
A('RB15', 'RXH', 47, '2025-05-01', '2025-05-03'); A('RB16', 'RXH', 47, '2025-05-04', '2025-05-05', { ...e, sorc: '52' });
A('RB17', 'RXH', 48, '2025-05-01', '2025-05-03', { diag: 'D12.6' }); A('RB18', 'RXH', 48, '2025-05-04', '2025-05-05', { ...e, sorc: '54' });
A('RB19', 'RXH', 49, '2025-05-01', '2025-05-03', { hrg: 'LD01A' }); A('RB20', 'RXH', 49, '2025-05-04', '2025-05-05', e);
// OPFIRST: 6 months back from 31 August is 28 February (in) / 27 February (out); priced from the tariff; at the
// follow-up price; no tariff for the treatment function; referrals on the previous day (no), after it to any
// provider and function (yes), to another provider (no); an earlier non-attendance; the same day only; two firsts
// on one day.
O('OF1', 'RXH', 24, '2025-02-28', { first: '2' }); O('OF2', 'RXH', 24, '2025-08-31', { price: '300' });
O('OF3', 'RXH', 25, '2025-02-27', { first: '2' }); O('OF4', 'RXH', 25, '2025-08-31', { price: '300' });
O('OF5', 'RXH', 26, '2025-03-01'); O('OF6', 'RXH', 26, '2025-04-01', { first: '3' });
O('OF7', 'RXH', 27, '2025-03-01'); O('OF8', 'RXH', 27, '2025-04-01', { price: '105' });
O('OF9', 'RXH', 28, '2025-03-01', { tf: '999' }); O('OF10', 'RXH', 28, '2025-04-01', { tf: '999' });
O('OF11', 'RXH', 29, '2025-03-01'); O('OF12', 'RXH', 29, '2025-04-01', { price: '300' }); R(29, '2025-03-01', 'RXH', '100');
O('OF13', 'RXH', 30, '2025-03-01'); O('OF14', 'RXH', 30, '2025-04-01', { price: '300' }); R(30, '2025-03-02', '', '');
O('OF15', 'RXH', 31, '2025-03-01'); O('OF16', 'RXH', 31, '2025-04-01', { price: '300' }); R(31, '2025-03-02', 'RAA', '100');
O('OF17', 'RXH', 32, '2025-03-01', { att: '2' }); O('OF18', 'RXH', 32, '2025-04-01', { price: '300' });
O('OF19', 'RXH', 33, '2025-04-01'); O('OF20', 'RXH', 33, '2025-04-01', { price: '300' });
O('OF21', 'RXH', 34, '2025-03-01', { first: '2' }); O('OF22', 'RXH', 34, '2025-04-01', { price: '300' });
O('OF23', 'RXH', 34, '2025-04-01', { price: '300', hrg: 'X' });
// Rejected (impossible date, sub-penny price, over-long HRG, '.'), an invalid NHS number (not matched), and kept
// ('943 476 5919'-style NHS number, '1.230', '.5': three copies of one claim).
A('RJ1', 'RXH', 35, '2025-02-30', '2025-05-03'); A('RJ2', 'RXH', 35, '2025-05-01', '2025-05-03', { price: '1.234' });
A('RJ3', 'RXH', 35, '2025-05-01', '2025-05-03', { hrg: 'TOOLONGHRG' });
A('RJ4', 'RXH', 35, '2025-05-01', '2025-05-03', { nhs: '1234567890' });
A('RJ5', 'RXH', 36, '2025-05-01', '2025-05-03', { nhs: `${P[36].slice(0, 3)} ${P[36].slice(3, 6)} ${P[36].slice(6)}` });
A('RJ6', 'RXH', 36, '2025-05-01', '2025-05-03', { price: '1.230' }); A('RJ7', 'RXH', 36, '2025-05-01', '2025-05-03', { price: '.5' });
A('RJ8', 'RXH', 36, '2025-05-01', '2025-05-03', { price: '.' });
// Padded values are trimmed: PD2 repeats PD1's claim.
A('PD1', ' RXH', 37, '2025-08-01 ', '2025-08-03'); A('PD2 ', 'RXH\t', 37, '2025-08-01', ' 2025-08-03', { hrg: 'EB03C ' });

const csvValue = (v) => (/[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
function write(name, rows) {
  const cols = Object.keys(rows[0]);
  mkdirSync(join(dir, 'csv'), { recursive: true });
  mkdirSync(join(dir, 'ndjson'), { recursive: true });
  writeFileSync(join(dir, 'csv', `${name}.csv`),
    [cols.join(','), ...rows.map((r) => cols.map((c) => csvValue(r[c])).join(','))].join('\n') + '\n');
  writeFileSync(join(dir, 'ndjson', `${name}.ndjson`),
    rows.map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).filter(([, v]) => v !== '')))).join('\n') + '\n');
}
write('apc', apc); write('op', op); write('ae', ae); write('referrals', referrals);
mkdirSync(join(dir, 'reference'), { recursive: true });
writeFileSync(join(dir, 'reference', 'tariff_op.csv'), 'TRETSPEF,FIRST,FOLLOWUP\n100,170,105\n101,150,95\n');

let failed = false;
for (const fmt of ['csv', 'ndjson']) {
  const f = (n) => join(dir, fmt, `${n}.${fmt}`);
  const out = join(dir, `recon_${fmt}`);
  execFileSync(recon, ['run', '--apc', f('apc'), '--op', f('op'), '--ae', f('ae'), '--referrals', f('referrals'),
    '--reference', join(dir, 'reference'), '--as-of', '2026-06-30', '--out', out, '--no-progress', '--quiet']);
  const peer = join(dir, `${name}_${fmt}.csv`);
  try {
    execFileSync('node', [runner, '--apc', f('apc'), '--op', f('op'), '--ae', f('ae'),
      '--referrals', f('referrals'), '--reference', join(dir, 'reference'), '--out', peer], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (err) {
    process.stdout.write(`edge cases, ${fmt}: ${name} failed\n${err.stderr}`);
    failed = true;
    continue;
  }
  try {
    const text = execFileSync('node', [join(here, 'compare.mjs'), '--recon', join(out, 'challenges.csv'), '--peer', peer,
      '--name', name]);
    process.stdout.write(`edge cases, ${fmt}:\n${text}`);
  } catch (err) {
    process.stdout.write(`edge cases, ${fmt}: DIFFERENT\n${err.stdout}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
