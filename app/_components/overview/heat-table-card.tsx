import { getTranslations } from "next-intl/server";
import { formatPeriod, type Locale } from "@/lib/format";
import { getIndicator, indicators } from "@/lib/indicators/catalogue";
import { explainIndicator, formatIndicatorValue } from "@/lib/indicators/explain";
import type { IndicatorRow } from "@/lib/indicators/rows";
import { DataTable } from "../data-table/data-table";
import type { DataTableColumn, DataTableRow, DataTableState } from "../data-table/types";
import { indicatorLabel } from "../indicator-labels";
import { hrefWith } from "../params";
import { StatusLegend } from "../ui/status-legend";
import { cachedIndicatorRows, type ViewContext } from "../view-context";

/** Communes × indicators, cells coloured by status (with icon and word), in the generic sortable table. */
export async function HeatTableCard({ view, locale, state }: { view: ViewContext; locale: Locale; state: DataTableState }) {
  const t = await getTranslations("dashboard.heat");
  const ts = await getTranslations("status");
  const statusText = { meets: ts("meets"), near: ts("near"), below: ts("below") };
  const result = await cachedIndicatorRows(view.scope.id, view.period!.code, "unit");
  const period = formatPeriod(view.period!.code, locale);
  const structure = view.structure === view.overseeing.structure ? undefined : view.structure;

  const columns: DataTableColumn[] = [
    { id: "name", header: t("colCommune"), kind: "text", rowHeader: true },
    { id: "code", header: t("colCode"), kind: "text", hidden: true },
    ...indicators.map((d): DataTableColumn => ({ id: d.code, header: indicatorLabel(d.code, locale), kind: d.kind === "rate" ? "percent" : "number" })),
  ];
  const toRow = (r: IndicatorRow): DataTableRow => {
    const note =
      r.kind !== "commune" || r.reportedQuarters === r.expectedQuarters
        ? undefined
        : r.reportedQuarters === 0
          ? t("notReported")
          : t("partlyReported", { reported: r.reportedQuarters, expected: r.expectedQuarters });
    const cells: DataTableRow["cells"] = {
      name: {
        value: r.kind === "total" ? t("total", { scope: r.unit.name }) : r.unit.name,
        text: r.kind === "total" ? t("total", { scope: r.unit.name }) : r.unit.name,
        href: r.kind === "commune" ? hrefWith(`/units/${r.unit.code}`, { structure, period: view.period!.code }) : undefined,
        note,
      },
      code: { value: r.unit.code, text: r.unit.code },
    };
    for (const code of result.indicators) {
      const def = getIndicator(code)!;
      const v = r.values[code];
      cells[code] = {
        value: v.value,
        text: formatIndicatorValue(def, v.value, locale),
        explanation: explainIndicator(def, v, locale),
        status: v.status,
        testId: `figure-${code}`,
      };
    }
    return { id: r.unit.code + (r.kind === "total" ? "-total" : ""), unitCode: r.kind === "commune" ? r.unit.code : undefined, cells };
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
    </section>
  );
}
