/**
 * An audit event in words, Vietnamese first: who (no "bootstrap"), what it touched (no "user:…" prefix)
 * and what happened (a sentence, never raw JSON).
 * @example describeAuditDetail({ action: "import", target: "import:12", detail: { status: "committed", fileName: "q1.csv",
 *   source: "web", values: 40, new: 2, changed: 1 } }, "vi", ctx) // "Tệp q1.csv (trang web): 40 số liệu, 2 mới, 1 thay đổi."
 */
import { formatNumber, formatQuarter } from "../format";
import { getIndicator } from "../indicators/catalogue";

type L = "vi" | "en";

export interface AuditEventLike {
  action: string;
  actorEmail: string | null;
  target: string | null;
  detail: unknown;
}

/** Names the page looks up: units by id. */
export interface AuditContext {
  unitName: (id: number) => string | undefined;
}

const ROLE: Record<string, [string, string]> = {
  admin: ["Quản trị viên", "Administrator"],
  analyst: ["Chuyên viên", "Analyst"],
  reporter: ["Cán bộ xã", "Commune officer"],
  viewer: ["Người xem", "Viewer"],
};
const STATUS: Record<string, [string, string]> = {
  draft: ["Nháp", "Draft"],
  submitted: ["Đã gửi", "Submitted"],
  approved: ["Đã phê duyệt", "Approved"],
};
const SOURCE: Record<string, [string, string]> = {
  web: ["trang web", "web page"],
  api: ["API", "API"],
  cli: ["dòng lệnh", "command line"],
  form: ["biểu mẫu nhập", "entry form"],
};
const pick = (table: Record<string, [string, string]>, key: unknown, l: L) => {
  const k = String(key);
  return table[k] ? table[k][l === "vi" ? 0 : 1] : k;
};
const n = (x: unknown, l: L) => (typeof x === "number" ? formatNumber(x, l, 0) : String(x ?? "–"));
const obj = (x: unknown): Record<string, unknown> =>
  x && typeof x === "object" && !Array.isArray(x) ? (x as Record<string, unknown>) : {};

/** Who did it: an email, or the system itself in words. */
export function describeActor(e: Pick<AuditEventLike, "action" | "actorEmail">, l: L): string {
  if (e.actorEmail === "bootstrap") return l === "vi" ? "Hệ thống (tạo dữ liệu dùng thử)" : "The system (demo data)";
  if (e.actorEmail) return e.actorEmail;
  return l === "vi" ? "(chưa đăng nhập)" : "(not signed in)";
}

/** What it touched: "tài khoản a@b", "lần nhập số 12", "Xã … (21136), Quý I/2025". */
export function describeTarget(target: string | null, l: L): string {
  if (!target) return "–";
  const [kind, ...rest] = target.split(":");
  const id = rest.join(":");
  if (rest.length > 0) {
    switch (kind) {
      case "user":
        return l === "vi" ? `tài khoản ${id}` : `account ${id}`;
      case "import":
        return l === "vi" ? `lần nhập số ${id}` : `import ${id}`;
      case "token":
        return l === "vi" ? `mã truy cập API số ${id}` : `API token ${id}`;
      case "indicator": {
        const def = getIndicator(id);
        return def ? (l === "vi" ? def.labelVi : def.labelEn) : id;
      }
      case "setting":
        return id === "deadline_day" ? (l === "vi" ? "hạn báo cáo" : "reporting deadline") : id;
    }
  }
  const m = /^(\d{2,5})\/(\d{4}Q[1-4])$/.exec(target);
  if (m) return `${l === "vi" ? "đơn vị" : "unit"} ${m[1]}, ${formatQuarter(m[2], l)}`;
  return target;
}

const unit = (id: unknown, ctx: AuditContext, l: L) =>
  typeof id === "number" ? (ctx.unitName(id) ?? (l === "vi" ? `đơn vị số ${id}` : `unit #${id}`)) : "–";

