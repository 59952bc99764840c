/**
 * Errors of access control (HTTP status from lib/errors.ts by code); messages say what is wrong and what to do,
 * Vietnamese first. Route handlers turn them into JSON through app/api/_lib/http.ts errorResponse.
 */
import { AppError } from "../errors";
import type { Capability, Role } from "./permissions";

export function unauthenticated(): AppError {
  return new AppError(
    "unauthenticated",
    "Chưa đăng nhập. Hãy đăng nhập, hoặc gửi mã truy cập API trong tiêu đề Authorization: Bearer <mã>.",
    "Not signed in. Sign in, or send an API token in the Authorization: Bearer <token> header.",
  );
}

const capabilityVi: Record<Capability, string> = {
  read: "xem số liệu",
  export: "xuất số liệu",
  import: "nhập số liệu",
  revert: "hoàn tác lần nhập",
  submit: "gửi báo cáo quý",
  approve: "phê duyệt số liệu",
  unlock: "mở khoá số liệu đã phê duyệt",
  manageUsers: "quản lý tài khoản",
  manageTargets: "đặt mục tiêu",
  manageUnits: "quản lý danh mục đơn vị",
  viewAudit: "xem nhật ký hoạt động",
};
const capabilityEn: Record<Capability, string> = {
  read: "read figures",
  export: "export figures",
  import: "import figures",
  revert: "revert an import",
  submit: "submit a quarter",
  approve: "approve figures",
  unlock: "unlock approved figures",
  manageUsers: "manage accounts",
  manageTargets: "set targets",
  manageUnits: "manage the unit lists",
  viewAudit: "read the audit trail",
};

export const roleVi: Record<Role, string> = {
  admin: "quản trị viên",
  analyst: "chuyên viên",
  reporter: "cán bộ xã",
  viewer: "người xem",
};
export const roleEn: Record<Role, string> = {
  admin: "administrator",
  analyst: "analyst",
  reporter: "commune officer",
  viewer: "viewer",
};

export function forbiddenCapability(role: Role, capability: Capability): AppError {
  return new AppError(
    "forbidden",
    `Tài khoản ${roleVi[role]} không có quyền ${capabilityVi[capability]}. Hãy liên hệ quản trị viên nếu cần quyền này.`,
    `An account with the ${roleEn[role]} role may not ${capabilityEn[capability]}. Ask an administrator if you need this permission.`,
  );
}

/** Units outside the user's scope, named ("Xã Trà Bùi (21142)"). */
export function forbiddenUnits(names: readonly string[], mode: "read" | "write"): AppError {
  const list = names.join(", ");
  return new AppError(
    "forbidden_unit",
    mode === "read"
      ? `Đơn vị ngoài phạm vi tài khoản của bạn: ${list}. Bạn chỉ xem được các đơn vị thuộc phạm vi được giao.`
      : `Không được ghi số liệu cho đơn vị ngoài phạm vi tài khoản của bạn: ${list}. Bạn chỉ ghi được cho các xã được giao.`,
    mode === "read"
      ? `Outside your account's scope: ${list}. You may only read the units assigned to you.`
      : `You may not write figures for units outside your account's scope: ${list}. You may only write for your assigned communes.`,
  );
}

export function csrfRejected(): AppError {
  return new AppError(
    "csrf_rejected",
    "Yêu cầu bị từ chối vì không đến từ trang của ứng dụng (kiểm tra chống giả mạo yêu cầu). Hãy mở lại trang rồi thử lại.",
    "Request refused: it did not come from this application's pages (cross-site request check). Reload the page and try again.",
  );
}
