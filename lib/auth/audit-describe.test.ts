import { describe, expect, it } from "vitest";
import { describeActor, describeAuditDetail, describeTarget, describeUserAgent } from "./audit-describe";

const ctx = { unitName: (id: number) => ({ 7: "Xã Trà Tân (21136)", 2: "Huyện Trà Bồng (525)" })[id] };

describe("audit events in words", () => {
  it("names the system and the target without prefixes", () => {
    expect(describeActor({ action: "user_create", actorEmail: "bootstrap" }, "vi")).toBe(
      "Hệ thống (tạo dữ liệu dùng thử)",
    );
    expect(describeActor({ action: "sign_in_failed", actorEmail: null }, "en")).toBe("(not signed in)");
    expect(describeTarget("user:a@b.vn", "vi")).toBe("tài khoản a@b.vn");
    expect(describeTarget("import:12", "en")).toBe("import 12");
    expect(describeTarget("21136/2025Q1", "vi")).toBe("đơn vị 21136, Quý I/2025");
    expect(describeTarget("indicator:online_rate", "vi")).toBe("Tỷ lệ hồ sơ tiếp nhận trực tuyến");
  });

  it("turns details into sentences", () => {
    const e = (action: string, target: string | null, detail: unknown) => ({
      action,
      actorEmail: "x@y",
      target,
      detail,
    });
    expect(
      describeAuditDetail(
        e("user_create", "user:r@demo.local", { userId: 3, role: "reporter", unitId: 7, isDemo: true }),
        "vi",
        ctx,
      ),
    ).toBe("Tạo tài khoản r@demo.local, vai trò Cán bộ xã, đơn vị Xã Trà Tân (21136) (tài khoản dùng thử).");
    expect(
      describeAuditDetail(
        e("user_update", "user:r@demo.local", {
          userId: 3,
          before: { role: "viewer", unitId: 2, name: "A" },
          after: { role: "analyst", unitId: 2, name: "A" },
        }),
        "vi",
        ctx,
      ),
    ).toBe("Đổi vai trò từ Người xem thành Chuyên viên của tài khoản r@demo.local.");
    expect(
      describeAuditDetail(
        e("import", "import:12", {
          status: "committed",
          fileName: "q1.csv",
          source: "web",
          values: 1234,
          new: 2,
          changed: 1,
        }),
        "vi",
        ctx,
      ),
    ).toBe("Tệp q1.csv (trang web): 1.234 số liệu, 2 mới, 1 thay đổi.");
    expect(
      describeAuditDetail(
        e("import", "import:13", {
          status: "committed",
          fileName: "bieu-mau-21136-2026Q4.csv",
          source: "form",
          values: 3,
          new: 0,
          changed: 1,
          note: "Biểu mẫu nhập thay Xã Cà Đam (21136) bởi a@b.vn (analyst) / entered on behalf of the commune",
        }),
        "vi",
        ctx,
      ),
    ).toBe(
      "Tệp bieu-mau-21136-2026Q4.csv (biểu mẫu nhập): 3 số liệu, 0 mới, 1 thay đổi. Biểu mẫu nhập thay Xã Cà Đam " +
        "(21136) bởi a@b.vn (analyst) / entered on behalf of the commune.",
    );
    expect(
      describeAuditDetail(
        e("period_approve", "21136/2025Q1", {
          from: "submitted",
          to: "approved",
          unitCode: "21136",
          period: "2025Q1",
          note: null,
        }),
        "vi",
        ctx,
      ),
    ).toBe("Số liệu đơn vị 21136, Quý I/2025: từ “Đã gửi” sang “Đã phê duyệt”.");
    expect(describeAuditDetail(e("target_change", "setting:deadline_day", { deadlineDay: 18 }), "vi", ctx)).toBe(
      "Hạn báo cáo: chậm nhất ngày 18 của tháng cuối quý.",
    );
    expect(describeAuditDetail(e("sign_in", "user:x@y", { sessionId: "abc" }), "vi", ctx)).toBe(
      "Đăng nhập thành công.",
    );
  });

  it("shortens a user agent to browser and system", () => {
    expect(
      describeUserAgent(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36",
      ),
    ).toBe("Chrome 142 · Windows");
    expect(
      describeUserAgent(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) " +
          "Version/17.0 Mobile/15E148 Safari/604.1",
      ),
    ).toBe("Safari 17 · iOS");
    expect(describeUserAgent("Playwright/1.65.1 (x64; debian 12) node/20.20")).toBe("Playwright 1.65.1");
    expect(describeUserAgent(null)).toBe("");
  });
});
