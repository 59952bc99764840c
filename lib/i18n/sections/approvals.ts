import { defineSection } from "../section";

/** UI strings of quarter approval (the commune profile's approval card and the status badges). */
export const approvals = defineSection(
  {
    title: "Phê duyệt số liệu",
    intro:
      "Trạng thái từng quý của xã: nháp → đã gửi → đã phê duyệt. Số liệu đã phê duyệt bị khoá, không lần nhập " +
      "nào thay đổi được cho đến khi được mở khoá.",
    colQuarter: "Quý",
    colStatus: "Trạng thái",
    colActions: "Thao tác",
    colChanged: "Cập nhật",
    status: { draft: "Nháp", submitted: "Đã gửi", approved: "Đã phê duyệt" },
    statusHeader: "Phê duyệt",
    submit: "Gửi phê duyệt",
    approve: "Phê duyệt",
    unlock: "Mở khoá",
    sendBack: "Trả lại",
    sendBackNote: "Nhận xét cho xã",
    sentBackNote: "(đã trả lại: {comment})",
    done: "{unit} {quarter}: {status}.",
    none: "Chưa có quý nào để phê duyệt.",
  },
  {
    title: "Approval",
    intro:
      "Each quarter of the commune: draft → submitted → approved. Approved figures are locked: no import can " +
      "change them until they are unlocked.",
    colQuarter: "Quarter",
    colStatus: "Status",
    colActions: "Actions",
    colChanged: "Updated",
    status: { draft: "Draft", submitted: "Submitted", approved: "Approved" },
    statusHeader: "Approval",
    submit: "Submit",
    approve: "Approve",
    unlock: "Unlock",
    sendBack: "Send back",
    sendBackNote: "Comment for the commune",
    sentBackNote: "(sent back: {comment})",
    done: "{unit} {quarter}: {status}.",
    none: "No quarter to approve yet.",
  },
);
