/**
 * Deterministic demo data: six quarters (2024Q1..2025Q2) of figures for the 16 communes of
 * Huyện Trà Bồng, the seed report's own district. Pure (no I/O, no clock, no Math.random) so the
 * same seed yields the same reports byte for byte on any machine, and tests and screenshots are stable.
 *
 * The figures are illustrative, not real: magnitudes follow what a mountainous commune of
 * 3,000–8,000 people plausibly reports, with a few deliberate "personalities" so the dashboards
 * have something to show (a strong township, a weak commune, one clear improving trend, gaps, lateness).
 */
import { elementCodes } from "../indicators/catalogue";
import { parseQuarterCode, quarterRange, vietnamTime } from "../periods";
import { isOnTime, reportingDeadline } from "../indicators/deadline";

export interface DemoCommune {
  code: string;
  name: string;
}

export interface DemoReport {
  unitCode: string;
  period: string;
  values: Record<string, number>;
  submittedAt: Date;
}

export const DEMO_PROVINCE = { code: "51", name: "Tỉnh Quảng Ngãi" } as const;
export const DEMO_DISTRICT = { code: "525", name: "Huyện Trà Bồng" } as const;

/** Communes of Huyện Trà Bồng in the 2025-06 structure (codes as in data/admin-units/units-2025-06.csv). */
export const DEMO_COMMUNES: readonly DemoCommune[] = [
  { code: "21115", name: "Thị trấn Trà Xuân" },
  { code: "21118", name: "Xã Trà Giang" },
  { code: "21121", name: "Xã Trà Thủy" },
  { code: "21124", name: "Xã Trà Hiệp" },
  { code: "21127", name: "Xã Trà Bình" },
  { code: "21130", name: "Xã Trà Phú" },
  { code: "21133", name: "Xã Trà Lâm" },
  { code: "21136", name: "Xã Trà Tân" },
  { code: "21139", name: "Xã Trà Sơn" },
  { code: "21142", name: "Xã Trà Bùi" },
  { code: "21145", name: "Xã Trà Thanh" },
  { code: "21148", name: "Xã Sơn Trà" },
  { code: "21154", name: "Xã Trà Phong" },
  { code: "21157", name: "Xã Hương Trà" },
  { code: "21163", name: "Xã Trà Xinh" },
  { code: "21166", name: "Xã Trà Tây" },
];

export const DEMO_QUARTERS: readonly string[] = quarterRange("2024Q1", "2025Q2");

/** Reports deliberately absent, so completeness screens have something to flag. */
export const DEMO_MISSING: readonly { unitCode: string; period: string }[] = [
  { unitCode: "21142", period: "2025Q2" },
  { unitCode: "21166", period: "2024Q3" },
];

export const DEMO_DEFAULT_SEED = 20250331;

const STRONG = "21115";
const WEAK = "21163";
const TREND = "21136";

/** mulberry32: tiny, fast and good enough for demo data; 32-bit state keeps it portable. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rng = () => number;
export const uniform = (r: Rng, lo: number, hi: number) => lo + (hi - lo) * r();
export const intBetween = (r: Rng, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
export const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
/** Each of n items succeeds with probability p: keeps small counts (petitions) lumpy like real ones. */
export function binomial(r: Rng, n: number, p: number): number {
  let k = 0;
  for (let i = 0; i < n; i++) if (r() < p) k++;
  return k;
}

/**
 * Per-commune character. Rates are base probabilities before per-quarter noise. Populations are
 * rough orders of magnitude for the demo, not census figures.
 */
