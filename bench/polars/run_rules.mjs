#!/usr/bin/env node
// The Polars side of bench/compare_peers.sh: what a contracts analyst would do with the extract in Polars
// (nodejs-polars, its lazy API). Scans the APC, OP and A&E files, the practice referral log and the outpatient
// tariff lazily, keeps the records recon's patient rules see (load, as bench/duckdb/sql/load.sql), marks the
// duplicate copies (patient history, as sql/patient_history.sql), runs recon's patient rules DUP, OVERLAP, SPLIT,
// READMIT and OPFIRST as lazy queries (joins and window functions) and writes the challenges found as CSV
// RULE,DATASET,RECORD_ID. Prints one JSON line of timings on stdout (phases in seconds).
//
// The DuckDB SQL in bench/duckdb/sql/ is the reference translation of recon's rules; each step below names the
// SQL it reproduces. Usage and output are the same as bench/duckdb/run_rules.mjs's:
//   node run_rules.mjs --apc FILE --op FILE --ae FILE --referrals FILE --reference DIR --out FILE
//                      [--threads N (0 = all cores, default)] [--readmit-days 30] [--opfirst-months 6]
//                      [--trim yes|no (default yes: trim every value as recon does)]
// CSV or NDJSON by file extension (.ndjson/.jsonl/.json), as recon decides. The thread count is Polars' pool
// size (POLARS_MAX_THREADS, set before the library loads); everything else is Polars' default.
//
// Where Polars' readers cannot do what recon's do (both stated in bench/RESULTS.md's method):
//   * CSV: a row with the wrong number of fields is not dropped (recon rejects it): Polars pads a short row
//     with missing values and cuts a long one (truncate_ragged_lines; without it the whole scan fails). The
//     generated data sets' malformed rows (too few fields) then lack the fields the rules need; the
//     equivalence check shows the challenges are still the same.
//   * NDJSON: scan_ndjson stops at the first line that is not JSON (ignore_errors only covers type
//     mismatches), and the generated files have such lines (truncated records). So each line is read as text
//     (scan_csv with a separator and quote character that valid JSON lines cannot contain), the lines that are
//     not an object ({ ... }) are dropped, and the rest decoded with str.jsonDecode into a struct of the
//     needed columns, all as text.
import { openSync, readSync, closeSync, existsSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const started = performance.now();

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

const opts = parseArgs(process.argv.slice(2));
const threads = Number(opts.threads) > 0 ? Number(opts.threads) : cpus().length;
process.env.POLARS_MAX_THREADS = String(threads);  // read once, when Polars' thread pool starts
const pl = (await import('nodejs-polars')).default;
const { col, lit, when } = pl;
const trim = opts.trim === 'yes';
// JavaScript numbers become Float64 literals: exact integer arithmetic needs Int64 ones.
const i64 = (v) => lit(v).cast(pl.Int64);

// DUP keeps the most complete copy of a record, so every diagnosis and procedure column counts.
const numbered = (prefix, n) => Array.from({ length: n }, (_, i) => `${prefix}_${String(i + 1).padStart(2, '0')}`);
const DIAGNOSES = numbered('DIAG', 20);
const PROCEDURES = numbered('OPERTN', 24);

// The columns each rule set needs (the same as the DuckDB script loads; recon reads them all and runs every
// rule, so this favours Polars, not recon).
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

const isNdjson = (p) => /\.(ndjson|jsonl|json)$/i.test(p);

// The first line of a CSV file: each column's name as the file spells it and as recon matches it (trimmed,
// upper-cased; a UTF-8 BOM dropped).
function csvHeader(path) {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(1 << 16);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const line = buf.subarray(0, n).toString('utf8').split('\n')[0].replace(/^\uFEFF/, '').replace(/\r$/, '');
    return line.split(',').map((raw) => {
      const name = raw.replace(/^"|"$/g, '');
      return { name, key: name.trim().toUpperCase() };
    });
  } finally {
    closeSync(fd);
  }
}

