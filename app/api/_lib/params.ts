/**
 * Query parameters, one reader per kind (unit codes, periods, elements, indicators, scope, format, text
 * filters, ids), so that no parameter reaches a query unchecked and none can yield a 500. A bad value is
 * 400 `bad_request` naming the parameter and what is expected, Vietnamese first.
 *
 * Rules shared by every kind: repeated values are joined with commas (`indicators=a&indicators=b`);
 * an empty value is the same as an absent one (HTML forms send empty fields); control characters
 * (NUL included) are refused; a list has at most MAX_ITEMS items of at most MAX_ITEM_CHARS characters.
 */
import { NextResponse } from "next/server";
import { z } from "zod";
import { elementCodes, getIndicator, indicators } from "@/lib/indicators/catalogue";
import { PERIOD_FORMS_EN, PERIOD_FORMS_VI, parseReportingPeriod } from "@/lib/indicators/comparison";
import { AUDIT_ACTIONS, isAuditAction } from "@/lib/auth/audit-actions";
import { badParameter } from "@/lib/errors";
import { STRUCTURES, isQuarterCode, type StructureCode } from "@/lib/periods";
import { calendarNow, currentQuarter } from "@/lib/calendar";
import { errorResponse } from "./http";

export const MAX_ITEMS = 1000;
export const MAX_ITEM_CHARS = 200;
const MAX_VALUE_CHARS = MAX_ITEMS * (MAX_ITEM_CHARS + 1);
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** Why a value was refused: what is expected, in both languages. */
class Expected {
  constructor(
    readonly vi: string,
    readonly en: string,
  ) {}
}

/** The value as shown back in a message: short, and without the characters that made it bad. */
function shown(value: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/[\u0000-\u001f\u007f-\u009f]/g, "\uFFFD");
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean;
}

const got = (value: string) => ({ vi: ` (nhận được "${shown(value)}")`, en: ` (got "${shown(value)}")` });

function expected(vi: string, en: string, value?: string): Expected {
  const g = value === undefined ? { vi: "", en: "" } : got(value);
  return new Expected(`${vi}${g.vi}`, `${en}${g.en}`);
}

type Reader<T> = (raw: string) => T | Expected;

const CONTROL_CHARACTER = new Expected(
  "chứa ký tự điều khiển (ví dụ NUL, %00); chỉ gửi chữ, số và dấu câu",
  "contains a control character (e.g. NUL, %00); send only letters, digits and punctuation",
);

/** A zod schema from a reader: the absent or empty value is `undefined`, a refusal becomes an issue carrying both languages. */
function kind<T>(read: Reader<T>, options: { multiline?: boolean } = {}) {
  const control = options.multiline ? CONTROL_BUT_LINES : CONTROL;
  return z
    .string()
    .optional()
    .transform((raw, ctx): T | undefined => {
      if (raw === undefined || raw.trim() === "") return undefined;
      const r = control.test(raw) ? CONTROL_CHARACTER : read(raw);
      if (r instanceof Expected) {
        ctx.addIssue({ code: "custom", message: r.vi, params: { en: r.en } });
        return z.NEVER;
      }
      return r;
    });
}

/** A kind refused when absent or empty: `missing` says what to send. */
export function required<T>(schema: z.ZodType<T | undefined, string | undefined>, missing: { vi: string; en: string }) {
  return schema.transform((v, ctx): T => {
    if (v === undefined) {
      ctx.addIssue({ code: "custom", message: missing.vi, params: { en: missing.en } });
      return z.NEVER;
    }
    return v;
  });
}

/** A comma-separated list, each item read by `item`. */
function list<T>(item: Reader<T>, what: { vi: string; en: string }): Reader<T[]> {
  return (raw) => {
    const items = raw
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    if (items.length > MAX_ITEMS) {
      return expected(
        `tối đa ${MAX_ITEMS} ${what.vi}, nhận được ${items.length}`,
        `at most ${MAX_ITEMS} ${what.en}, got ${items.length}`,
      );
    }
    const out: T[] = [];
    for (const s of items) {
      const r = item(s);
      if (r instanceof Expected) return r;
      out.push(r);
    }
    return out;
  };
}

const UNIT_RE = /^\d{1,10}$/;
const unitCode: Reader<string> = (s) =>
  UNIT_RE.test(s)
    ? s
    : expected(
        "cần mã đơn vị là một dãy tối đa 10 chữ số, ví dụ 21136",
        "expected a unit code of up to 10 digits, e.g. 21136",
        s,
      );

/** `unit=21136`: one unit code. */
export const unitCodeParam = kind(unitCode);

