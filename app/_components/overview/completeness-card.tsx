import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { formatDate, formatDateTime, formatPercent, formatQuarter, type Locale } from "@/lib/format";
import type { CommuneReportStatus } from "@/lib/indicators/completeness";
import { getDb } from "@/db";
import { getPeriodStatuses } from "@/db/queries/approvals";
import { listCommunesUnder } from "@/db/queries/units";
import { structureForQuarter } from "@/lib/periods";
import { hrefWith } from "../params";
import { cachedCompleteness, type ViewContext } from "../view-context";

/** Who reported, on time or late, and who is missing (with when they last sent anything): what officials chase first. */
export async function CompletenessCard({ view, locale }: { view: ViewContext; locale: Locale }) {
  const t = await getTranslations("dashboard.completeness");
  const c = await cachedCompleteness(view.scope.id, view.period!.code);
  const structure = view.structure === view.overseeing.structure ? undefined : view.structure;
  const unitLink = (u: CommuneReportStatus) => (
    <Link href={hrefWith(`/units/${u.code}`, { structure, period: view.period!.code })}>{u.name}</Link>
  );
  const lastSeen = (u: CommuneReportStatus) =>
    u.lastReportedAt
      ? t("lastReported", {
          at: formatDateTime(u.lastReportedAt),
          period: u.lastPeriod ? formatQuarter(u.lastPeriod, locale) : "–",
        })
      : t("neverReported");
  // Approval of the scope's communes, quarter by quarter (counts only: a reporter sees the totals, not the rows).
  const db = await getDb();
  const own = c.quarters.map((q) => q.period).filter((p) => structureForQuarter(p) === view.scope.structure);
  const communes = own.length ? await listCommunesUnder(db, { unitId: view.scope.id }) : [];
  const statuses = await getPeriodStatuses(db, { unitIds: communes.map((u) => u.id), periods: own });
  const approval = own.map((period) => {
    const rows = statuses.filter((s) => s.period === period);
    return {
      period,
      submitted: rows.filter((s) => s.status === "submitted").length,
      approved: rows.filter((s) => s.status === "approved").length,
      of: rows.length,
    };
  });
  const tEntry = await getTranslations("entryForm");
  const entryLink = (u: CommuneReportStatus, period: string) => (
    <Link href={`/units/${u.code}/${period}`} className="small">
      {tEntry("open", { quarter: formatQuarter(period, locale) })}
    </Link>
  );
  const many = c.quarters.length > 1;
  const issues = c.quarters.filter((q) => q.missing > 0 || q.late > 0);
  const ListHeading = many ? "h4" : "h3";
  return (
    <section className="card" aria-labelledby="completeness-title" data-testid="completeness">
      <h2 id="completeness-title">{t("title")}</h2>
      <dl className="stats">
        <div>
          <dt>{t("reported")}</dt>
          <dd>
            {t("ratio", { n: c.total.reported, of: c.total.expected })}{" "}
            <span className="muted">({formatPercent(c.total.reportingRate, locale)})</span>
          </dd>
        </div>
        <div>
          <dt>{t("onTime")}</dt>
          <dd>
            {t("ratio", { n: c.total.onTime, of: c.total.expected })}{" "}
            <span className="muted">({formatPercent(c.total.onTimeRate, locale)})</span>
          </dd>
        </div>
        <div>
          <dt>{t("late")}</dt>
          <dd>{c.total.late}</dd>
        </div>
        <div>
          <dt>{t("missing")}</dt>
          <dd>{c.total.missing}</dd>
        </div>
      </dl>
      <p className="muted small">
        {many ? t("unitQuarters") : null} {t("deadline", { day: c.deadlineDay })}
      </p>
      {approval.length > 0 && (
        <ul className="plain-list small" data-testid="completeness-approval">
          {approval.map((a) => (
            <li key={a.period} data-period={a.period} data-submitted={a.submitted} data-approved={a.approved}>
              {t("approvalLine", {
                quarter: formatQuarter(a.period, locale),
                submitted: a.submitted,
                approved: a.approved,
                of: a.of,
              })}
            </li>
          ))}
        </ul>
      )}
      {issues.length === 0 ? (
        <p className="ok-text">
          <span aria-hidden="true">✓ </span>
          {t("allOnTime")}
        </p>
      ) : (
        issues.map((q) => {
          const deadline = formatDate(new Date(q.dueBefore.getTime() - 1));
          return (
            <div key={q.period} className="completeness-quarter">
              {many && (
                <h3>
                  {t("quarterHeading", {
                    quarter: formatQuarter(q.period, locale),
                    reported: q.reported,
                    expected: q.expected,
                  })}
                </h3>
              )}
              <div className="two-lists">
                {q.missingCommunes.length > 0 && (
                  <div>
                    <ListHeading>{t("missingList", { count: q.missingCommunes.length })}</ListHeading>
                    <ul data-testid={`missing-${q.period}`} className="plain-list">
                      {q.missingCommunes.map((u) => (
                        <li key={u.code}>
                          <span className="status status-below status-always">
                            <span aria-hidden="true">✗</span>
                          </span>{" "}
                          {unitLink(u)} <span className="muted">— {lastSeen(u)}</span> · {entryLink(u, q.period)}
                        </li>
                      ))}
                    </ul>
                  </div>
                )}
                {q.lateCommunes.length > 0 && (
                  <div>
                    <ListHeading>{t("lateList", { count: q.lateCommunes.length })}</ListHeading>
                    <ul data-testid={`late-${q.period}`} className="plain-list">
                      {q.lateCommunes.map((u) => (
                        <li key={u.code}>
                          <span className="status status-near status-always">
                            <span aria-hidden="true">!</span>
                          </span>{" "}
                          {unitLink(u)}{" "}
                          <span className="muted">
                            —{" "}
                            {u.firstArrivalAt
                              ? t("sentAt", { at: formatDateTime(u.firstArrivalAt), deadline })
                              : t("noArrival", { deadline })}
                          </span>{" "}
                          · {entryLink(u, q.period)}
                        </li>
                      ))}
                    </ul>
                  </div>
                )}
              </div>
            </div>
          );
        })
      )}
    </section>
  );
}