// A lazy frame of one file: `rn` (the record's position in the file, recon's input order) and every needed
// column as text (an optional column the file lacks reads as missing, as recon treats it).
function scan(path, dataset) {
  const cols = COLUMNS[dataset];
  if (isNdjson(path)) {
    const struct = pl.Struct(Object.fromEntries(cols.map((c) => [c, pl.Utf8])));
    const line = col('line').str.stripChars(' \t\r');
    return pl.scanCSV(path, { hasHeader: false, sep: '\x1f', quoteChar: '\x1e', schema: { line: pl.Utf8 } })
      .withRowIndex('rn')
      .filter(line.str.startsWith('{').and(line.str.endsWith('}')))
      .select(col('rn'), col('line').str.jsonDecode(struct).alias('r'))
      .unnest('r');
  }
  const header = new Map(csvHeader(path).map((h) => [h.key, h.name]));
  const present = cols.filter((c) => header.has(c));
  const missing = cols.filter((c) => !header.has(c));
  const renamed = Object.fromEntries(present.filter((c) => header.get(c) !== c).map((c) => [header.get(c), c]));
  let frame = pl.scanCSV(path, { hasHeader: true, sep: ',', quoteChar: '"', inferSchemaLength: 0,
                                 truncateRaggedLines: true, rowIndexName: 'rn' })
    .select(col(['rn', ...present.map((c) => header.get(c))]));
  if (Object.keys(renamed).length > 0) frame = frame.rename(renamed);
  if (missing.length > 0) frame = frame.withColumns(...missing.map((c) => lit(null).cast(pl.Utf8).alias(c)));
  return frame;
}

function referenceFile(dir, name) {
  for (const ext of ['csv', 'ndjson'])
    if (existsSync(join(dir, `${name}.${ext}`))) return join(dir, `${name}.${ext}`);
  throw new Error(`reference table ${name} not found in ${dir}`);
}

// --- load.sql's macros as expressions ---------------------------------------------------------------------
// A field as recon sees it: trimmed of spaces, tabs and CR, empty = missing (fld).
const fld = (name) => {
  const v = trim ? col(name).str.stripChars(' \t\r') : col(name);
  return when(v.eq(lit(''))).then(lit(null).cast(pl.Utf8)).otherwise(v);
};
const upper = (name) => fld(name).str.toUpperCase();
// Characters in a text (nodejs-polars' str.lengths() is typed as text in the plan: cast to use it as a number).
const strLen = (e) => e.str.lengths().cast(pl.Int32);
// A code longer than 8 bytes makes the row a reject (code_ok; bytes: the hex text is twice as long).
const codeOk = (e) => e.isNull().or(strLen(e.str.encode('hex')).ltEq(16));
// Dates (day_of): YYYY-MM-DD or YYYYMMDD, a real calendar day, year >= 1800; as days since 1970-01-01.
const dayOf = (e) =>
  when(e.str.contains('^(1[89]|[2-9][0-9])[0-9]{2}-[0-9]{2}-[0-9]{2}$'))
    .then(e.str.strptime(pl.Date, '%Y-%m-%d'))
    .when(e.str.contains('^(1[89]|[2-9][0-9])[0-9]{6}$'))
    .then(e.str.strptime(pl.Date, '%Y%m%d'))
    .otherwise(lit(null).cast(pl.Date))
    .cast(pl.Int32);
const dateOk = (text, day) => text.isNull().or(day.isNotNull());
// Money (money_parts, money_ok, pence): optional pound sign, optional sign, digits with thousands commas, at
// most 15 whole digits, decimals after the second must be 0.
const MONEY = '^(?:£)?([+-]?)([0-9,]*)(?:\\.([0-9]*))?$';
const moneyWhole = (e) => e.str.extract(MONEY, 2).fillNull(lit('')).str.replaceAll(',', '', true);
const moneyFrac = (e) => e.str.extract(MONEY, 3).fillNull(lit(''));
const moneyOk = (e) => e.isNull().or(
  strLen(moneyWhole(e)).add(strLen(moneyFrac(e))).gt(0)
    .and(strLen(moneyWhole(e)).ltEq(15))
    .and(moneyFrac(e).str.slice(2).str.stripCharsStart('0').eq(lit(''))));