/** `units=21136,21142`: unit codes. */
export const unitCodesParam = kind(list(unitCode, { vi: "mã đơn vị", en: "unit codes" }));

/** `scope=525` (or `VN` for the whole country where a route allows it). */
export const scopeParam = (options: { allowCountry?: boolean } = {}) =>
  kind<string>((s) => {
    const v = s.trim();
    if (UNIT_RE.test(v) || (options.allowCountry && v === "VN")) return v;
    return options.allowCountry
      ? expected(
          "cần mã đơn vị là một dãy số, ví dụ 525, hoặc VN cho toàn quốc",
          "expected a unit code, e.g. 525, or VN for the whole country",
          s,
        )
      : expected("cần mã đơn vị là một dãy số, ví dụ 525", "expected a unit code, e.g. 525", s);
  });

/** `structure=2025-06|2025-07`. */
export const structureParam = kind<StructureCode>((s) => {
  const v = STRUCTURES.find((x) => x === s.trim());
  return v ?? expected("cần cơ cấu đơn vị 2025-06 hoặc 2025-07", "expected the unit structure 2025-06 or 2025-07", s);
});

const reportingPeriod: Reader<string> = (s) =>
  s.length <= MAX_ITEM_CHARS && parseReportingPeriod(s)
    ? s.trim()
    : expected(`cần kỳ báo cáo dạng ${PERIOD_FORMS_VI}`, `expected a period: ${PERIOD_FORMS_EN}`, s);

/** `period=2025S1`: one reporting period, required. */
export const periodParam = required(kind(reportingPeriod), {
  vi: `thiếu kỳ báo cáo; dùng ${PERIOD_FORMS_VI}`,
  en: `missing; use ${PERIOD_FORMS_EN}`,
});

/** `periods=2025Q1,2025S1`: reporting periods (each at most 20 years long). */
export const periodsParam = kind(
  list(
    (s) => {
      const p = reportingPeriod(s);
      return p instanceof Expected ? p : p.toUpperCase();
    },
    { vi: "kỳ", en: "periods" },
  ),
);

const quarter: Reader<string> = (s) => {
  const v = s.trim().toUpperCase();
  return isQuarterCode(v) ? v : expected("cần một quý dạng 2025Q1", "expected a quarter such as 2025Q1", s);
};

/** `period=2025Q1`: one quarter. */
export const quarterParam = kind(quarter);

/** `periods=2025Q1,2025Q2`: quarters only (approvals are per quarter). */
export const quartersParam = kind(list(quarter, { vi: "quý", en: "quarters" }));

/** `period=2025Q2` of an upload template: a quarter from 2000Q1 to the current one. */
export const templateQuarterParam = kind<string>((s) => {
  const v = quarter(s);
  if (!(v instanceof Expected) && v >= "2000Q1" && v <= currentQuarter(calendarNow())) return v;
  return expected(
    "cần một quý từ 2000Q1 đến quý hiện tại, ví dụ 2025Q2",
    "expected a quarter from 2000Q1 to the current one, e.g. 2025Q2",
    s,
  );
});

/** `elements=meetings_held,…`: data element codes of the catalogue. */
export const elementsParam = kind(
  list(
    (s) =>
      elementCodes.includes(s)
        ? s
        : expected(
            "cần mã chỉ số của danh mục, ví dụ meetings_held",
            "expected a data element code, e.g. meetings_held",
            s,
          ),
    { vi: "chỉ số", en: "elements" },
  ),
);

/** `indicators=meetings,online_rate`: indicator codes of the catalogue. */
export const indicatorsParam = kind(
  list(
    (s) => {
      if (getIndicator(s)) return s;
      const known = indicators.map((i) => i.code).join(", ");
      return expected(`cần mã chỉ tiêu, một trong: ${known}`, `expected an indicator code, one of: ${known}`, s);
    },
    { vi: "chỉ tiêu", en: "indicators" },
  ),
);

/** One of a few words: `format=json|csv`, `by=unit|period|child`, `dryRun=1`. */
export const oneOfParam = <const V extends string>(values: readonly V[]) =>
  kind<V>((s) => {
    const v = values.find((x) => x === s.trim());
    return v ?? expected(`cần một trong: ${values.join(", ")}`, `expected one of: ${values.join(", ")}`, s);
  });

/** A comma-separated list of a few words: `level=commune,district`. */
export const oneOfListParam = <const V extends string>(values: readonly V[], what: { vi: string; en: string }) =>
  kind<V[]>(
    list(
      (s) =>
        values.find((x) => x === s) ??
        expected(`cần một trong: ${values.join(", ")}`, `expected one of: ${values.join(", ")}`, s),
      what,
    ),
  );

