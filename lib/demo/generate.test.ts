import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { consistencyRules, elementCodes } from "../indicators/catalogue";
import { DEMO_COMMUNES, DEMO_QUARTERS, demoReportsToWideCsv, generateDemoReports, type DemoReport } from "./generate";
import { vietnamTime } from "../periods";

// The expectations below are written out by hand (not imported from the generator) so a slip in
// the generator cannot also slip into its own test.
const COMMUNE_CODES = [
  "21115",
  "21118",
  "21121",
  "21124",
  "21127",
  "21130",
  "21133",
  "21136",
  "21139",
  "21142",
  "21145",
  "21148",
  "21154",
  "21157",
  "21163",
  "21166",
];
const QUARTERS = ["2024Q1", "2024Q2", "2024Q3", "2024Q4", "2025Q1", "2025Q2"];
const STRONG = "21115";
const WEAK = "21163";
const TREND = "21136";

const reports = generateDemoReports();

const ratio = (n: number, d: number) => (d === 0 ? null : n / d);
const online = (r: DemoReport) => r.values.procedures_online / r.values.procedures_received;
const onTime = (r: DemoReport) => r.values.procedures_on_time / r.values.procedures_resolved;
const ofCommune = (rs: DemoReport[], code: string) =>
  rs.filter((r) => r.unitCode === code).sort((a, b) => a.period.localeCompare(b.period));
const sum = (rs: DemoReport[], e: string) => rs.reduce((s, r) => s + r.values[e], 0);
/** Sequence number of a quarter code, e.g. 2025Q1 → 8101: consecutive quarters differ by 1. */
const qIndex = (p: string) => Number(p.slice(0, 4)) * 4 + Number(p.slice(5)) - 1;

/** Every structural and consistency problem in a set of reports, as readable strings. */
function problems(rs: DemoReport[]): string[] {
  const out: string[] = [];
  for (const r of rs) {
    const v = r.values;
    const at = `${r.unitCode} ${r.period}`;
    if (Object.keys(v).join() !== elementCodes.join()) out.push(`${at}: elements differ from the catalogue`);
    for (const [k, x] of Object.entries(v)) if (!Number.isInteger(x) || x < 0) out.push(`${at}: ${k}=${x}`);
    // The rules of indicators.md, spelled out.
    if (v.petitions_resolved > v.petitions_carried_over + v.petitions_received) out.push(`${at}: petitions_resolved`);
    if (v.procedures_online > v.procedures_received) out.push(`${at}: procedures_online`);
    if (v.procedures_on_time > v.procedures_resolved) out.push(`${at}: procedures_on_time`);
    if (v.procedures_paid_online > v.procedures_resolved) out.push(`${at}: procedures_paid_online`);
    if (v.procedures_digitized > v.procedures_received + v.procedures_resolved) out.push(`${at}: procedures_digitized`);
    // And whatever the catalogue says, so a rule added there later is covered too.
    for (const rule of consistencyRules) {
      if (v[rule.lhs] > rule.rhs.reduce((s, e) => s + v[e], 0)) out.push(`${at}: rule ${rule.code}`);
    }
  }
  for (const code of COMMUNE_CODES) {
    const own = ofCommune(rs, code);
    let backlog = 0; // unanswered voter requests of earlier reported quarters
    own.forEach((r, i) => {
      const v = r.values;
      if (v.voter_requests_answered > v.voter_requests_received + backlog)
        out.push(`${code} ${r.period}: voter backlog`);
      backlog += v.voter_requests_received - v.voter_requests_answered;
      const prev = own[i - 1];
      if (i === 0 && r.period === "2024Q1" && v.petitions_carried_over > 5)
        out.push(`${code}: first carried-over not small`);
      if (prev && qIndex(prev.period) + 1 === qIndex(r.period)) {
        const open =
          prev.values.petitions_carried_over + prev.values.petitions_received - prev.values.petitions_resolved;
        if (v.petitions_carried_over !== open)
          out.push(`${code} ${r.period}: carried over ${v.petitions_carried_over} ≠ ${open}`);
      }
    });
  }
  return out;
}