const pence = (e) => when(e.isNull()).then(lit(null).cast(pl.Int64)).otherwise(
  when(e.str.extract(MONEY, 1).eq(lit('-'))).then(lit(-1)).otherwise(lit(1)).cast(pl.Int64).mul(
    moneyWhole(e).cast(pl.Int64, false).fillNull(i64(0)).mul(i64(100))
      .add(moneyFrac(e).str.slice(0, 2).str.padEnd(2, '0').cast(pl.Int64, false).fillNull(i64(0)))));
// NHS number: spaces and hyphens ignored, exactly 10 digits (nhs_number) ...
const nhsDigits = (e) => e.str.replaceAll('[ -]', '');
const nhsNumber = (d) => when(d.str.contains('^[0-9]{10}$')).then(d.cast(pl.Int64, false))
  .otherwise(lit(null).cast(pl.Int64));
// ... and valid under Modulus 11 (nhs_valid): weights 10..2 on the first nine digits, check digit
// 11 - (sum mod 11), 11 -> 0, 10 -> invalid; ten equal digits are invalid. `d` is the 10-digit text.
const nhsValid = (d, n) => {
  let sum = lit(0).cast(pl.Int64);
  for (let i = 0; i < 9; i++) sum = sum.add(d.str.slice(i, 1).cast(pl.Int64, false).mul(10 - i));
  const check = lit(11).cast(pl.Int64).sub(sum.modulo(11)).modulo(11);
  return n.isNotNull().and(n.modulo(i64(1111111111)).neq(0)).and(check.eq(n.modulo(10))).fillNull(false);
};
// Small numeric codes ("1", "02", "21") as a number; 0 if absent or not 1-3 digits <= 255 (small_number).
const smallNumber = (e) => {
  const n = when(e.str.contains('^[0-9]{1,3}$')).then(e.cast(pl.Int32, false)).otherwise(lit(0).cast(pl.Int32));
  return when(n.ltEq(255)).then(n).otherwise(lit(0).cast(pl.Int32)).fillNull(0);
};
const admimethNumber = (e) => when(e.isIn(['2A', '2B', '2C', '2D'])).then(lit(20).cast(pl.Int32)).otherwise(smallNumber(e));
// The ICD-10 category (first 3 characters, letters and digits only, upper case).
const icd10Category = (e) => e.str.replaceAll('[^A-Za-z0-9]', '').str.toUpperCase().str.slice(0, 3);
const gpKnown = (e) => e.isNotNull().and(e.isIn(['V81997', 'V81998', 'V81999', '&']).not()).fillNull(false).cast(pl.Int32);
// (Horizontal sums / ands: a chain of binary a.add(b) many levels deep takes Polars seconds to plan.)
const sumOf = (exprs) => pl.sumHorizontal(exprs);
// All conditions hold (a missing one counts as false).
const allOf = (exprs) => pl.allHorizontal(exprs.map((e) => e.fillNull(false)));
// DUP's choice of the original copy (copy_rank): filled fields (at most 63) times 1024, plus SUBDATE minus the
// start date clamped to 0-1023 (0 without a SUBDATE).
const copyRank = (nFilled, start, sub) => {
  const n = when(nFilled.gt(63)).then(lit(63)).otherwise(nFilled).cast(pl.Int64).mul(i64(1024));
  const gap = sub.sub(start).cast(pl.Int64);
  const clamped = when(gap.lt(0)).then(lit(0).cast(pl.Int64)).when(gap.gt(1023)).then(lit(1023).cast(pl.Int64)).otherwise(gap);
  return n.add(clamped.fillNull(i64(0)));
};