/** A sentence of what happened, from the event's detail. */
export function describeAuditDetail(e: AuditEventLike, l: L, ctx: AuditContext): string {
  const d = obj(e.detail);
  const vi = l === "vi";
  const who = describeTarget(e.target, l);
  switch (e.action) {
    case "setup":
    case "user_create": {
      const demo = d.isDemo ? (vi ? " (tài khoản dùng thử)" : " (demo account)") : "";
      const first =
        e.action === "setup"
          ? vi
            ? "Tạo tài khoản quản trị đầu tiên: "
            : "Created the first administrator: "
          : vi
            ? "Tạo "
            : "Created ";
      return vi
        ? `${first}${who}, vai trò ${pick(ROLE, d.role, l)}, đơn vị ${unit(d.unitId, ctx, l)}${demo}.`
        : `${first}${who}, role ${pick(ROLE, d.role, l)}, unit ${unit(d.unitId, ctx, l)}${demo}.`;
    }
    case "user_update": {
      const b = obj(d.before);
      const a = obj(d.after);
      const parts: string[] = [];
      if (b.role !== a.role)
        parts.push(
          vi
            ? `vai trò từ ${pick(ROLE, b.role, l)} thành ${pick(ROLE, a.role, l)}`
            : `role from ${pick(ROLE, b.role, l)} to ${pick(ROLE, a.role, l)}`,
        );
      if (b.unitId !== a.unitId)
        parts.push(
          vi
            ? `đơn vị từ ${unit(b.unitId, ctx, l)} thành ${unit(a.unitId, ctx, l)}`
            : `unit from ${unit(b.unitId, ctx, l)} to ${unit(a.unitId, ctx, l)}`,
        );
      if ((b.name ?? null) !== (a.name ?? null))
        parts.push(
          vi ? `tên từ “${b.name ?? ""}” thành “${a.name ?? ""}”` : `name from “${b.name ?? ""}” to “${a.name ?? ""}”`,
        );
      if (parts.length === 0) return vi ? `Lưu ${who}, không thay đổi gì.` : `Saved ${who} without changes.`;
      return vi ? `Đổi ${parts.join("; ")} của ${who}.` : `Changed the ${parts.join("; ")} of ${who}.`;
    }
    case "user_password_reset":
      return vi ? `Đặt lại mật khẩu của ${who}.` : `Reset the password of ${who}.`;
    case "user_deactivate":
      return vi ? `Khoá ${who}.` : `Deactivated ${who}.`;
    case "user_reactivate":
      return vi ? `Mở lại ${who}.` : `Reactivated ${who}.`;
    case "password_change":
      return vi ? "Tự đổi mật khẩu của mình." : "Changed their own password.";
    case "sign_in":
      return vi ? "Đăng nhập thành công." : "Signed in.";
    case "sign_out":
      return vi ? "Đăng xuất." : "Signed out.";
    case "sign_in_failed":
      return d.reason === "INVALID_EMAIL_OR_PASSWORD" || d.reason === undefined
        ? vi
          ? "Sai email hoặc mật khẩu."
          : "Wrong email or password."
        : vi
          ? `Không đăng nhập được (${String(d.reason)}).`
          : `Sign-in failed (${String(d.reason)}).`;
    case "sign_in_rate_limited":
      if (d.reason === "account_lockout")
        return vi
          ? `Tài khoản bị tạm khoá 15 phút sau ${n(d.failures, l)} lần đăng nhập sai.`
          : `Account locked for 15 minutes after ${n(d.failures, l)} failed sign-ins.`;
      return vi
        ? `Quá nhiều lần đăng nhập từ địa chỉ này${typeof d.retryAfter === "number" ? `; thử lại sau ${n(d.retryAfter, l)} giây` : ""}.`
        : `Too many sign-ins from this address${typeof d.retryAfter === "number" ? `; retry after ${n(d.retryAfter, l)} seconds` : ""}.`;
    case "token_create":
      return vi
        ? `Tạo mã truy cập “${String(d.name ?? "")}” (${String(d.prefix ?? "")}…) cho ${String(d.owner ?? "")}.`
        : `Created token “${String(d.name ?? "")}” (${String(d.prefix ?? "")}…) for ${String(d.owner ?? "")}.`;
    case "token_revoke":
      return vi
        ? `Thu hồi mã truy cập “${String(d.name ?? "")}” (${String(d.prefix ?? "")}…).`
        : `Revoked token “${String(d.name ?? "")}” (${String(d.prefix ?? "")}…).`;
    case "import": {
      const from = pick(SOURCE, d.source, l);
      if (d.status === "unchanged")
        return vi
          ? `Tệp ${String(d.fileName)} (${from}): ${n(d.values, l)} số liệu, không có gì thay đổi.`
          : `File ${String(d.fileName)} (${from}): ${n(d.values, l)} values, nothing changed.`;
      const onBehalf = d.source === "form" && typeof d.note === "string" && d.note ? ` ${d.note}.` : "";
      return vi
        ? `Tệp ${String(d.fileName)} (${from}): ${n(d.values, l)} số liệu, ${n(d.new, l)} mới, ${n(d.changed, l)} thay đổi.${onBehalf}`
        : `File ${String(d.fileName)} (${from}): ${n(d.values, l)} values, ${n(d.new, l)} new, ${n(d.changed, l)} changed.${onBehalf}`;
    }
    case "import_rejected": {
      const first =
        typeof d.firstError === "string"
          ? vi
            ? ` Lỗi đầu tiên: ${d.firstError}`
            : ` First error: ${d.firstError}`
          : "";
      return vi
        ? `Tệp ${String(d.fileName)} bị từ chối vì có ${n(d.errors, l)} lỗi.${first}`
        : `File ${String(d.fileName)} refused with ${n(d.errors, l)} errors.${first}`;
    }
    case "revert":
      return vi
        ? `Hoàn tác ${who}: ${n(d.restored, l)} số liệu trở về giá trị cũ, ${n(d.removed, l)} số liệu bị xoá ` +
            `(ghi thành lần nhập số ${n(d.revertImportId, l)}).`
        : `Reverted ${who}: ${n(d.restored, l)} values restored, ${n(d.removed, l)} removed (recorded as import ` +
            `${n(d.revertImportId, l)}).`;
    case "period_submit":
    case "period_approve":
    case "period_return":
    case "period_unlock": {
      const note = typeof d.note === "string" && d.note ? (vi ? ` Ghi chú: ${d.note}` : ` Note: ${d.note}`) : "";
      return vi
        ? `Số liệu ${who}: từ “${pick(STATUS, d.from, l)}” sang “${pick(STATUS, d.to, l)}”.${note}`
        : `Figures of ${who}: from “${pick(STATUS, d.from, l)}” to “${pick(STATUS, d.to, l)}”.${note}`;
    }
    case "target_change":
      if ("deadlineDay" in d)
        return vi
          ? `Hạn báo cáo: chậm nhất ngày ${n(d.deadlineDay, l)} của tháng cuối quý.`
          : `Reporting deadline: at the latest on day ${n(d.deadlineDay, l)} of the quarter's last month.`;
      if (d.intent === "reset")
        return vi
          ? `Đưa mục tiêu “${who}” về mặc định (${n(d.target, l)}).`
          : `Reset the target of “${who}” to the default (${n(d.target, l)}).`;
      return vi ? `Đặt mục tiêu “${who}” là ${n(d.target, l)}.` : `Set the target of “${who}” to ${n(d.target, l)}.`;
    default: {
      const pairs = Object.entries(d).map(
        ([k, v]) =>
          `${k}: ${
            v && typeof v === "object"
              ? Object.entries(obj(v))
                  .map(([a, b]) => `${a} ${String(b)}`)
                  .join(", ")
              : String(v)
          }`,
      );
      return pairs.join("; ");
    }
  }
}

