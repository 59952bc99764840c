import { defineSection } from "../section";

/** UI strings of the imports feature. */
export const imports = defineSection(
  {
    title: "Nhập dữ liệu",
  },
  {
    title: "Import",
  },
);