// --- load.sql: the typed records and whether recon keeps them ----------------------------------------------
// Each loader works in three steps, with one expression for many columns where it can (Polars expands
// col([...]) to each column; fewer expression objects to build): every needed column as recon sees it (fld,
// codes upper-cased), then the parsed dates and NHS number, then the typed record, its copy_rank and `keep`:
// accepted (not a reject) and a valid NHS number.
const fldAll = (names) => {
  const v = trim ? col(names).str.stripChars(' \t\r') : col(names);
  return when(v.eq(lit(''))).then(lit(null).cast(pl.Utf8)).otherwise(v).keepName();
};
const countFilled = (names) => col(names).isNotNull().cast(pl.Int32);
const textFields = (frame, dataset, codes) => frame
  .select(col('rn'), fldAll(COLUMNS[dataset]))
  .withColumns(col(codes).str.toUpperCase(), nhsDigits(col('NHSNUMBER')).alias('nhs_text'));
const parsed = (frame, dates) => frame
  .withColumns(dayOf(col(dates)).suffix('_day'), nhsNumber(col('nhs_text')).alias('nhs'));
const dateOks = (dates) => dates.map((d) => dateOk(col(d), col(`${d}_day`)));
const keepIf = (required, dates, codes) =>
  allOf([...required.map((c) => col(c).isNotNull()), ...dateOks(dates), codeOk(col(codes)), moneyOk(col('PRICE')),
         nhsValid(col('nhs_text'), col('nhs'))]).alias('keep');

function loadApc(path) {
  const codes = ['PROCODE3', 'SEX', 'GPPRAC', 'ADMIMETH', 'ADMISORC', 'DISMETH', 'CLASSPAT', 'TRETSPEF', 'SUSHRG'];
  return parsed(textFields(scan(path, 'apc'), 'apc', codes), ['DOB', 'ADMIDATE', 'DISDATE', 'SUBDATE'])
    .select(
      col('rn'), col('SUSSPELLID').alias('id'), col('PROCODE3').alias('procode'), col('nhs'),
      col('ADMIDATE_day').alias('start_date'), col('DISDATE_day').fillNull(col('ADMIDATE_day')).alias('end_date'),
      col('DOB_day').alias('dob'), col('SUSHRG').alias('hrg'), col('TRETSPEF').alias('tretspef'),
      admimethNumber(col('ADMIMETH')).alias('admimeth'), smallNumber(col('CLASSPAT')).alias('classpat'),
      icd10Category(col('DIAG_01')).alias('primary_diag_category'),
      col('ADMIMETH').eq(lit('2B')).or(col('ADMISORC').isIn(['51', '52', '53', '87']).fillNull(false)).alias('transfer_in'),
      col('DISMETH').eq(lit('2')).fillNull(false).alias('self_discharged'),
      copyRank(sumOf([countFilled(['DOB_day', 'SEX']), gpKnown(col('GPPRAC')),
                      countFilled(['ADMIMETH', 'ADMISORC', 'DISMETH', 'CLASSPAT', 'TRETSPEF', 'SUSHRG', 'PRICE']),
                      countFilled([...DIAGNOSES, ...PROCEDURES])]),
               col('ADMIDATE_day'), col('SUBDATE_day')).alias('copy_rank'),
      // an open spell (no discharge date) is not billable yet: recon skips it
      keepIf(['SUSSPELLID', 'PROCODE3', 'ADMIDATE_day', 'DISDATE_day'], ['DOB', 'DISDATE', 'SUBDATE'], codes));
}