/** The three personalities the dashboards are meant to show. */
function personalityProblems(rs: DemoReport[]): string[] {
  const out: string[] = [];
  for (const r of ofCommune(rs, STRONG)) {
    if (online(r) < 0.9) out.push(`strong online ${online(r)} in ${r.period}`);
    if (onTime(r) < 0.985) out.push(`strong on-time ${onTime(r)} in ${r.period}`);
  }
  for (const r of ofCommune(rs, WEAK)) {
    if (online(r) < 0.4 || online(r) > 0.55) out.push(`weak online ${online(r)} in ${r.period}`);
    if (onTime(r) >= 0.95) out.push(`weak on-time meets target in ${r.period}`);
  }
  const trend = ofCommune(rs, TREND).map(online);
  if (trend.length !== 6) out.push(`trend commune has ${trend.length} quarters`);
  if (!(trend[0] < 0.6 && trend[5] > 0.82)) out.push(`trend endpoints ${trend[0]} → ${trend[5]}`);
  trend.forEach((x, i) => i > 0 && x <= trend[i - 1] && out.push(`trend dips in quarter ${i}`));
  // Everyone else lies strictly between the weak and the strong commune, quarter by quarter.
  for (const r of rs) {
    if ([STRONG, WEAK, TREND].includes(r.unitCode)) continue;
    const weakQ = rs.find((x) => x.unitCode === WEAK && x.period === r.period)!;
    const strongQ = rs.find((x) => x.unitCode === STRONG && x.period === r.period)!;
    if (!(online(weakQ) < online(r) && online(r) < online(strongQ)))
      out.push(`${r.unitCode} ${r.period} not in between`);
  }
  return out;
}

function lateReports(rs: DemoReport[]): DemoReport[] {
  // Deadline by hand: end of day 18 of the quarter's last month in Vietnam (UTC+7) = 16:59:59.999 UTC.
  return rs.filter((r) => {
    const y = Number(r.period.slice(0, 4));
    const q = Number(r.period.slice(5));
    return r.submittedAt.getTime() > Date.UTC(y, q * 3 - 1, 18, 16, 59, 59, 999);
  });
}

function timingProblems(rs: DemoReport[]): string[] {
  const out: string[] = [];
  const late = lateReports(rs);
  if (late.length < 3 || late.length > 6) out.push(`${late.length} late reports`);
  for (const r of rs) {
    const y = Number(r.period.slice(0, 4));
    const q = Number(r.period.slice(5));
    const quarterStart = vietnamTime(y, (q - 1) * 3, 1);
    const limit = vietnamTime(y, q * 3, 1 + 30); // the day after the quarter's end, + 30 days
    const t = r.submittedAt.getTime();
    if (Number.isNaN(t) || t < quarterStart.getTime() || t >= limit.getTime())
      out.push(`${r.unitCode} ${r.period} at ${r.submittedAt.toISOString()}`);
  }
  return out;
}