interface Profile {
  pop: number;
  online: number;
  onTime: number;
  pay: number;
  digit: number;
  petition: number;
  voter: number;
  /** Chance that a quarter has fewer than 12 reception sessions. */
  receptionSlip: number;
}
// prettier-ignore
const PROFILES: Record<string, Profile> = {
  "21115": { pop: 8000, online: 0.94, onTime: 0.99, pay: 0.72, digit: 0.95, petition: 0.95, voter: 0.97, receptionSlip: 0 },
  "21118": { pop: 3400, online: 0.78, onTime: 0.97, pay: 0.55, digit: 0.86, petition: 0.9, voter: 0.93, receptionSlip: 0.15 },
  "21121": { pop: 4300, online: 0.82, onTime: 0.96, pay: 0.5, digit: 0.83, petition: 0.88, voter: 0.92, receptionSlip: 0.1 },
  "21124": { pop: 3100, online: 0.7, onTime: 0.95, pay: 0.42, digit: 0.78, petition: 0.85, voter: 0.9, receptionSlip: 0.25 },
  "21127": { pop: 5200, online: 0.84, onTime: 0.975, pay: 0.6, digit: 0.9, petition: 0.92, voter: 0.95, receptionSlip: 0.05 },
  "21130": { pop: 6100, online: 0.86, onTime: 0.98, pay: 0.62, digit: 0.9, petition: 0.92, voter: 0.95, receptionSlip: 0.05 },
  "21133": { pop: 3800, online: 0.74, onTime: 0.955, pay: 0.48, digit: 0.8, petition: 0.86, voter: 0.9, receptionSlip: 0.2 },
  "21136": { pop: 4600, online: 0.55, onTime: 0.97, pay: 0.45, digit: 0.85, petition: 0.9, voter: 0.93, receptionSlip: 0.1 },
  "21139": { pop: 5600, online: 0.83, onTime: 0.965, pay: 0.55, digit: 0.86, petition: 0.9, voter: 0.92, receptionSlip: 0.1 },
  "21142": { pop: 4900, online: 0.68, onTime: 0.94, pay: 0.4, digit: 0.75, petition: 0.84, voter: 0.88, receptionSlip: 0.3 },
  "21145": { pop: 3600, online: 0.72, onTime: 0.95, pay: 0.45, digit: 0.8, petition: 0.87, voter: 0.9, receptionSlip: 0.2 },
  "21148": { pop: 4100, online: 0.8, onTime: 0.96, pay: 0.52, digit: 0.84, petition: 0.9, voter: 0.92, receptionSlip: 0.1 },
  "21154": { pop: 5300, online: 0.81, onTime: 0.97, pay: 0.55, digit: 0.88, petition: 0.9, voter: 0.93, receptionSlip: 0.1 },
  "21157": { pop: 3200, online: 0.76, onTime: 0.96, pay: 0.5, digit: 0.82, petition: 0.88, voter: 0.92, receptionSlip: 0.15 },
  "21163": { pop: 4400, online: 0.47, onTime: 0.905, pay: 0.35, digit: 0.68, petition: 0.72, voter: 0.82, receptionSlip: 0.5 },
  "21166": { pop: 5000, online: 0.79, onTime: 0.955, pay: 0.5, digit: 0.83, petition: 0.88, voter: 0.91, receptionSlip: 0.15 },
};

/** Online-intake rate of one quarter (q = 0..5). The bands keep the three personalities apart for any seed. */
function onlineRate(code: string, base: number, q: number, r: Rng): number {
  if (code === STRONG) return uniform(r, 0.915, 0.97);
  if (code === WEAK) return uniform(r, 0.42, 0.53);
  // Step of 6 points against ±1 point of noise: the rise is strictly monotone whatever the seed.
  if (code === TREND) return 0.55 + 0.06 * q + uniform(r, -0.01, 0.01);
  // Everyone else drifts up a little (the province's digital-government push) with noise, and stays
  // strictly between the weak and the strong commune.
  return clamp(base + 0.01 * q + uniform(r, -0.04, 0.04), 0.6, 0.89);
}

/** Mixes the seed with a commune code so each commune has its own stream (adding one never reshuffles another). */
export function streamSeed(seed: number, code: string): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (const ch of code) h = Math.imul(h ^ ch.charCodeAt(0), 0x85ebca6b) >>> 0;
  return (h ^ (h >>> 13)) >>> 0;
}

/**
 * Office hours on a working day, `day` of the quarter's last month (weekends moved by `weekendShift`).
 * Vietnam time like the reporting deadline (lib/indicators/deadline.ts), so the same moments and the same late reports in every time zone.
 */
export function officeTime(period: string, day: number, r: Rng, weekendShift: -1 | 1): Date {
  const { year, quarter } = parseQuarterCode(period)!;
  const month = quarter * 3 - 1;
  const [hour, minute] = [7 + intBetween(r, 0, 9), intBetween(r, 0, 59)];
  let d = day;
  // Date.UTC on the wall-clock fields gives the weekday of that Vietnamese date.
  while ([0, 6].includes(new Date(Date.UTC(year, month, d)).getUTCDay())) d += weekendShift;
  return vietnamTime(year, month, d, hour, minute);
}