function loadOp(path) {
  const codes = ['PROCODE3', 'SEX', 'GPPRAC', 'ATTENDED', 'FIRSTATT', 'REFSOURC', 'TRETSPEF', 'SUSHRG'];
  return parsed(textFields(scan(path, 'op'), 'op', codes), ['DOB', 'APPTDATE', 'SUBDATE'])
    .select(
      col('rn'), col('ATTENDKEY').alias('id'), col('PROCODE3').alias('procode'), col('nhs'),
      col('APPTDATE_day').alias('start_date'), col('SUSHRG').alias('hrg'), col('TRETSPEF').alias('tretspef'),
      smallNumber(col('FIRSTATT')).alias('firstatt'), smallNumber(col('ATTENDED')).alias('attended'),
      pence(col('PRICE')).alias('price'),
      copyRank(sumOf([countFilled(['DOB_day', 'SEX']), gpKnown(col('GPPRAC')),
                      countFilled(['ATTENDED', 'FIRSTATT', 'REFSOURC', 'TRETSPEF', 'SUSHRG', 'PRICE']),
                      countFilled(PROCEDURES)]),
               col('APPTDATE_day'), col('SUBDATE_day')).alias('copy_rank'),
      keepIf(['ATTENDKEY', 'PROCODE3', 'APPTDATE_day'], ['DOB', 'SUBDATE'], codes));
}

function loadAe(path) {
  const codes = ['PROCODE3', 'SEX', 'GPPRAC', 'AEATTENDCAT', 'AEATTENDDISP', 'SUSHRG'];
  return parsed(textFields(scan(path, 'ae'), 'ae', codes), ['DOB', 'ARRIVALDATE', 'SUBDATE'])
    .select(
      col('rn'), col('AEKEY').alias('id'), col('PROCODE3').alias('procode'), col('nhs'),
      col('ARRIVALDATE_day').alias('start_date'), col('SUSHRG').alias('hrg'),
      smallNumber(col('AEATTENDCAT')).alias('attendcat'),
      copyRank(sumOf([countFilled(['DOB_day', 'SEX']), gpKnown(col('GPPRAC')),
                      countFilled(['AEATTENDCAT', 'AEATTENDDISP', 'SUSHRG', 'PRICE'])]),
               col('ARRIVALDATE_day'), col('SUBDATE_day')).alias('copy_rank'),
      keepIf(['AEKEY', 'PROCODE3', 'ARRIVALDATE_day'], ['DOB', 'SUBDATE'], codes));
}

// The practice referral log: a 10-digit NHS number (no Modulus 11 check), a practice and a date.
function loadReferrals(path) {
  return scan(path, 'referrals')
    .select(nhsNumber(nhsDigits(fld('NHSNUMBER'))).alias('nhs'), upper('GPPRAC').alias('gpprac'),
            dayOf(fld('REFDATE')).alias('refdate'), upper('PROCODE3').alias('procode'),
            upper('TRETSPEF').alias('tretspef'))
    .filter(col('nhs').isNotNull().and(col('gpprac').isNotNull()).and(col('refdate').isNotNull())
      .and(codeOk(col('gpprac'))).and(codeOk(col('procode'))).and(codeOk(col('tretspef'))))
    .select('nhs', 'refdate', 'procode', 'tretspef');
}

// The outpatient tariff: FIRST and FOLLOWUP prices by treatment function (a later row replaces an earlier one).
function loadTariff(path) {
  return scan(path, 'tariff_op')
    .select(col('rn'), upper('TRETSPEF').alias('tretspef'), fld('FIRST').alias('first_text'),
            fld('FOLLOWUP').alias('followup_text'))
    .filter(col('tretspef').isNotNull().and(codeOk(col('tretspef')))
      .and(moneyOk(col('first_text'))).and(moneyOk(col('followup_text'))))
    .sort('rn')
    .unique({ subset: ['tretspef'], keep: 'last', maintainOrder: false })
    .select(col('tretspef'), pence(col('first_text')).alias('first_price'),
            pence(col('followup_text')).alias('followup_price'));
}

