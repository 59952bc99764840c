import Link from "next/link";
import { inArray, and, eq } from "drizzle-orm";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { units } from "@/db/schema";
import { getPeriodStatuses } from "@/db/queries/approvals";
import { calendarNow, reportingCalendar } from "@/lib/calendar";
import { formatQuarter, type Locale } from "@/lib/format";
import { structureForQuarter } from "@/lib/periods";
import { currentUserScope } from "../view-context";
import { PeriodStatusBadge } from "../approvals/approval-card";

/**
 * A reporter's home: the entry pages of their commune for the running quarter and the last closed one,
 * in the unit list of each quarter (Trà Tân's officer reports Xã Cà Đam from 2025Q3), with their status.
 */
export async function ReporterEntryCard({ locale }: { locale: Locale }) {
  const { user, scope } = await currentUserScope();
  if (user.role !== "reporter" || scope.writeUnitIds.length === 0) return null;
  const t = await getTranslations("entryForm");
  const cal = reportingCalendar(calendarNow());
  const db = await getDb();
  const quarters = [cal.current, cal.lastClosed];
  const rows = [];
  for (const period of quarters) {
    const communes = await db
      .select({ id: units.id, code: units.code, name: units.name })
      .from(units)
      .where(
        and(
          inArray(units.id, scope.writeUnitIds),
          eq(units.structure, structureForQuarter(period)),
          eq(units.level, "commune"),
        ),
      )
      .orderBy(units.code);
    const statuses = await getPeriodStatuses(db, { unitIds: communes.map((c) => c.id), periods: [period] });
    for (const c of communes)
      rows.push({ ...c, period, status: statuses.find((s) => s.unitId === c.id)?.status ?? "draft" });
  }
  if (rows.length === 0) return null;
  return (
    <section className="card" aria-labelledby="reporter-entry" data-testid="reporter-entry">
      <h2 id="reporter-entry">{t("homeHeading")}</h2>
      <p className="muted small">{t("homeIntro")}</p>
      <ul className="plain-list">
        {rows.map((r) => (
          <li key={`${r.id}-${r.period}`}>
            <Link href={`/units/${r.code}/${r.period}`}>
              {r.period === cal.current
                ? t("openCurrent", { quarter: formatQuarter(r.period, locale) })
                : t("open", { quarter: formatQuarter(r.period, locale) })}
              {" — "}
              {r.name} ({r.code})
            </Link>{" "}
            <PeriodStatusBadge status={r.status} />
          </li>
        ))}
      </ul>
    </section>
  );
}
