import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { isDemoDatabase } from "@/db/bootstrap";
import { listDemoAccounts } from "@/db/queries/demo-accounts";
import { needsSetup } from "@/db/queries/users";
import { safeNextPath } from "@/lib/auth/next-path";
import { getCurrentUser } from "../_auth/session";
import { LoginForm } from "./_components/login-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.login");
  return { title: t("title") };
}

/** Sign-in. Leads to /setup while no account exists; a signed-in visitor goes straight on. */
export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const db = await getDb();
  if (await needsSetup(db)) redirect("/setup");
  const next = safeNextPath((await searchParams).next);
  if (await getCurrentUser()) redirect(next);
  const t = await getTranslations("auth");
  // Documented demo accounts are listed only in the demo database, where they exist.
  const demo = (await isDemoDatabase(db)) ? await listDemoAccounts(db) : [];
  return (
    <div className="auth-page">
      <h1>{t("login.title")}</h1>
      <section className="auth-card">
        <p>{t("login.intro")}</p>
        <LoginForm next={next} />
      </section>
      {demo.length > 0 && (
        <section className="auth-card" aria-labelledby="demo-accounts-title">
          <h2 id="demo-accounts-title">
            <span className="demo-account-badge">{t("menu.demo")}</span> {t("login.demoTitle")}
          </h2>
          <p>{t("login.demoIntro")}</p>
          <table className="auth-table demo-table">
            <thead>
              <tr>
                <th scope="col">{t("login.demoEmail")}</th>
                <th scope="col">{t("login.demoPassword")}</th>
                <th scope="col">{t("login.demoRole")}</th>
                <th scope="col">{t("login.demoUnit")}</th>
              </tr>
            </thead>
            <tbody>
              {demo.map((a) => (
                <tr key={a.email}>
                  <td data-label={t("login.demoEmail")}>
                    <code>{a.email}</code>
                  </td>
                  <td data-label={t("login.demoPassword")}>
                    <code>{a.password}</code>
                  </td>
                  <td data-label={t("login.demoRole")}>{t(`roles.${a.role}`)}</td>
                  <td data-label={t("login.demoUnit")}>{a.unitName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
