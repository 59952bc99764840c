import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CAPABILITIES, ROLES, can, type Capability } from "@/lib/auth/permissions";
import { requireUser } from "../_auth/session";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.denied");
  return { title: t("title") };
}

/** Where requireUser sends a signed-in person whose role may not open a page. */
export default async function DeniedPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  const t = await getTranslations("auth");
  const need = (await searchParams).need;
  const capability: Capability = CAPABILITIES.includes(need as Capability) ? (need as Capability) : "read";
  const holders = ROLES.filter((r) => can(r, capability));
  return (
    <div className="auth-page">
      <h1>{t("denied.title")}</h1>
      <section className="auth-card">
        <p>
          {t("denied.description", {
            role: t(`roles.${user.role}`),
            capability: t(`denied.capabilities.${capability}`),
          })}
        </p>
        <p data-testid="denied-who">
          {holders.length
            ? t("denied.whoHas", { roles: holders.map((r) => t(`roles.${r}`)).join(", ") })
            : t("denied.nobody")}
        </p>
        <p>
          <Link href="/">{t("denied.back")}</Link>
        </p>
      </section>
    </div>
  );
}
