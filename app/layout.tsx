import type { Metadata } from "next";
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import "./fonts.css";
import "./globals.css";
import "./_auth/auth.css";
import { getDb } from "@/db";
import { isDemoDatabase } from "@/db/bootstrap";
import { getUnitById, getUserScope, scopeUnitAccess } from "@/db/queries/access";
import { pageGate } from "./_auth/session";
import { can } from "@/lib/auth/permissions";
import { UserMenu } from "./_auth/user-menu";
import { getOverseeingUnit } from "./_components/scope";
import { LanguageSwitch } from "./_components/language-switch";
import { MainNav } from "./_components/main-nav";
import { getLocale } from "./_i18n/locale";
import { ClientMessages } from "./_i18n/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("app");
  return { title: { default: t("fullName"), template: `%s · ${t("name")}` }, description: t("description") };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const t = await getTranslations();
  const db = await getDb();
  // Every page but /login and /setup needs a signed-in user (redirects to /login, or /setup while no account exists).
  const user = await pageGate();
  const [unit, demo, userUnit] = await Promise.all([
    getOverseeingUnit(db),
    isDemoDatabase(db),
    user ? getUnitById(db, user.unitId) : Promise.resolve(null),
  ]);
  // The committee named in the header: the overseeing unit for whoever may read it, else the user's own
  // unit (a province official on an installation that also serves a district sees their province).
  const readsOverseeing = !user || !unit || (await scopeUnitAccess(db, await getUserScope(db, user), unit.id)) !== null;
  const committee = readsOverseeing ? unit : (userUnit ?? unit);
  // Only the tabs the role may open: a page refused to it is not offered (the server still checks).
  const tabs = [
    ["overview", "read"],
    ["compare", "read"],
    ["units", "read"],
    ["imports", "read"],
    ["reports", "read"],
    ["exports", "export"],
    ["admin", "manageTargets"],
  ] as const;
  const nav = tabs
    .filter(([, capability]) => user && can(user.role, capability))
    .map(([k]) => ({
      href: k === "overview" ? "/" : `/${k}`,
      label: k === "reports" ? t("reports.nav") : t(`nav.${k}`),
    }));
  if (user && can(user.role, "viewAudit")) nav.push({ href: "/audit", label: t("auth.nav.audit") });
  return (
    <html lang={locale}>
      <body>
        <a href="#main" className="skip-link">
          {t("app.skipToContent")}
        </a>
        <header className="site-header">
          <div className="inner">
            <div className="brand">
              {committee && <div className="org">{t("app.committee", { name: committee.name })}</div>}
              <p className="app-name">{t("app.fullName")}</p>
            </div>
            <LanguageSwitch />
            {user && <UserMenu user={user} unitName={userUnit?.name ?? "—"} />}
          </div>
        </header>
        {user && <MainNav items={nav} label={t("nav.label")} />}
        {demo && (
          // A landmark of its own, so no content of the page lies outside one (axe: region).
          <aside className="demo-banner" aria-label={t("demo.label")}>
            {t("demo.banner")}
          </aside>
        )}
        {/* The shared client messages; a section's layout adds its own (lib/i18n/client-messages.ts). */}
        <ClientMessages>
          <main id="main" tabIndex={-1}>
            {children}
          </main>
        </ClientMessages>
        <footer className="site-footer">{t("app.footer")}</footer>
      </body>
    </html>
  );
}