/** Free text (a file name, an audit filter, a note): at most `max` characters, no control characters (a note may have line breaks). */
export const textParam = (max = MAX_ITEM_CHARS, options: { multiline?: boolean } = {}) =>
  kind<string>((s) => {
    const v = s.trim();
    return v.length <= max
      ? v
      : expected(`tối đa ${max} ký tự, nhận được ${v.length}`, `at most ${max} characters, got ${v.length}`);
  }, options);

/** `action=sign_in_failed`: an action of the audit trail. */
export const auditActionParam = kind((s) =>
  isAuditAction(s.trim())
    ? s.trim()
    : expected(
        `cần một hành động của nhật ký, ví dụ ${AUDIT_ACTIONS[1]}`,
        `expected an audit action, e.g. ${AUDIT_ACTIONS[1]}`,
        s,
      ),
);

/** `date=2026-11-26`: a day that exists. */
export const dayParam = kind<string>((s) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s.trim());
  const ok =
    m &&
    (() => {
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const t = new Date(Date.UTC(y, mo - 1, d));
      return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
    })();
  if (ok) return s.trim();
  return expected(
    "cần một ngày có thật dạng yyyy-mm-dd, ví dụ 2026-11-26",
    "expected a real day as yyyy-mm-dd, e.g. 2026-11-26",
    s,
  );
});

/** A whole number from `min` to `max`: `limit=50`, `offset=0`, an id. */
export const intParam = (min: number, max: number) =>
  kind<number>((s) => {
    const v = s.trim();
    const n = /^\d{1,10}$/.test(v) ? Number(v) : NaN;
    if (n >= min && n <= max) return n;
    return expected(`cần một số nguyên từ ${min} đến ${max}`, `expected a whole number from ${min} to ${max}`, s);
  });

/** An id in a path (`/api/imports/57`): a positive whole number. */
export const idParam = intParam(1, 2_147_483_647);

/** The first refusal of a parsed query as the one error shape, naming the parameter. */
function refusal(issues: z.core.$ZodIssue[]): NextResponse {
  const i = issues[0];
  const name = String(i.path[0] ?? "query");
  const en = (i as { params?: { en?: unknown } }).params?.en;
  return errorResponse(badParameter(name, i.message, typeof en === "string" ? en : i.message));
}

/** Refuse control characters and absurd lengths before any reader sees the value. */
function guard(name: string, value: string): NextResponse | null {
  if (CONTROL.test(value)) {
    return errorResponse(badParameter(name, CONTROL_CHARACTER.vi, CONTROL_CHARACTER.en));
  }
  if (value.length > MAX_VALUE_CHARS) {
    const vi = `dài ${value.length} ký tự, quá giới hạn ${MAX_VALUE_CHARS}`;
    return errorResponse(
      badParameter(name, vi, `is ${value.length} characters long, over the ${MAX_VALUE_CHARS} limit`),
    );
  }
  return null;
}

/**
 * The query of a request read by `schema` (an object of the kinds above): the typed values, or the 400
 * answer naming the first bad parameter. Parameters the schema does not name are ignored.
 * @example parseQuery(z.object({ units: unitCodesParam }), new URLSearchParams("units=21136,abc"))
 *   → 400 { error: { code: "bad_request", message: "Tham số units không hợp lệ: cần mã đơn vị …", … } }
 */
export function parseQuery<S extends z.ZodObject>(schema: S, search: URLSearchParams): z.infer<S> | NextResponse {
  const input: Record<string, string> = {};
  for (const name of Object.keys(schema.shape)) {
    const values = search.getAll(name);
    if (values.length === 0) continue;
    const joined = values.join(",");
    const refused = guard(name, joined);
    if (refused) return refused;
    input[name] = values.filter((v) => v.trim() !== "").join(",");
  }
  const parsed = schema.safeParse(input);
  return parsed.success ? parsed.data : refusal(parsed.error.issues);
}

/** A path segment read by `schema` (e.g. idParam), or the 400 answer naming it. */
export function parsePathParam<T>(name: string, schema: z.ZodType<T | undefined>, raw: string): T | NextResponse {
  const refused = guard(name, raw);
  if (refused) return refused;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return refusal(parsed.error.issues.map((i) => ({ ...i, path: [name] })));
  if (parsed.data === undefined) return errorResponse(badParameter(name, "không được để trống", "must not be empty"));
  return parsed.data;
}
