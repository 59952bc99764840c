import { defineSection } from "../section";

/** UI strings of the dashboard feature. */
export const dashboard = defineSection(
  {
    title: "Tổng quan",
  },
  {
    title: "Overview",
  },
);
