/**
 * The benchmark's data, generated from a fixed seed: a postcode directory in the NSPL shape, a
 * supplier register, and a spend file across several organisations and months. Everything is a
 * pure function of the seed and the sizes, so every run (and every contender) reads the same
 * bytes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { REFERENCE_DIR } from '../src/reference/paths.js';

export interface Sizes {
  readonly postcodes: number;
  readonly suppliers: number;
  readonly lines: number;
}

export interface Organisation {
  readonly code: string;
  readonly name: string;
}

/** The partnership's local area (Liverpool City Region districts). */
export const LOCAL_AREA = ['E08000011', 'E08000012', 'E08000013', 'E08000014', 'E08000015'];

export const ORGANISATIONS: readonly Organisation[] = [
  { code: 'BNA01', name: 'Bench Acute Hospitals NHS Trust' },
  { code: 'BNB02', name: 'Bench Community Health NHS Trust' },
  { code: 'BNC03', name: 'Bench Mental Health NHS Foundation Trust' },
  { code: 'BND04', name: 'Bench City Council' },
  { code: 'BNE05', name: 'Bench University' },
  { code: 'BNF06', name: 'Bench College' },
];

/** 24 months: April 2023 to March 2025. */
export const FIRST_MONTH = { year: 2023, month: 4 };
export const MONTHS = 24;