describe("demo data generator", () => {
  it("lists Trà Bồng's communes and the six quarters", () => {
    expect(DEMO_COMMUNES.map((c) => c.code)).toEqual(COMMUNE_CODES);
    expect(DEMO_COMMUNES.find((c) => c.code === STRONG)?.name).toBe("Thị trấn Trà Xuân");
    expect(DEMO_COMMUNES.find((c) => c.code === TREND)?.name).toBe("Xã Trà Tân");
    expect(DEMO_QUARTERS).toEqual(QUARTERS);
  });

  it("is deterministic: same seed, same output; another seed, another output", () => {
    expect(generateDemoReports()).toEqual(reports);
    expect(generateDemoReports(20250331)).toEqual(reports);
    expect(demoReportsToWideCsv(generateDemoReports())).toBe(demoReportsToWideCsv(reports));
    expect(demoReportsToWideCsv(generateDemoReports(1))).not.toBe(demoReportsToWideCsv(reports));
  });

  it("produces byte-identical CSV across machines and runs (golden digest)", () => {
    // Pinned so an accidental dependence on the environment (time zone, locale, engine) shows up.
    // A deliberate change to the generator updates this digest.
    const digest = createHash("sha256").update(demoReportsToWideCsv(reports), "utf8").digest("hex");
    expect(digest).toBe("83cba2d5a4b466bec0b28efc88ca2b9a594beae343a09991f64ef3c6acccc4ac");
  });

  it("has one report per commune and quarter except exactly the two missing ones", () => {
    expect(reports).toHaveLength(16 * 6 - 2);
    const present = new Set(reports.map((r) => `${r.unitCode}/${r.period}`));
    expect(present.size).toBe(reports.length);
    const absent = COMMUNE_CODES.flatMap((c) => QUARTERS.map((p) => `${c}/${p}`)).filter((k) => !present.has(k));
    expect(absent.sort()).toEqual(["21142/2025Q2", "21166/2024Q3"]);
    expect(ofCommune(reports, TREND).map((r) => r.period)).toEqual(QUARTERS);
  });

  it("obeys every consistency rule, the carried-over chain and the voter backlog", () => {
    expect(problems(reports)).toEqual([]);
  });

  it("gives the strong, weak and improving communes their character", () => {
    expect(personalityProblems(reports)).toEqual([]);
    const trend = ofCommune(reports, TREND).map((r) => Math.round(online(r) * 100));
    expect(trend[0]).toBeGreaterThanOrEqual(53);
    expect(trend[5]).toBeGreaterThanOrEqual(83);
  });

  it("has plausible magnitudes for a mountainous commune", () => {
    for (const r of reports) {
      const v = r.values;
      expect(v.meetings_held).toBeGreaterThanOrEqual(8);
      expect(v.meetings_held).toBeLessThanOrEqual(40);
      expect(v.reception_sessions).toBeGreaterThanOrEqual(8);
      expect(v.reception_sessions).toBeLessThanOrEqual(14);
      expect(v.procedures_received).toBeGreaterThanOrEqual(60);
      expect(v.procedures_received).toBeLessThanOrEqual(400);
      expect(v.petitions_received).toBeLessThanOrEqual(15);
      expect(v.citizens_received).toBeLessThan(100);
      expect(v.meeting_attendees).toBeGreaterThanOrEqual(100);
      expect(v.meeting_attendees).toBeLessThan(2000);
    }
    // "Mostly 10–14" reception sessions.
    const usual = reports.filter((r) => r.values.reception_sessions >= 10).length;
    expect(usual / reports.length).toBeGreaterThan(0.8);
  });

  it("leaves several communes below some targets, but not everyone everywhere", () => {
    const below = (r: DemoReport) => {
      const v = r.values;
      const pr = ratio(v.petitions_resolved, v.petitions_carried_over + v.petitions_received);
      const va = ratio(v.voter_requests_answered, v.voter_requests_received);
      return (
        (pr !== null && pr < 0.85) ||
        (va !== null && va < 0.9) ||
        online(r) < 0.8 ||
        onTime(r) < 0.95 ||
        v.procedures_paid_online / v.procedures_resolved < 0.5 ||
        v.procedures_digitized / v.procedures_resolved < 0.8 ||
        v.reception_sessions < 12 ||
        v.dialogues_held < 1
      );
    };
    const laggards = new Set(reports.filter(below).map((r) => r.unitCode));
    expect(laggards.size).toBeGreaterThanOrEqual(4);
    expect(reports.filter((r) => !below(r)).length).toBeGreaterThan(0);
    // Over the whole half-year the weak commune misses the online target, the strong one meets it.
    const s1 = (code: string) => reports.filter((r) => r.unitCode === code && r.period.startsWith("2025"));
    expect(sum(s1(WEAK), "procedures_online") / sum(s1(WEAK), "procedures_received")).toBeLessThan(0.8);
    expect(sum(s1(STRONG), "procedures_online") / sum(s1(STRONG), "procedures_received")).toBeGreaterThan(0.9);
  });

  it("submits mostly on time, a few late, never implausibly late", () => {
    expect(timingProblems(reports)).toEqual([]);
    const late = lateReports(reports);
    expect(late.length).toBeGreaterThanOrEqual(3);
    expect(late.length).toBeLessThanOrEqual(6);
    expect(late.some((r) => r.unitCode === WEAK)).toBe(true);
    expect(late.some((r) => r.unitCode === STRONG)).toBe(false);
  });

  it("gives the same moments and the same late reports in any time zone (Vietnam time, like the reporting deadline)", () => {
    const saved = process.env.TZ;
    const lateIn = (tz: string) => {
      process.env.TZ = tz;
      return generateDemoReports()
        .map((r) => `${r.unitCode}/${r.period}@${r.submittedAt.toISOString()}`)
        .concat(lateReports(generateDemoReports()).map((r) => `late ${r.unitCode}/${r.period}`));
    };
    try {
      expect(lateIn("America/Los_Angeles")).toEqual(lateIn("Asia/Ho_Chi_Minh"));
      expect(lateIn("UTC")).toEqual(lateIn("Pacific/Kiritimati"));
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it("keeps every property for any seed", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (seed) => {
        const rs = generateDemoReports(seed);
        expect(rs).toHaveLength(94);
        expect([...problems(rs), ...personalityProblems(rs), ...timingProblems(rs)]).toEqual([]);
      }),
      { numRuns: 60, seed: 7 },
    );
  });

  it("writes the wide import CSV: exact header, LF, no BOM", () => {
    const csv = demoReportsToWideCsv(reports);
    const lines = csv.split("\n");
    expect(csv.charCodeAt(0)).not.toBe(0xfeff);
    expect(csv).not.toContain("\r");
    expect(csv.endsWith("\n")).toBe(true);
    expect(lines).toHaveLength(94 + 2); // header, rows, empty string after the final LF
    expect(lines[0]).toBe(
      "commune_code,commune_name,period,directive_docs,propaganda_sessions,propaganda_participants,broadcast_items," +
        "meetings_held,meeting_attendees,dialogues_held,voter_contacts,skilled_models,reception_sessions,citizens_received," +
        "petitions_carried_over,petitions_received,petitions_resolved,voter_requests_received,voter_requests_answered," +
        "procedures_received,procedures_online,procedures_resolved,procedures_on_time,procedures_paid_online," +
        "procedures_digitized,supervisions_with_front",
    );
    const first = reports[0];
    expect([first.unitCode, first.period]).toEqual(["21115", "2024Q1"]);
    const v = first.values;
    expect(lines[1]).toBe(
      `21115,Thị trấn Trà Xuân,2024Q1,${v.directive_docs},${v.propaganda_sessions},${v.propaganda_participants},${v.broadcast_items},` +
        `${v.meetings_held},${v.meeting_attendees},${v.dialogues_held},${v.voter_contacts},${v.skilled_models},${v.reception_sessions},` +
        `${v.citizens_received},${v.petitions_carried_over},${v.petitions_received},${v.petitions_resolved},${v.voter_requests_received},` +
        `${v.voter_requests_answered},${v.procedures_received},${v.procedures_online},${v.procedures_resolved},${v.procedures_on_time},` +
        `${v.procedures_paid_online},${v.procedures_digitized},${v.supervisions_with_front}`,
    );
    expect(lines[1]).toMatch(/^21115,Thị trấn Trà Xuân,2024Q1(,\d+){23}$/);
  });
});
