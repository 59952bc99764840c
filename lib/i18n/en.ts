import type { Messages } from "./vi";

/** English UI strings. Typed against the Vietnamese catalogue, so a missing key does not compile. */
export const en: Messages = {
  app: {
    name: "Mass mobilization",
    fullName: "Government mass-mobilization monitoring",
    description: "Communes' figures on government mass-mobilization work: compare, track completeness, export reports.",
    skipToContent: "Skip to main content",
    overseeing: "Overseeing unit",
    committee: "People's Committee of {name}",
    footer: "Figures reported by communes each quarter. Rates are always total numerator / total denominator.",
  },
  nav: {
    label: "Main navigation",
    overview: "Overview",
    compare: "Compare",
    units: "Units",
    imports: "Import",
    exports: "Export",
    admin: "Admin",
  },
  language: {
    label: "Language",
    vi: "Tiếng Việt",
    en: "English",
    current: "(current)",
  },
  demo: {
    banner: "These are demo figures for trying the app out, not official data.",
    label: "Demo data",
  },
  status: {
    meets: "Meets target",
    near: "Near target",
    below: "Below target",
    none: "No target",
  },
  home: {
    title: "Overview",
    subtitle: "{scope} · {period}",
    noData: "No figures for {scope} yet. Upload them on the Import page.",
    noScope: "The overseeing unit {code} is not in the unit list. Load the administrative units first.",
    tableTitle: "Results by commune",
    tableCaption: "Three indicators for {count} communes, {period}. Empty cells: the commune has not reported.",
    colIndex: "No.",
    colCommune: "Unit",
    colCode: "Code",
    total: "All of {scope}",
    notReported: "Not reported",
    reported: "Reported: {reported}/{expected} communes",
    chartTitle: "{indicator} by commune",
    chartDescription: "Bar chart: {indicator} for each commune, {period}; the horizontal line is the target {target}.",
    targetLine: "Target {target}",
    targetLabel: "Target",
    formula: "{numerator} / {denominator} = {value}",
    formulaCount: "Total {value}",
    formulaNoData: "No data (zero denominator or not reported)",
    target: "target ≥ {target}",
  },
  units: {
    title: "Units",
    intro: "Communes of {scope} in the administrative unit list ({structure}).",
    colCode: "Unit code",
    colName: "Unit name",
    colSuccessor: "From 1 July 2025 part of",
    count: "{count} communes",
  },
  errors: {
    title: "Something went wrong",
    description:
      "This page could not be loaded. No figures were affected. Please try again; if it keeps failing, tell the " +
      "administrator and quote the error reference.",
    reference: "Error reference: {digest}",
    retry: "Try again",
    notFoundTitle: "Page not found",
    notFoundDescription: "This address does not exist. Go back to the Overview.",
    backHome: "Back to the Overview",
  },
  scroll: {
    hint: "The table is wider than the screen: swipe sideways (or use the arrow keys) to see the other columns.",
  },
  loading: "Loading…",
};