/** sfc32: small, fast, and the same sequence on every machine. */
export class Random {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  constructor(seed: number) {
    this.#a = 0x9e3779b9;
    this.#b = 0x243f6a88;
    this.#c = 0xb7e15162;
    this.#d = seed >>> 0;
    for (let i = 0; i < 15; i++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    let a = this.#a;
    let b = this.#b;
    let c = this.#c;
    let d = this.#d;
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    this.#a = a;
    this.#b = b;
    this.#c = c;
    this.#d = d;
    return (t >>> 0) / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
}

/** A stable 32-bit hash of a few integers (for choices that must not depend on order). */
function mix(...values: number[]): number {
  let h = 0x811c9dc5;
  for (const v of values) {
    h = Math.imul(h ^ (v & 0xffff), 0x01000193);
    h = Math.imul(h ^ (v >>> 16), 0x01000193);
  }
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}

// Postcodes --------------------------------------------------------------------------------------

const AREAS = (
  'AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY ' +
  'E EC EH EN EX FK FY G GL GU HA HD HG HP HR HS HU HX IG IP IV KA KT KW KY L LA LD LE LL LN LS ' +
  'LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO ' +
  'SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE'
).split(' ');
/** Inward unit letters (never C I K M O V). */
const UNIT_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';
const DISTRICTS_PER_AREA = 30;
const SECTORS = 10;
const UNITS_PER_SECTOR = 75;
const PER_OUTWARD = SECTORS * UNITS_PER_SECTOR;

function outward(o: number, districtOffset = 0): string {
  const area = AREAS[Math.floor(o / DISTRICTS_PER_AREA) % AREAS.length]!;
  return `${area}${(o % DISTRICTS_PER_AREA) + 1 + districtOffset}`;
}

function inward(sector: number, unit: number): string {
  return `${sector}${UNIT_LETTERS[Math.floor(unit / 20)]}${UNIT_LETTERS[unit % 20]}`;
}

export function maxPostcodes(): number {
  return AREAS.length * DISTRICTS_PER_AREA * PER_OUTWARD;
}

/** The i-th postcode of the directory, as "AB12 3CD"; distinct for distinct i. */
export function postcodeAt(i: number): string {
  const o = Math.floor(i / PER_OUTWARD);
  const sector = Math.floor((i % PER_OUTWARD) / UNITS_PER_SECTOR);
  const slot = i % UNITS_PER_SECTOR;
  // A stride coprime to 400 spreads the 75 units of a sector over the 400 possible ones.
  const unit = (slot * 7 + (mix(o, sector) % 400)) % 400;
  return `${outward(o)} ${inward(sector, unit)}`;
}

/** A well-formed postcode that is not in the directory (its district number is never used there). */
export function unknownPostcode(random: Random): string {
  const o = random.int(AREAS.length * DISTRICTS_PER_AREA);
  return `${outward(o, 60)} ${inward(random.int(SECTORS), random.int(400))}`;
}

const INVALID_POSTCODES = [
  'N/A',
  'TBC',
  'AB12',
  '12345',
  'UNKNOWN',
  'LIVERPOOL',
  'L1 8J',
  'XX 999',
];

interface Reference {
  readonly districts: string[];
  readonly lsoaPairs: [string, string][];
}

function loadReference(): Reference {
  const districts = fs
    .readFileSync(path.join(REFERENCE_DIR, 'districts.csv'), 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .map((l) => l.split(',')[0] ?? '')
    .filter((c) => /^[EW]\d{8}$/.test(c) && !LOCAL_AREA.includes(c));
  const lsoaPairs = gunzipSync(fs.readFileSync(path.join(REFERENCE_DIR, 'lsoa11-lsoa21.csv.gz')))
    .toString('utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter(Boolean)
    .map((l) => l.split(',') as [string, string]);
  return { districts, lsoaPairs };
}

async function writeLines(
  file: string,
  header: string,
  count: number,
  line: (i: number) => string,
): Promise<void> {
  const out = fs.createWriteStream(file);
  const write = (text: string) =>
    out.write(text) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r()));
  await write(header + '\n');
  let buffer: string[] = [];
  for (let i = 0; i < count; i++) {
    buffer.push(line(i));
    if (buffer.length === 20_000) {
      await write(buffer.join('\n') + '\n');
      buffer = [];
    }
  }
  if (buffer.length) await write(buffer.join('\n') + '\n');
  await new Promise<void>((resolve, reject) =>
    out.end((err?: Error | null) => (err ? reject(err) : resolve())),
  );
}

/**
 * The postcode directory in the NSPL shape (a subset of its columns, in its order): pcd (7
 * characters, padded), pcds, dates, laua, country, region, lsoa11, msoa11, lsoa21, msoa21,
 * lat, long. About 2% of postcodes have no 2021 LSOA (placed through the 2011 → 2021 lookup).
 */
export async function writePostcodeDirectory(
  file: string,
  count: number,
  seed: number,
): Promise<void> {
  const ref = loadReference();
  const random = new Random(seed ^ 0x5eed01);
  const ladOf = new Map<number, string>();
  const lad = (o: number) => {
    let v = ladOf.get(o);
    if (!v) {
      v = random.next() < 0.12 ? random.pick(LOCAL_AREA) : random.pick(ref.districts);
      ladOf.set(o, v);
    }
    return v;
  };
  await writeLines(
    file,
    'pcd,pcds,dointr,doterm,usertype,laua,ctry,rgn,lsoa11,msoa11,lsoa21,msoa21,lat,long',
    count,
    (i) => {
      const pcds = postcodeAt(i);
      const [out, inw] = pcds.split(' ') as [string, string];
      const pcd = out.padEnd(4, ' ') + inw;
      const o = Math.floor(i / PER_OUTWARD);
      const district = lad(o);
      const [lsoa11, lsoa21] = random.pick(ref.lsoaPairs);
      const noLsoa21 = random.next() < 0.02;
      const lat = (50 + random.next() * 8).toFixed(6);
      const long = (-5 + random.next() * 6).toFixed(6);
      return `${pcd},${pcds},198001,,0,${district},E92000001,E12000002,${lsoa11},E02000001,${noLsoa21 ? '' : lsoa21},E02000001,${lat},${long}`;
    },
  );
}

// Suppliers --------------------------------------------------------------------------------------

const SYLLABLES = (
  'ba be bi bo bu da de di do du fa fe fi fo ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ' +
  'ni no nu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo wa we wi za zo'
).split(' ');

const TRADES = [
  'Building Services',
  'Medical Supplies',
  'Catering',
  'Cleaning',
  'IT Solutions',
  'Consulting',
  'Facilities Management',
  'Transport',
  'Training',
  'Care Services',
  'Pharmaceuticals',
  'Engineering',
  'Print & Design',
  'Security',
  'Waste Management',
  'Legal Services',
  'Laboratories',
  'Furniture',
  'Electrical',
  'Plumbing & Heating',
];

const ENDINGS = [
  'Ltd',
  'Limited',
  'PLC',
  'LLP',
  'CIC',
  '',
  'Ltd',
  'Limited',
  'Group Ltd',
  'UK Ltd',
];
const TYPES = ['sme', 'sme', 'sme', 'large', 'vcse', 'public', 'individual'];

/** A unique three-syllable word for each index (fixed-length syllables cannot collide). */
function word(index: number): string {
  const n = SYLLABLES.length;
  const w =
    SYLLABLES[index % n]! +
    SYLLABLES[Math.floor(index / n) % n]! +
    SYLLABLES[Math.floor(index / (n * n)) % n]!;
  return w[0]!.toUpperCase() + w.slice(1);
}

export interface SupplierName {
  /** The name as the register spells it. */
  readonly name: string;
  /** Its stem (without legal ending), for spelling it differently in spend files. */
  readonly stem: string;
  readonly ending: string;
}

/** Register suppliers are words 0..n-1; suppliers missing from the register use words from 100,000 on. */
export function supplierName(index: number): SupplierName {
  const h = mix(index, 77);
  const trade = TRADES[h % TRADES.length]!;
  const ending = ENDINGS[(h >>> 8) % ENDINGS.length]!;
  const shape = (h >>> 16) % 10;
  let stem: string;
  if (shape === 0) stem = `${word(index)}, Hale & Partners`;
  else if (shape === 1) stem = `The ${word(index)} ${trade}`;
  else if (shape === 2) stem = `${word(index)} & Sons ${trade}`;
  else stem = `${word(index)} ${trade}`;
  return { name: ending ? `${stem} ${ending}` : stem, stem, ending };
}

function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** The register: supplier, postcode, type, company_number; 1% invalid and 1% unknown postcodes. */
export async function writeSupplierRegister(
  file: string,
  sizes: Sizes,
  seed: number,
): Promise<void> {
  const random = new Random(seed ^ 0x5eed02);
  await writeLines(file, 'supplier,postcode,type,company_number', sizes.suppliers, (i) => {
    const { name } = supplierName(i);
    const r = random.next();
    let postcode: string;
    if (r < 0.01) postcode = random.pick(INVALID_POSTCODES);
    else if (r < 0.02) postcode = unknownPostcode(random);
    else {
      postcode = postcodeAt(random.int(sizes.postcodes));
      const style = random.int(10);
      if (style === 0) postcode = postcode.toLowerCase();
      else if (style === 1) postcode = postcode.replace(' ', '');
    }
    const type = random.pick(TYPES);
    const company = random.next() < 0.6 ? String(10_000_000 + i) : '';
    return [name, postcode, type, company].map(csvField).join(',');
  });
}

// Spend ------------------------------------------------------------------------------------------

const EXPENSE_TYPES = [
  'Drugs',
  'Clinical Supplies, Services & Equipment',
  'Premises - Repairs & Maintenance',
  'Consultancy Services',
  'Agency Staff, Nursing',
  'IT Hardware, Software & Licences',
  'Catering, Provisions',
  'Transport',
  'Training',
  'Utilities - Electricity',
];
const EXPENSE_AREAS = [
  'Estates, Facilities & Capital',
  'Pharmacy',
  'Surgery',
  'Medicine',
  'Corporate Services',
  'Information Technology',
  'Women, Children & Families',
  'Community Services',
];
const MONTH_NAMES = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];
const UNKNOWN_SUPPLIERS = 5_000;

/** How a spend file spells a register name: it matches the register only after normalisation. */
function spelling(s: SupplierName, random: Random): string {
  const r = random.int(12);
  const base = s.name;
  switch (r) {
    case 0:
      return base.toUpperCase();
    case 1:
      return base.toLowerCase();
    case 2:
      return `V${10_000 + random.int(89_999)} : ${base}`;
    case 3:
      return `NHS0000RJ${100 + random.int(899)} | ${base.toUpperCase()}`;
    case 4:
      return s.ending === 'Ltd'
        ? `${s.stem} Limited`
        : s.ending === 'Limited'
          ? `${s.stem} Ltd.`
          : base;
    case 5:
      return `${s.stem.replace(/&/g, 'and')} ${s.ending}`.trim();
    case 6:
      return `  ${base} `;
    default:
      return base;
  }
}

function amountText(pence: number, random: Random): string {
  const abs = Math.abs(pence);
  const pounds = Math.floor(abs / 100);
  const p = String(abs % 100).padStart(2, '0');
  const r = random.int(20);
  if (r === 0 || r === 1) {
    const grouped = pounds.toLocaleString('en-GB');
    const text = `${grouped}.${p}`;
    return pence < 0 ? `(${text})` : text;
  }
  if (r === 2) return `${pence < 0 ? '-' : ''}£${pounds.toLocaleString('en-GB')}.${p}`;
  return `${pence < 0 ? '-' : ''}${pounds}.${p}`;
}

/**
 * The spend file: organisation code, expense type, expense area, supplier, transaction number,
 * payment date, amount. About 3% of lines name suppliers missing from the register, 0.1% are
 * redacted, 0.5% repeat the line before exactly (separate payments), 0.1% cannot be read (an
 * impossible date or an amount "TBC") and are rejected.
 */
export async function writeSpendFile(
  file: string,
  sizes: Sizes,
  seed: number,
  /** Every line in this month (0 is FIRST_MONTH; MONTHS is the month after the last) instead of any. */
  onlyMonth?: number,
): Promise<void> {
  const random = new Random(seed ^ 0x5eed03);
  let previous = '';
  await writeLines(
    file,
    'Organisation Code,Expense Type,Expense Area,Supplier,Transaction Number,Payment Date,Amount',
    sizes.lines,
    (i) => {
      if (i > 0 && random.next() < 0.005) return previous;
      const org =
        ORGANISATIONS[
          Math.min(
            ORGANISATIONS.length - 1,
            Math.floor(random.next() ** 1.5 * ORGANISATIONS.length),
          )
        ]!;
      const r = random.next();
      let supplier: string;
      if (r < 0.001)
        supplier = random.pick(['REDACTED', 'Personal Data', 'Redacted Personal Data']);
      else if (r < 0.031)
        supplier = spelling(supplierName(100_000 + random.int(UNKNOWN_SUPPLIERS)), random);
      else
        supplier = spelling(
          supplierName(Math.floor(sizes.suppliers * random.next() ** 2.5)),
          random,
        );
      const m = onlyMonth ?? random.int(MONTHS);
      const year = FIRST_MONTH.year + Math.floor((FIRST_MONTH.month - 1 + m) / 12);
      const month = ((FIRST_MONTH.month - 1 + m) % 12) + 1;
      const day = 1 + random.int(28);
      let date =
        random.next() < 0.8
          ? `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`
          : `${String(day).padStart(2, '0')}-${MONTH_NAMES[month - 1]}-${year}`;
      let pence = Math.round(Math.exp(6 + random.next() * 9));
      if (random.next() < 0.03) pence = -pence;
      let amount = amountText(pence, random);
      const bad = random.next();
      if (bad < 0.0005) date = `31/02/${year}`;
      else if (bad < 0.001) amount = 'TBC';
      previous = [
        org.code,
        random.pick(EXPENSE_TYPES),
        random.pick(EXPENSE_AREAS),
        supplier,
        `INV${String(random.int(10_000_000)).padStart(7, '0')}`,
        date,
        amount,
      ]
        .map(csvField)
        .join(',');
      return previous;
    },
  );
}
