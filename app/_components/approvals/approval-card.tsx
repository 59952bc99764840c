import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { getPeriodStatuses } from "@/db/queries/approvals";
import type { ScopeUnit } from "@/db/queries/units";
import { formatDateTime, formatQuarter, type Locale } from "@/lib/format";
import { canTransition, type AuthUser, type PeriodStatus } from "@/lib/auth/permissions";
import { structureForQuarter } from "@/lib/periods";
import { changePeriodStatus } from "./actions";

/** The status word of a quarter, as a badge (also used by the overview's table). */
export async function PeriodStatusBadge({ status }: { status: PeriodStatus }) {
  const t = await getTranslations("approvals");
  return (
    <span className={`badge badge-${status}`} data-testid="period-status" data-status={status}>
      {t(`status.${status}`)}
    </span>
  );
}

/**
 * A commune's quarters of the chosen period with their approval status, and the buttons the user's
 * role allows: submit (reporter), approve / send back / unlock (analyst, administrator).
 */
export async function ApprovalCard({
  commune,
  quarters,
  user,
  back,
  locale,
  error,
  done,
}: {
  commune: ScopeUnit;
  quarters: readonly string[];
  user: AuthUser;
  back: string;
  locale: Locale;
  error?: string;
  done?: string;
}) {
  const t = await getTranslations("approvals");
  const own = quarters.filter((q) => structureForQuarter(q) === commune.structure);
  const rows = await getPeriodStatuses(await getDb(), { unitIds: [commune.id], periods: own });
  const actions = (from: PeriodStatus): { to: PeriodStatus; label: string }[] => {
    const out: { to: PeriodStatus; label: string }[] = [];
    if (from === "draft" && canTransition(user.role, from, "submitted"))
      out.push({ to: "submitted", label: t("submit") });
    if (from !== "approved" && canTransition(user.role, from, "approved"))
      out.push({ to: "approved", label: t("approve") });
    if (from === "submitted" && canTransition(user.role, from, "draft"))
      out.push({ to: "draft", label: t("sendBack") });
    if (from === "approved" && canTransition(user.role, from, "draft")) out.push({ to: "draft", label: t("unlock") });
    return out;
  };
  return (
    <section className="card" aria-labelledby="approval-title" data-testid="approval-card">
      <h2 id="approval-title">{t("title")}</h2>
      <p className="muted small">{t("intro")}</p>
      {error && (
        <p className="error-box" role="alert">
          {error}
        </p>
      )}
      {done && (
        <p className="muted" role="status">
          {done}
        </p>
      )}
      {rows.length === 0 ? (
        <p className="muted">{t("none")}</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t("colQuarter")}</th>
                <th scope="col">{t("colStatus")}</th>
                <th scope="col">{t("colChanged")}</th>
                <th scope="col">{t("colActions")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.period} data-period={r.period}>
                  <th scope="row">{formatQuarter(r.period, locale)}</th>
                  <td>
                    <PeriodStatusBadge status={r.status} />
                    {r.status === "draft" && r.comment && (
                      <span className="small muted" data-testid="sent-back-note">
                        {" "}
                        {t("sentBackNote", { comment: r.comment })}
                      </span>
                    )}
                  </td>
                  <td>{r.changedAt ? formatDateTime(r.changedAt) : "–"}</td>
                  <td>
                    {actions(r.status).map((a) => (
                      <form key={a.to} action={changePeriodStatus} style={{ display: "inline-block", marginRight: 8 }}>
                        <input type="hidden" name="unit" value={commune.code} />
                        <input type="hidden" name="period" value={r.period} />
                        <input type="hidden" name="status" value={a.to} />
                        <input type="hidden" name="back" value={back} />
                        {a.label === t("sendBack") && (
                          <input
                            type="text"
                            name="note"
                            maxLength={500}
                            aria-label={t("sendBackNote")}
                            placeholder={t("sendBackNote")}
                            style={{ marginRight: 4 }}
                          />
                        )}
                        <button type="submit" className="button">
                          {a.label}
                        </button>
                      </form>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
