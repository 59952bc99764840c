import { defineSection } from "../section";

/** The unit picker (app/_components/unit-picker): choose a unit by name. */
export const unitPicker = defineSection(
  {
    placeholder: "Gõ tên hoặc mã đơn vị…",
    hint: "Gõ vài chữ của tên (có dấu hay không dấu đều được), dùng ↑ ↓ để chọn, Enter để xác nhận.",
    picked: "Đã chọn: {name} (mã {code})",
    none: "Không có đơn vị nào khớp.",
    required: "Hãy chọn một đơn vị trong danh sách.",
  },
  {
    placeholder: "Type a unit's name or code…",
    hint: "Type part of the name (with or without tone marks), ↑ ↓ to move, Enter to choose.",
    picked: "Chosen: {name} (code {code})",
    none: "No unit matches.",
    required: "Choose a unit from the list.",
  },
);