function simulateCommune(seed: number, commune: DemoCommune): Map<string, Record<string, number>> {
  const r = mulberry32(streamSeed(seed, commune.code));
  const p = PROFILES[commune.code];
  const out = new Map<string, Record<string, number>>();
  let petitionsOpen = intBetween(r, 0, 3); // backlog before 2024Q1
  let voterBacklog = 0; // unanswered voter requests of earlier *reported* quarters
  DEMO_QUARTERS.forEach((period, q) => {
    const quarter = parseQuarterCode(period)!.quarter;
    const missing = DEMO_MISSING.some((m) => m.unitCode === commune.code && m.period === period);
    const size = p.pop / 1000; // thousands of inhabitants
    const v: Record<string, number> = {};

    // Direction and propaganda: annual plans are issued in Q1, hence more directives then.
    v.directive_docs = intBetween(r, 1, 4) + (quarter === 1 ? intBetween(r, 1, 3) : 0);
    v.propaganda_sessions = intBetween(r, 3, 6) + Math.round(size * uniform(r, 0.5, 1.2));
    v.propaganda_participants = v.propaganda_sessions * intBetween(r, 30, 80);
    v.broadcast_items = Math.round(size * uniform(r, 3, 7));

    // Meetings include village meetings, so they scale with the number of villages (≈ population).
    v.meetings_held = clamp(Math.round(size * uniform(r, 3, 4.8)), 8, 40);
    v.meeting_attendees = v.meetings_held * intBetween(r, 20, 45);
    v.dialogues_held = r() < (commune.code === WEAK ? 0.4 : 0.1) ? 0 : intBetween(r, 1, 2);
    // Voter contacts cluster before the mid-year and year-end People's Council sessions (Q2, Q4).
    v.voter_contacts = quarter % 2 === 0 ? intBetween(r, 2, 4) : intBetween(r, 0, 1);
    v.skilled_models = quarter === 4 ? intBetween(r, 1, 2) : r() < 0.2 ? 1 : 0;

    // Reception: one session a week is 13 a quarter; Tết (Q1) and field work make some slip below 12.
    v.reception_sessions =
      r() < p.receptionSlip + (quarter === 1 ? 0.1 : 0) ? intBetween(r, 9, 11) : intBetween(r, 12, 13);
    v.citizens_received = v.reception_sessions * intBetween(r, 1, 4) + intBetween(r, 0, 5);

    // Petitions: a stock-and-flow; what is not resolved is carried into the next quarter.
    v.petitions_carried_over = petitionsOpen;
    v.petitions_received = clamp(intBetween(r, 0, Math.round(size * 1.6)), 0, 15);
    const available = v.petitions_carried_over + v.petitions_received;
    v.petitions_resolved = binomial(r, available, p.petition);
    petitionsOpen = available - v.petitions_resolved;

    v.voter_requests_received = v.voter_contacts === 0 ? 0 : v.voter_contacts * intBetween(r, 2, 6);
    // Older requests get answered too (the backlog rule), but never so many that the quarter's
    // answer rate passes 100 %: a rate above 100 % would look like a bug on the dashboard.
    const answeredOld = binomial(r, voterBacklog, 0.6);
    const answeredNew = binomial(r, v.voter_requests_received, p.voter);
    v.voter_requests_answered =
      v.voter_requests_received === 0 ? answeredOld : Math.min(v.voter_requests_received, answeredNew + answeredOld);

    // Case files: township and bigger communes handle more; Tết slows Q1, year-end fills Q4.
    const season = [0.88, 1, 1, 1.1][quarter - 1];
    const perThousand = commune.code === STRONG ? 45 : 32;
    v.procedures_received = clamp(Math.round(size * perThousand * season * uniform(r, 0.88, 1.12)), 60, 400);
    v.procedures_online = Math.round(v.procedures_received * onlineRate(commune.code, p.online, q, r));
    v.procedures_resolved = Math.max(1, Math.round(v.procedures_received * uniform(r, 0.93, 1.05)));
    v.procedures_on_time =
      commune.code === STRONG
        ? v.procedures_resolved - intBetween(r, 0, 2) // "~99 %": a couple of late files at most
        : Math.round(v.procedures_resolved * clamp(p.onTime + uniform(r, -0.02, 0.02), 0, 1));
    const trendBoost = commune.code === TREND ? 0.03 * q : 0; // Trà Tân's push also lifts payments/digitization
    v.procedures_paid_online = Math.round(
      v.procedures_resolved * clamp(p.pay + trendBoost + uniform(r, -0.05, 0.05), 0, 1),
    );
    v.procedures_digitized = Math.round(
      v.procedures_resolved * clamp(p.digit + trendBoost / 2 + uniform(r, -0.04, 0.04), 0, 1),
    );
    v.supervisions_with_front = intBetween(r, 0, 3);

    // The state still moves in an unreported quarter, but the voter backlog only counts what
    // the district can see, so ingest's "answered ≤ received + known backlog" check holds.
    if (!missing) {
      voterBacklog += v.voter_requests_received - v.voter_requests_answered;
      out.set(period, inCatalogueOrder(v, commune.code, period));
    }
  });
  return out;
}

