import { defineSection } from "../section";

/**
 * UI strings of the exports feature (/exports and /exports/print). The documents themselves (workbook,
 * report, the printed table) are Vietnamese administrative texts and live in lib/export.
 */
export const exportsSection = defineSection(
  {
    title: "Xuất báo cáo",
    intro:
      "Chọn đơn vị, kỳ báo cáo và các chỉ tiêu, rồi tải biểu tổng hợp (Excel), bản thảo báo cáo (Word) hoặc " +
      "bảng CSV. Số liệu trong các tệp đúng như trên màn hình; tỷ lệ luôn tính bằng tổng tử số / tổng mẫu số.",
    noScope: "Chưa có đơn vị theo dõi {code} trong danh mục. Hãy nạp danh mục đơn vị hành chính.",
    latest: "Kỳ gần nhất có số liệu: {period}.",
    noData: "Chưa có số liệu nào của {scope}; các tệp xuất ra sẽ chỉ có khung biểu.",
    form: {
      heading: "Nội dung cần xuất",
      scope: "Đơn vị",
      period: "Kỳ báo cáo",
      groups: {
        quarter: "Quý",
        half: "6 tháng",
        nine: "9 tháng",
        year: "Năm",
      },
      indicators: "Chỉ tiêu",
      indicatorsHint: "Tất cả chỉ tiêu được chọn sẵn. Nếu bỏ chọn hết, tệp sẽ gồm tất cả chỉ tiêu.",
      counts: "Chỉ tiêu số lượng",
      rates: "Chỉ tiêu tỷ lệ (%)",
      date: "Ngày ghi trên văn bản",
      dateHint: "Để trống: ngày hôm nay.",
      downloads: "Tải tệp",
      downloadsHint: "Mỗi nút tải một tệp với các lựa chọn ở trên.",
      xlsx: "Biểu tổng hợp Excel (.xlsx)",
      docx: "Bản thảo báo cáo Word (.docx)",
      csv: "Bảng CSV (.csv)",
      print: "Xem bản in",
    },
    print: {
      toolbar: "Công cụ bản in",
      back: "Quay lại trang Xuất báo cáo",
      print: "In biểu",
      hint: "Biểu in khổ A4 ngang, có số trang; thanh điều hướng không được in.",
      error: "Không lập được biểu: {message}",
      caption: "Biểu tổng hợp: {count} đơn vị cấp xã và dòng tổng cộng. “–”: không có số liệu.",
    },
  },
  {
    title: "Export",
    intro:
      "Choose a unit, a reporting period and the indicators, then download the summary workbook (Excel), a " +
      "draft report (Word) or a CSV table. The files hold exactly the figures shown on screen; rates are " +
      "always the sum of numerators over the sum of denominators.",
    noScope: "The overseeing unit {code} is not in the unit list. Load the administrative units first.",
    latest: "Latest period with figures: {period}.",
    noData: "{scope} has no figures yet; the exported files will only hold the empty table.",
    form: {
      heading: "What to export",
      scope: "Unit",
      period: "Reporting period",
      groups: {
        quarter: "Quarter",
        half: "Half-year",
        nine: "Nine months",
        year: "Year",
      },
      indicators: "Indicators",
      indicatorsHint: "Every indicator is selected. If none is selected, the file holds all of them.",
      counts: "Count indicators",
      rates: "Rate indicators (%)",
      date: "Date written on the document",
      dateHint: "Leave empty for today.",
      downloads: "Download",
      downloadsHint: "Each button downloads one file with the choices above.",
      xlsx: "Summary workbook, Excel (.xlsx)",
      docx: "Draft report, Word (.docx)",
      csv: "CSV table (.csv)",
      print: "Print view",
    },
    print: {
      toolbar: "Print view tools",
      back: "Back to Export",
      print: "Print",
      hint: "Prints on A4 landscape with page numbers; the navigation is not printed.",
      error: "The summary could not be made: {message}",
      caption: "Summary table: {count} communes and the total row. “–”: no data.",
    },
  },
);