// --- patient_history.sql: the kept records and which are DUP's copies --------------------------------------
// is_dup: not the copy kept as the original among the records of one claim (the partition): the highest
// copy_rank, then the first in input order; one number orders both (copy_rank < 2^16, rn < 2^40).
const isDup = (partition) => {
  const order = col('copy_rank').cast(pl.Int64).mul(i64(2 ** 40)).add(i64(2 ** 40 - 1).sub(col('rn').cast(pl.Int64)));
  return order.neq(order.max().over(partition)).alias('is_dup');
};
const history = (frame, partition) => frame.filter(col('keep')).drop('keep').withColumns(isDup(partition));

// The clinical exclusions of the PbR spell rules.
const isMaternitySpell = col('admimeth').gtEq(31).and(col('admimeth').ltEq(32))
  .or(col('tretspef').isIn(['501', '560']).fillNull(false))
  .or(col('hrg').str.slice(0, 2).eq(lit('NZ')).fillNull(false));
const isPlannedSeriesTreatment = col('hrg').str.slice(0, 2).isIn(['SB', 'SC', 'LD', 'LE']).fillNull(false);
const isCancer = (c) => c.gtEq(lit('C00')).and(c.ltEq(lit('C97'))).or(c.gtEq(lit('D37')).and(c.ltEq(lit('D48'))))
  .fillNull(false);
const isRegularAttender = col('classpat').eq(3).or(col('classpat').eq(4));
const between = (e, lo, hi) => e.gtEq(lo).and(e.ltEq(hi));
const asDate = (e) => e.cast(pl.Date);
// Age in whole years on a day (age_in_years); both days as days since 1970.
const ageInYears = (dob, on) => {
  const [d, o] = [asDate(dob), asDate(on)];
  const before = o.dt.month().lt(d.dt.month())
    .or(o.dt.month().eq(d.dt.month()).and(o.dt.day().lt(d.dt.day())));
  return o.dt.year().cast(pl.Int32).sub(d.dt.year().cast(pl.Int32)).sub(before.cast(pl.Int32));
};
const challenge = (rule, dataset, frame) =>
  frame.select(lit(rule).alias('RULE'), lit(dataset).alias('DATASET'), col('id').alias('RECORD_ID'));

// --- the rules ---------------------------------------------------------------------------------------------
// DUP (dup.sql): every copy that is not the original.
const dup = (apc, op, ae) => pl.concat([challenge('DUP', 'apc', apc.filter(col('is_dup'))),
                                        challenge('DUP', 'op', op.filter(col('is_dup'))),
                                        challenge('DUP', 'ae', ae.filter(col('is_dup')))]);

// OVERLAP (overlap.sql): admitted before the latest discharge among the patient's spells admitted on earlier
// days, or not the first (longest, then provider, then input order) of the spells admitted that day and
// staying a night. In the patient's spells sorted that way, the latest discharge of the earlier days is the
// running maximum up to the row before the day's first.
function overlap(apc) {
  const day = ['nhs', 'start_date'];
  return challenge('OVERLAP', 'apc', apc.filter(col('is_dup').not())
    .select('id', 'nhs', 'procode', 'start_date', 'end_date', 'rn')
    .sort({ by: ['nhs', 'start_date', 'end_date', 'procode', 'rn'], descending: [false, false, true, false, false] })
    .withColumns(col('rn').eq(col('rn').first().over(day)).alias('first_that_day'),
                 col('end_date').cumMax().shift(1).over('nhs').alias('cover_before'))
    .withColumns(when(col('first_that_day')).then(col('cover_before')).otherwise(lit(null).cast(pl.Int32))
                   .max().over(day).alias('earlier_cover_end'))
    .filter(col('start_date').lt(col('earlier_cover_end')).fillNull(false)
      .or(col('first_that_day').not().and(col('end_date').gt(col('start_date'))))));
}