/** Values keyed in catalogue order; fails loudly if the catalogue gains an element this file does not fill. */
export function inCatalogueOrder(v: Record<string, number>, code: string, period: string): Record<string, number> {
  const ordered: Record<string, number> = {};
  for (const e of elementCodes) {
    const x = v[e];
    if (!Number.isInteger(x) || x < 0) throw new Error(`demo generator: no valid value for ${e} (${code} ${period})`);
    ordered[e] = x;
  }
  return ordered;
}

/**
 * Picks the late reports: two of the weak commune's and one to three from ordinary communes,
 * so there are always 3–5 late reports in total (the strong and the trend commune are always on time).
 */
function pickLate(r: Rng, present: { unitCode: string; period: string }[]): Set<string> {
  const key = (x: { unitCode: string; period: string }) => `${x.unitCode}/${x.period}`;
  const late = new Set<string>();
  const weak = present.filter((x) => x.unitCode === WEAK);
  while (late.size < 2) late.add(key(weak[Math.floor(r() * weak.length)]));
  const others = present.filter((x) => ![STRONG, WEAK, TREND].includes(x.unitCode));
  const extra = intBetween(r, 1, 3);
  while (late.size < 2 + extra) late.add(key(others[Math.floor(r() * others.length)]));
  return late;
}

/** One report per commune and quarter (minus DEMO_MISSING), ordered by quarter then commune. */
export function generateDemoReports(seed: number = DEMO_DEFAULT_SEED): DemoReport[] {
  if (!Number.isSafeInteger(seed)) throw new Error(`demo generator: seed must be an integer, got ${seed}`);
  const s = seed >>> 0;
  const byCommune = new Map(DEMO_COMMUNES.map((c) => [c.code, simulateCommune(s, c)]));
  const present = DEMO_QUARTERS.flatMap((period) =>
    DEMO_COMMUNES.filter((c) => byCommune.get(c.code)!.has(period)).map((c) => ({ unitCode: c.code, period })),
  );
  const timing = mulberry32(streamSeed(s, "submission"));
  const late = pickLate(timing, present);
  return present.map(({ unitCode, period }) => {
    let submittedAt: Date;
    if (late.has(`${unitCode}/${period}`)) {
      // 1–12 days past the deadline, i.e. still within the month after the quarter.
      submittedAt = officeTime(period, 18 + intBetween(timing, 1, 12), timing, 1);
    } else {
      // Most officers send in the last week before the deadline; the township is more punctual.
      const earliest = unitCode === STRONG ? 5 : 8;
      submittedAt = officeTime(period, 18 - Math.floor(timing() ** 2 * (18 - earliest)), timing, -1);
    }
    if (!late.has(`${unitCode}/${period}`) && !isOnTime(submittedAt, reportingDeadline(period))) {
      throw new Error("demo generator: on-time report after its deadline"); // cannot happen: day ≤ 18, ≤ 16:59
    }
    return { unitCode, period, values: byCommune.get(unitCode)!.get(period)!, submittedAt };
  });
}

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The wide import format (import-format.md): one row per commune and quarter, element columns by
 * code in catalogue order, LF line ends, no BOM (this is an import file, not an Excel export).
 */
export function demoReportsToWideCsv(reports: readonly DemoReport[]): string {
  const names = new Map(DEMO_COMMUNES.map((c) => [c.code, c.name]));
  const lines = [["commune_code", "commune_name", "period", ...elementCodes].join(",")];
  for (const rep of reports) {
    const cells = [
      rep.unitCode,
      names.get(rep.unitCode) ?? "",
      rep.period,
      ...elementCodes.map((e) => String(rep.values[e] ?? "")),
    ];
    lines.push(cells.map(csvField).join(","));
  }
  return lines.join("\n") + "\n";
}
