/**
 * Every feature section of the message catalogue, by namespace (`useTranslations("imports")`).
 * Add a feature: create sections/<feature>.ts with defineSection(vi, en) and list it here.
 */
import { adminUsers } from "./admin-users";
import { approvals } from "./approvals";
import { auth } from "./auth";
import { dashboard } from "./dashboard";
import { exportsSection } from "./exports";
import { imports } from "./imports";
import { unitPicker } from "./unit-picker";

import { reports } from "./reports";
import { entryForm } from "./entry-form";

export const sections = {
  imports,
  dashboard,
  exports: exportsSection,
  auth,
  approvals,
  adminUsers,
  unitPicker,
  reports,
  entryForm,
} as const;
