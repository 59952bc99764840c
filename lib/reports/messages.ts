/** Errors and warnings of a report upload, Vietnamese first (`message`) with English (`messageEn`). */
import { formatPeriod } from "../format";
import type { LegacyFont } from "./legacy-fonts";

export interface ReportIssue {
  code: string;
  message: string;
  messageEn: string;
}

const issue = (code: string, message: string, messageEn: string): ReportIssue => ({ code, message, messageEn });
const FONT: Record<LegacyFont, string> = { tcvn3: "TCVN3 (.VnTime)", vni: "VNI" };

export const reportMessages = {
  legacyFont: (font: LegacyFont) =>
    issue(
      "legacy_font_converted",
      `Văn bản được gõ bằng phông ${FONT[font]}; hệ thống đã chuyển sang Unicode. ` + `Hãy kiểm tra lại bản xem trước.`,
      `The text was typed in the ${FONT[font]} font and was converted to Unicode; check the preview.`,
    ),
  periodUnknown: () =>
    issue(
      "period_unknown",
      "Không xác định được kỳ báo cáo: văn bản không ghi “quý …/6 tháng/9 tháng/năm …”. " + "Hãy chọn kỳ báo cáo.",
      "The report's period could not be read from the text; choose the period.",
    ),
  periodInvalid: (p: string) =>
    issue(
      "period_invalid",
      `Kỳ báo cáo “${p}” không hợp lệ; cần dạng 2025Q1, ` + `2025S1, 2025N9 hoặc 2025.`,
      `Invalid period “${p}”; expected 2025Q1, 2025S1, 2025N9 or 2025.`,
    ),
  periodMismatch: (chosen: string, text: string) =>
    issue(
      "period_mismatch",
      `Kỳ đã chọn (${formatPeriod(chosen)}) khác với kỳ ghi trong văn bản ` +
        `(${formatPeriod(text)}). Báo cáo được lưu cho kỳ đã ` +
        `chọn.`,
      `The chosen period (${formatPeriod(chosen, "en")}) differs from the text's ` +
        `(${formatPeriod(text, "en")}); the chosen one is used.`,
    ),
  unitUnknown: (name: string | null) =>
    name
      ? issue(
          "unit_unknown",
          `Không tìm thấy xã “${name}” trong phạm vi của tài khoản. Hãy chọn đơn vị báo ` + `cáo.`,
          `No commune named “${name}” in your scope; choose the reporting unit.`,
        )
      : issue(
          "unit_unknown",
          "Không xác định được đơn vị báo cáo: văn bản không ghi “UBND xã …”. Hãy chọn đơn " + "vị.",
          "The reporting unit could not be read from the text; choose the unit.",
        ),
  unitAmbiguous: (name: string, codes: string[]) =>
    issue(
      "unit_ambiguous",
      `Có nhiều đơn vị tên “${name}” (${codes.join(", ")}). Hãy chọn đơn vị báo ` + `cáo.`,
      `Several units are named “${name}” (${codes.join(", ")}); choose one.`,
    ),
  unitNotCommune: (code: string) =>
    issue(
      "unit_not_commune",
      `Đơn vị ${code} không phải là xã/phường/thị trấn ` + `trong danh mục của kỳ này.`,
      `Unit ${code} is not a commune in this period's unit list.`,
    ),
  unitOutsideScope: (label: string) =>
    issue(
      "unit_outside_scope",
      `Tài khoản không được gửi báo cáo cho ${label}. Chỉ gửi được báo cáo của đơn vị ` + `mình phụ trách.`,
      `Your account may not submit a report for ${label}; only for the units you are responsible for.`,
    ),
  unitMismatch: (chosen: string, text: string) =>
    issue(
      "unit_mismatch",
      `Đơn vị đã chọn (${chosen}) khác với đơn vị ghi trong văn bản (${text}). Báo cáo ` +
        `được lưu cho đơn vị đã chọn.`,
      `The chosen unit (${chosen}) differs from the one named in the text ` + `(${text}); the chosen one is used.`,
    ),
  periodLocked: (label: string, period: string) =>
    issue(
      "period_locked",
      `Số liệu ${label} ${formatPeriod(period)} đã được phê duyệt và đang khoá; không nhận ` +
        `báo cáo mới. Hãy đề nghị mở khoá trước.`,
      `${label} ${formatPeriod(period, "en")} is approved and ` +
        `locked; no new report is accepted. Ask for it to be unlocked first.`,
    ),
  noItems: () =>
    issue(
      "no_items",
      "Không tìm thấy các phần, mục đánh số (I. KẾT QUẢ…, 1., 2., …) trong văn bản; không phải " +
        "báo cáo thuyết minh?",
      "No numbered parts or items (I., 1., 2., …) were found; is this a narrative report?",
    ),
  sameAsCurrent: () =>
    issue(
      "unchanged",
      "Tệp này giống hệt báo cáo hiện hành; lưu lại sẽ không thay đổi " + "gì.",
      "This file is identical to the " + "current report; storing it changes nothing.",
    ),
  replaces: (version: number) =>
    issue(
      "replaces_version",
      `Báo cáo này sẽ thay thế phiên bản ${version} hiện ` + `hành (bản cũ được giữ trong lịch sử).`,
      `This report replaces current version ${version} (the old one is kept in history).`,
    ),
};