/** "Chrome 142 · Windows" from a user agent; the raw string stays available on hover. */
export function describeUserAgent(ua: string | null): string {
  if (!ua) return "";
  const browser =
    /Edg\/(\d+)/.exec(ua)?.[1] !== undefined
      ? `Edge ${/Edg\/(\d+)/.exec(ua)![1]}`
      : /Firefox\/(\d+)/.exec(ua)
        ? `Firefox ${/Firefox\/(\d+)/.exec(ua)![1]}`
        : /Chrome\/(\d+)/.exec(ua)
          ? `Chrome ${/Chrome\/(\d+)/.exec(ua)![1]}`
          : /Version\/(\d+).*Safari/.exec(ua)
            ? `Safari ${/Version\/(\d+).*Safari/.exec(ua)![1]}`
            : (/^([\w.-]+)\/([\d.]+)/.exec(ua)?.slice(1, 3).join(" ") ?? ua.slice(0, 40));
  const os = /Android/.test(ua)
    ? "Android"
    : /iPhone|iPad/.test(ua)
      ? "iOS"
      : /Windows/.test(ua)
        ? "Windows"
        : /Mac OS X/.test(ua)
          ? "macOS"
          : /Linux/.test(ua)
            ? "Linux"
            : null;
  return os ? `${browser} · ${os}` : browser;
}
