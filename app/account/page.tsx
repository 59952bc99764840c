import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { getUnitById } from "@/db/queries/access";
import { listApiTokens } from "@/db/queries/tokens";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/permissions";
import { formatDateTime } from "@/lib/format";
import { requireUser } from "../_auth/session";
import { ChangePasswordForm, CreateTokenForm, RevokeTokenButton } from "./_components/account-forms";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.account");
  return { title: t("title") };
}

/** One's own account: details, password change, API tokens (create: shown once; revoke). */
export default async function AccountPage() {
  const user = await requireUser();
  const db = await getDb();
  const t = await getTranslations("auth");
  const [unit, tokens] = await Promise.all([getUnitById(db, user.unitId), listApiTokens(db, { userId: user.id })]);
  return (
    <div className="auth-page wide">
      <h1>{t("account.title")}</h1>
      <section className="auth-card" aria-labelledby="account-profile">
        <h2 id="account-profile">{t("account.profile")}</h2>
        <dl>
          <dt>{t("account.name")}</dt>
          <dd>
            {user.name} {user.isDemo && <span className="demo-account-badge">{t("menu.demo")}</span>}
          </dd>
          <dt>{t("account.email")}</dt>
          <dd>{user.email}</dd>
          <dt>{t("account.role")}</dt>
          <dd>{t(`roles.${user.role}`)}</dd>
          <dt>{t("account.unit")}</dt>
          <dd>{unit ? `${unit.name} (${unit.code})` : "—"}</dd>
        </dl>
      </section>
      <section className="auth-card" aria-labelledby="account-password">
        <h2 id="account-password">{t("account.password.heading")}</h2>
        <ChangePasswordForm minPassword={MIN_PASSWORD_LENGTH} />
      </section>
      <section className="auth-card" aria-labelledby="account-tokens">
        <h2 id="account-tokens">{t("account.tokens.heading")}</h2>
        <p>{t("account.tokens.intro")}</p>
        <CreateTokenForm />
        {tokens.length === 0 ? (
          <p>{t("account.tokens.none")}</p>
        ) : (
          <div className="table-wrap">
            <table className="auth-table">
              <caption>{t("account.tokens.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("account.tokens.colName")}</th>
                  <th scope="col">{t("account.tokens.colPrefix")}</th>
                  <th scope="col">{t("account.tokens.colCreated")}</th>
                  <th scope="col">{t("account.tokens.colLastUsed")}</th>
                  <th scope="col">{t("account.tokens.colStatus")}</th>
                  <th scope="col">{t("account.tokens.colAction")}</th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((k) => (
                  <tr key={k.id}>
                    <td>{k.name}</td>
                    <td>
                      <code>{k.prefix}…</code>
                    </td>
                    <td>{formatDateTime(k.createdAt)}</td>
                    <td>{k.lastUsedAt ? formatDateTime(k.lastUsedAt) : t("account.tokens.never")}</td>
                    <td>
                      {k.revokedAt
                        ? t("account.tokens.revoked", { date: formatDateTime(k.revokedAt) })
                        : t("account.tokens.active")}
                    </td>
                    <td>{!k.revokedAt && <RevokeTokenButton id={k.id} name={k.name} />}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