// SPLIT (split.sql): another such spell of the patient at the provider was discharged on the day this one was
// admitted and comes before it in activity order (start, end, input order). Per (patient, provider, discharge
// day): whether one of the spells discharged that day was admitted earlier, and the first (in input order) of
// those admitted and discharged that day.
function split(apc) {
  const spells = apc.filter(col('is_dup').not().and(isMaternitySpell.not()).and(isRegularAttender.not()))
    .select('id', 'nhs', 'procode', 'start_date', 'end_date', 'rn');
  const discharged = spells
    .groupBy(['nhs', 'procode', 'end_date'])
    .agg(col('start_date').lt(col('end_date')).any().alias('admitted_before'),
         when(col('start_date').eq(col('end_date'))).then(col('rn')).otherwise(lit(null).cast(pl.UInt32)).min()
           .alias('first_same_day_rn'))
    .rename({ end_date: 'start_date' });
  return challenge('SPLIT', 'apc', spells
    .join(discharged, { on: ['nhs', 'procode', 'start_date'], how: 'inner' })
    .filter(col('admitted_before').or(col('first_same_day_rn').isNotNull().and(
      col('end_date').gt(col('start_date'))
        .or(col('end_date').eq(col('start_date')).and(col('first_same_day_rn').lt(col('rn'))))))));
}

// READMIT (readmit.sql): an emergency admission to the same provider 1 to N days after discharge from an
// elective spell, with the national exclusions.
function readmit(apc) {
  const usable = apc.filter(col('is_dup').not().and(isMaternitySpell.not())
    .and(isCancer(col('primary_diag_category')).not()).and(isPlannedSeriesTreatment.not()));
  const index = usable
    .filter(between(col('admimeth'), 11, 13).and(isRegularAttender.not()).and(col('self_discharged').not()))
    .select('nhs', 'procode', col('end_date').alias('index_end'));
  const readmissions = usable
    .filter(between(col('admimeth'), 20, 28).and(col('transfer_in').not())
      .and(ageInYears(col('dob'), col('start_date')).lt(4).fillNull(false).not()))
    .select('rn', 'id', 'nhs', 'procode', 'start_date');
  const days = Number(opts['readmit-days']);
  const matched = readmissions.join(index, { on: ['nhs', 'procode'], how: 'inner' })
    .filter(between(col('index_end'), col('start_date').sub(days), col('start_date').sub(1)))
    .select('rn');
  return challenge('READMIT', 'apc', readmissions.join(matched, { on: 'rn', how: 'semi' }));
}

// OPFIRST (opfirst.sql): a first attendance for a patient who attended the same clinic in the previous N
// calendar months, with no referral since that attendance, not already charged at the follow-up price.
function opfirst(op, referrals, tariff) {
  const months = Number(opts['opfirst-months']);
  const clinic = ['nhs', 'procode', 'tretspef'];
  const seen = op.filter(col('attended').eq(5).or(col('attended').eq(6)).and(col('tretspef').isNotNull()))
    .select('rn', 'id', 'nhs', 'procode', 'tretspef', 'start_date', 'firstatt', 'price');
  // The latest earlier attendance in the same clinic, strictly before this day: the previous of the clinic's
  // attendance days.
  const days = seen.select(...clinic, 'start_date').unique()
    .sort([...clinic, 'start_date'])
    .withColumns(col('start_date').shift(1).over(clinic).alias('previous_date'));
  // previous_date >= this day minus N calendar months, the day of month clamped (2025-08-31 - 6 months =
  // 2025-02-28): an earlier month than that month is too early, a later one is in; in that month, a day on or
  // after this day of the month is in, and so is the month's last day (the clamped case).
  const [p, s] = [asDate(col('previous_date')), asDate(col('start_date'))];
  const monthIndex = (d) => d.dt.year().cast(pl.Int32).mul(12).add(d.dt.month().cast(pl.Int32));
  const lastOfMonth = asDate(col('previous_date').add(lit(1).cast(pl.Int32))).dt.day().eq(1);
  const target = monthIndex(s).sub(months);
  const withinMonths = monthIndex(p).gt(target)
    .or(monthIndex(p).eq(target).and(p.dt.day().gtEq(s.dt.day()).or(lastOfMonth)));
  const repeatFirsts = seen.join(days, { on: [...clinic, 'start_date'], how: 'left' })
    .filter(col('firstatt').eq(1).or(col('firstatt').eq(3)).and(withinMonths.fillNull(false)));
  const referred = repeatFirsts.select('rn', 'nhs', 'procode', 'tretspef', 'start_date', 'previous_date')
    .join(referrals.select('nhs', 'refdate', col('procode').alias('ref_procode'), col('tretspef').alias('ref_tretspef')),
          { on: 'nhs', how: 'inner' })
    .filter(col('refdate').gt(col('previous_date')).and(col('refdate').ltEq(col('start_date')))
      .and(col('ref_procode').isNull().or(col('ref_procode').eq(col('procode'))))
      .and(col('ref_tretspef').isNull().or(col('ref_tretspef').eq(col('tretspef')))))
    .select('rn');
  return challenge('OPFIRST', 'op', repeatFirsts
    .join(referred, { on: 'rn', how: 'anti' })
    .join(tariff, { on: 'tretspef', how: 'left' })
    .filter(col('price').fillNull(col('first_price')).fillNull(lit(0).cast(pl.Int64)).ltEq(col('followup_price'))
      .fillNull(false).not()));
}

