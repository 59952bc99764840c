import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { AuthUser } from "@/lib/auth/permissions";
import { signOut } from "./sign-out-action";

/** The header's account block: who is signed in, their role and unit, the account page, sign out. */
export async function UserMenu({ user, unitName }: { user: AuthUser; unitName: string }) {
  const t = await getTranslations("auth");
  return (
    <nav className="user-menu" aria-label={t("menu.label")}>
      <div className="user-menu-who">
        <span className="user-menu-name">{user.name}</span>
        {user.isDemo && <span className="demo-account-badge">{t("menu.demo")}</span>}
        <span className="user-menu-role">{t("menu.roleUnit", { role: t(`roles.${user.role}`), unit: unitName })}</span>
      </div>
      <Link href="/account" className="user-menu-link">
        {t("menu.account")}
      </Link>
      <form action={signOut}>
        <button type="submit" className="user-menu-signout">
          {t("menu.signOut")}
        </button>
      </form>
    </nav>
  );
}
