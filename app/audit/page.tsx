import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { countAuditEvents, listAuditEvents } from "@/db/queries/audit";
import { AUDIT_ACTIONS } from "@/lib/auth/audit-actions";
import { parseAuditFilter } from "@/lib/auth/audit-filter";
import { formatDateTime, formatNumber } from "@/lib/format";
import { describeActor, describeAuditDetail, describeTarget, describeUserAgent } from "@/lib/auth/audit-describe";
import { getUnitLabels } from "@/db/queries/units";
import { getLocale } from "../_i18n/locale";
import { requireUser } from "../_auth/session";
import { ScrollTable } from "../_components/ui/scroll-table";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.audit");
  return { title: t("title") };
}

const SHOWN = 200;

/** The audit trail for administrators: filter by action, actor, target and days; download as CSV. */
export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireUser({ capability: "viewAudit" });
  const query = await searchParams;
  const filter = parseAuditFilter(query);
  const db = await getDb();
  const locale = await getLocale();
  const t = await getTranslations("auth");
  const [events, total] = await Promise.all([
    listAuditEvents(db, { ...filter, limit: SHOWN }),
    countAuditEvents(db, filter),
  ]);
  const units = await getUnitLabels(db, { ids: [...new Set(events.flatMap((e) => unitIdsOf(e.detail)))] });
  const ctx = { unitName: (id: number) => units.get(id) };
  const raw = (k: string) => (typeof query[k] === "string" ? (query[k] as string) : "");
  const csvQuery = new URLSearchParams(
    Object.entries({
      action: raw("action"),
      actor: raw("actor"),
      target: raw("target"),
      from: raw("from"),
      to: raw("to"),
    }).filter(([, v]) => v),
  );
  return (
    <div className="auth-page wide">
      <h1>{t("audit.title")}</h1>
      <p>{t("audit.intro")}</p>
      <form method="get" className="auth-card audit-filters" aria-label={t("audit.filters")}>
        <div className="field">
          <label htmlFor="audit-action">{t("audit.action")}</label>
          <select id="audit-action" name="action" defaultValue={filter.action ?? ""}>
            <option value="">{t("audit.anyAction")}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {t(`actions.${a}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-actor">{t("audit.actor")}</label>
          <input id="audit-actor" name="actor" defaultValue={filter.actor ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="audit-target">{t("audit.target")}</label>
          <input id="audit-target" name="target" defaultValue={filter.target ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="audit-from">{t("audit.from")}</label>
          <input id="audit-from" name="from" type="date" defaultValue={raw("from")} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">{t("audit.to")}</label>
          <input id="audit-to" name="to" type="date" defaultValue={raw("to")} />
        </div>
        <button type="submit" className="primary">
          {t("audit.apply")}
        </button>
        <a href={`/api/audit?${csvQuery.toString()}`} download>
          {t("audit.exportCsv")}
        </a>
      </form>
      {events.length === 0 ? (
        <p>{t("audit.none")}</p>
      ) : (
        <ScrollTable label={t("audit.title")}>
          <table className="auth-table audit-table">
            <caption>
              {t("audit.caption", {
                shown: formatNumber(events.length, locale, 0),
                total: formatNumber(total, locale, 0),
              })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("audit.colAt")}</th>
                <th scope="col">{t("audit.colActor")}</th>
                <th scope="col">{t("audit.colAction")}</th>
                <th scope="col">{t("audit.colTarget")}</th>
                <th scope="col">{t("audit.colFrom")}</th>
                <th scope="col">{t("audit.colDetail")}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id} data-action={e.action}>
                  <td data-label={t("audit.colAt")}>{formatDateTime(e.at)}</td>
                  <td className="audit-actor" data-label={t("audit.colActor")}>
                    {describeActor(e, locale)}
                  </td>
                  <td data-label={t("audit.colAction")}>
                    {(AUDIT_ACTIONS as readonly string[]).includes(e.action)
                      ? t(`actions.${e.action as (typeof AUDIT_ACTIONS)[number]}`)
                      : e.action}
                  </td>
                  <td data-label={t("audit.colTarget")}>
                    {/^import:\d+$/.test(e.target ?? "") ? (
                      <Link href={`/imports/${e.target!.slice(7)}`}>{describeTarget(e.target, locale)}</Link>
                    ) : (
                      describeTarget(e.target, locale)
                    )}
                  </td>
                  <td data-label={t("audit.colFrom")}>
                    {e.ip ?? "—"}
                    {e.userAgent ? (
                      <span className="muted" title={e.userAgent}>
                        {" "}
                        · {describeUserAgent(e.userAgent)}
                      </span>
                    ) : null}
                  </td>
                  <td data-label={t("audit.colDetail")}>
                    <span className="audit-detail">{describeAuditDetail(e, locale, ctx)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
    </div>
  );
}

/** Unit ids an event's detail mentions (an account's unit, before and after a change). */
function unitIdsOf(detail: unknown): number[] {
  if (!detail || typeof detail !== "object") return [];
  const d = detail as Record<string, unknown>;
  const ids = [
    d.unitId,
    (d.before as Record<string, unknown> | undefined)?.unitId,
    (d.after as Record<string, unknown> | undefined)?.unitId,
  ];
  return ids.filter((x): x is number => typeof x === "number");
}
