import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { queryRows } from "@/db/client";
import { z } from "zod";
import { int } from "@/db/columns";
import { needsSetup } from "@/db/queries/users";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/permissions";
import { readEnv } from "@/lib/env";
import { getOverseeingUnit } from "../_components/scope";
import { SetupForm } from "./_components/setup-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.setup");
  return { title: t("title") };
}

/** First run: create the administrator. Reachable only while no account exists (then it leads to /login). */
export default async function SetupPage() {
  const db = await getDb();
  if (!(await needsSetup(db))) redirect("/login");
  const t = await getTranslations("auth.setup");
  const overseeing = await getOverseeingUnit(db);
  // The administrator's unit: a province or district of the configured structure.
  const units = await queryRows(
    db,
    sql`select id, code, name from units where structure = ${readEnv().ORG_STRUCTURE} and level <> 'commune' order by
      province_code, level desc, code`,
    z.object({ id: int, code: z.string(), name: z.string() }),
  );
  return (
    <div className="auth-page">
      <h1>{t("title")}</h1>
      <section className="auth-card">
        <p>{t("intro")}</p>
        {units.length === 0 ? (
          <p className="error-text">{t("noUnits")}</p>
        ) : (
          <SetupForm
            units={units.map((u) => ({ id: u.id, label: `${u.name} (${u.code})` }))}
            defaultUnitId={overseeing?.id ?? units[0].id}
            minPassword={MIN_PASSWORD_LENGTH}
          />
        )}
      </section>
    </div>
  );
}