// --- main --------------------------------------------------------------------------------------------------
const timings = {};
const time = async (name, fn) => {
  const t = performance.now();
  const result = await fn();
  timings[name] = +((performance.now() - t) / 1000).toFixed(3);
  process.stderr.write(`polars: ${name.padEnd(16)} ${timings[name].toFixed(3)} s\n`);
  return result;
};

try {
  // load + patient history: each table collected once (as DuckDB's CREATE TABLE), then used by the rules.
  // 'build': the lazy queries put together (nodejs-polars takes a few milliseconds per expression built in
  // JavaScript, a fixed cost of about a second or two whatever the data); 'load': them run.
  const queries = await time('build', async () => ({
    apc: history(loadApc(opts.apc),
      ['nhs', 'start_date', 'end_date', 'procode',
       when(col('start_date').eq(col('end_date'))).then(col('admimeth')).otherwise(lit(0).cast(pl.Int32))]),
    op: history(loadOp(opts.op), ['nhs', 'start_date', 'procode', 'tretspef']),
    ae: history(loadAe(opts.ae), ['nhs', 'start_date', 'procode', 'hrg', 'attendcat']),
    referrals: loadReferrals(opts.referrals),
    tariff: loadTariff(referenceFile(opts.reference, 'tariff_op')),
  }));
  const loaded = {};
  await time('load', async () => {
    for (const [name, query] of Object.entries(queries)) loaded[name] = await query.collect();
  });
  const [apc, op, ae] = [loaded.apc.lazy(), loaded.op.lazy(), loaded.ae.lazy()];
  const parts = [];
  parts.push(await time('DUP', () => dup(apc, op, ae).collect()));
  parts.push(await time('OVERLAP', () => overlap(apc).collect()));
  parts.push(await time('SPLIT', () => split(apc).collect()));
  parts.push(await time('READMIT', () => readmit(apc).collect()));
  parts.push(await time('OPFIRST', () => opfirst(op, loaded.referrals.lazy(), loaded.tariff.lazy()).collect()));
  const challenges = await time('write', async () => {
    const all = pl.concat(parts).sort(['RULE', 'DATASET', 'RECORD_ID']);
    all.writeCSV(opts.out);
    return all;
  });
  const counts = {};
  for (const part of parts) if (part.height > 0) counts[part.getColumn('RULE').get(0)] = part.height;
  const rows = { apc: loaded.apc.height, op: loaded.op.height, ae: loaded.ae.height };
  timings.total_in_process = +((performance.now() - started) / 1000).toFixed(3);
  console.log(JSON.stringify({ polars_version: pl.version, threads, trim: opts.trim, timings, matched_rows: rows,
                               challenges: counts, total: challenges.height }));
} catch (e) {
  process.stderr.write(`polars: ${e.message}\n`);
  process.exit(1);
}
