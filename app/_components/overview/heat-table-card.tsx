import { getTranslations } from "next-intl/server";
import { formatPeriod, formatQuarter, type Locale } from "@/lib/format";
import { derivedPhrase } from "@/lib/indicators/reform";
import { getIndicator, indicators } from "@/lib/indicators/catalogue";
import { explainIndicator, formatIndicatorValue } from "@/lib/indicators/explain";
import type { IndicatorRow } from "@/lib/indicators/rows";
import { DataTable } from "../data-table/data-table";
import type { DataTableColumn, DataTableRow, DataTableState } from "../data-table/types";
import { indicatorLabel } from "../indicator-labels";
import { hrefWith } from "../params";
import { figureFlags } from "../figure-flags";
import { FlagLegend } from "../ui/flag-legend";
import { StatusLegend } from "../ui/status-legend";
import { cachedIndicatorRows, type ViewContext } from "../view-context";
import { getReadDb } from "@/db";
import { getPeriodStatuses } from "@/db/queries/approvals";
import { listFormerDistricts } from "@/db/queries/units";
import type { PeriodStatus } from "@/lib/auth/permissions";

/** Communes × indicators, cells coloured by status (with icon and word), in the generic sortable table. */
export async function HeatTableCard({
  view,
  locale,
  state,
}: {
  view: ViewContext;
  locale: Locale;
  state: DataTableState;
}) {
  const t = await getTranslations("dashboard.heat");
  const ts = await getTranslations("status");
  const statusText = { meets: ts("meets"), near: ts("near"), below: ts("below") };
  const result = await cachedIndicatorRows(view.scope.id, view.period!.code, "unit");
  const period = formatPeriod(view.period!.code, locale);
  const tAp = await getTranslations("approvals");
  // Approval of each commune over the period: approved when every quarter is, submitted when any is further than draft.
  const communeIds = result.rows.filter((r) => r.kind === "commune").map((r) => r.unit.id);
  const statuses = await getPeriodStatuses(await getReadDb(), { unitIds: communeIds, periods: view.period!.quarters });
  const approvalOf = new Map<number, PeriodStatus>();
  for (const id of communeIds) {
    const mine = statuses.filter((s) => s.unitId === id).map((s) => s.status);
    approvalOf.set(
      id,
      mine.length > 0 && mine.every((s) => s === "approved")
        ? "approved"
        : mine.some((s) => s !== "draft")
          ? "submitted"
          : "draft",
    );
  }
  const structure = view.structure === view.overseeing.structure ? undefined : view.structure;
  // A province of today's structure: each commune's former district(s), to sort (group) by.
  const former =
    view.scope.level === "province" && view.structure === "2025-07"
      ? await listFormerDistricts(await getReadDb(), { unitIds: communeIds })
      : null;

  const columns: DataTableColumn[] = [
    { id: "name", header: t("colCommune"), kind: "text", rowHeader: true },
    { id: "code", header: t("colCode"), kind: "text", hidden: true },
    ...(former ? [{ id: "former", header: t("colFormerDistrict"), kind: "text" } as DataTableColumn] : []),
    ...indicators.map((d): DataTableColumn => ({
      id: d.code,
      header: indicatorLabel(d.code, locale),
      kind: d.kind === "rate" ? "percent" : "number",
      cellTestId: `figure-${d.code}`,
    })),
    // Last, so the figures keep their place: the approval status of each commune's period.
    { id: "approval", header: tAp("statusHeader"), kind: "text" },
  ];
  const toRow = (r: IndicatorRow): DataTableRow => {
    const reported =
      r.kind !== "commune" || r.reportedQuarters === r.expectedQuarters
        ? undefined
        : r.reportedQuarters === 0
          ? t("notReported")
          : t("partlyReported", { reported: r.reportedQuarters, expected: r.expectedQuarters });
    // Quarters of the other structure (before or after 1 July 2025): how they were composed, or why not.
    const cross = r.crossReform;
    const reform = cross
      ? t(cross.comparable ? "reformDerived" : "reformNotComparable", {
          quarters: cross.quarters.map((q) => formatQuarter(q, locale)).join(", "),
          derived: derivedPhrase(cross.derivedFrom, locale),
        })
      : undefined;
    const note = [reported, reform].filter(Boolean).join(" · ") || undefined;
    const cells: DataTableRow["cells"] = {
      name: {
        value: r.kind === "total" ? t("total", { scope: r.unit.name }) : r.unit.name,
        text: r.kind === "total" ? t("total", { scope: r.unit.name }) : r.unit.name,
        href:
          r.kind === "commune"
            ? hrefWith(`/units/${r.unit.code}`, { structure, period: view.period!.code })
            : undefined,
        note,
      },
      code: { value: r.unit.code, text: r.unit.code },
    };
    if (former) {
      const names = r.kind === "commune" ? (former.get(r.unit.id) ?? []) : [];
      cells.former = { value: names.join(", ") || null, text: names.join(", ") };
    }
    if (r.kind === "commune") {
      const s = approvalOf.get(r.unit.id) ?? "draft";
      cells.approval = { value: s, text: tAp(`status.${s}`), testId: "period-status" };
    } else {
      cells.approval = { value: null, text: "" };
    }
    for (const code of result.indicators) {
      const def = getIndicator(code)!;
      const v = r.values[code];
      const flags = figureFlags(def, v, r.communes, locale);
      // Only the fields a figure has (the test id is the column's): 16 communes × 12 figures cross to the browser.
      cells[code] = {
        value: v.value,
        text: formatIndicatorValue(def, v.value, locale),
        explanation: explainIndicator(def, v, locale),
        ...(v.status ? { status: v.status } : {}),
        ...(flags.length ? { flags } : {}),
      };
    }
    return {
      id: r.unit.code + (r.kind === "total" ? "-total" : ""),
      unitCode: r.kind === "commune" ? r.unit.code : undefined,
      cells,
    };
  };
  const rows = result.rows.filter((r) => r.kind === "commune").map(toRow);
  const footer = result.rows.filter((r) => r.kind === "total").map(toRow);
  return (
    <section className="card" aria-labelledby="heat-title">
      <h2 id="heat-title">{t("title")}</h2>
      <p className="muted small">
        {t("intro")} <StatusLegend statusText={statusText} noData={t("noData")} />
      </p>
      <DataTable
        columns={columns}
        rows={rows}
        footer={footer}
        caption={t("caption", { count: rows.length, period })}
        exportName={`tong-quan-${view.scope.code}-${view.period!.code.replace("..", "-")}`}
        exportTitle={t("exportTitle", { scope: view.scope.name, period })}
        initialState={state}
        urlState
        testId="home-table"
        rowNoun={t("rowNoun")}
      />
      <FlagLegend figures={result.rows.flatMap((r) => Object.values(r.values))} locale={locale} />
    </section>
  );
}
