import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { listUsers } from "@/db/queries/users";
import { formatDateTime } from "@/lib/format";
import { ROLES } from "@/lib/auth/permissions";
import { STRUCTURES } from "@/lib/periods";
import { requireUser } from "../../_auth/session";
import "../../_components/dashboard.css";
import "../admin.css";
import { createUserAction, setUserActiveAction, updateUserAction } from "./actions";
import { ScrollTable } from "../../_components/ui/scroll-table";
import { UnitFields } from "./_components/unit-fields";
import { UnitPicker } from "../../_components/unit-picker/unit-picker";
import { calendarNow, currentQuarter, structureFor } from "@/lib/calendar";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("adminUsers");
  return { title: t("title") };
}

type SP = Promise<Record<string, string | string[] | undefined>>;

/** Accounts: list, create with a role and a unit, change role or unit, deactivate and reactivate; every change audited. */
export default async function AdminUsersPage({ searchParams }: { searchParams: SP }) {
  const me = await requireUser({ capability: "manageUsers" });
  const t = await getTranslations("adminUsers");
  const ta = await getTranslations("auth");
  const sp = await searchParams;
  const error = typeof sp.error === "string" ? sp.error : undefined;
  const done = typeof sp.done === "string" ? sp.done : undefined;
  const users = await listUsers(await getDb());
  // New accounts default to the unit list in force today (two levels since 1 July 2025).
  const calendarStructure = structureFor(currentQuarter(calendarNow()));
  const roleOptions = ROLES.map((r) => (
    <option key={r} value={r}>
      {ta(`roles.${r}`)}
    </option>
  ));
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="subtitle">
        {t("intro")} <Link href="/audit?action=user_update">{t("auditLink")}</Link>
      </p>
      {error && (
        <p className="card error-box" role="alert">
          {error}
        </p>
      )}
      {done && (
        <p className="card" role="status" data-testid="users-done">
          {t("done", { what: done })}
        </p>
      )}
      <section className="card" aria-labelledby="create-title">
        <h2 id="create-title">{t("createTitle")}</h2>
        <form action={createUserAction} className="user-form" data-testid="create-user">
          <label>
            {t("email")} <input name="email" type="email" required autoComplete="off" />
          </label>
          <label>
            {t("name")} <input name="name" />
          </label>
          <label>
            {t("role")}{" "}
            <select name="role" defaultValue="reporter">
              {roleOptions}
            </select>
          </label>
          <UnitFields
            structureLabel={t("structure")}
            unitLabel={t("unit")}
            structures={STRUCTURES.map((s) => ({ code: s, label: t(`structures.${s}`) }))}
            defaultStructure={calendarStructure}
          />
          <label>
            {t("password")}{" "}
            <input name="password" type="password" required minLength={10} autoComplete="new-password" />
          </label>
          <button type="submit" className="primary">
            {t("create")}
          </button>
        </form>
      </section>
      <section className="card" aria-labelledby="list-title">
        <h2 id="list-title">{t("listTitle", { count: users.length })}</h2>
        <ScrollTable label={t("listTitle", { count: users.length })}>
          <table className="data" data-testid="users-table">
            <thead>
              <tr>
                <th scope="col">{t("email")}</th>
                <th scope="col">{t("roleAndUnit")}</th>
                <th scope="col">{t("lastSignIn")}</th>
                <th scope="col">{t("state")}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id} data-email={u.email}>
                  <th scope="row">
                    {u.email}
                    <span className="cell-note">
                      {u.name}
                      {u.isDemo ? ` · ${t("demo")}` : ""}
                    </span>
                  </th>
                  <td>
                    <form action={updateUserAction} className="row-form">
                      <input type="hidden" name="id" value={u.id} />
                      <input type="hidden" name="structure" value={u.unitStructure} />
                      <select name="role" defaultValue={u.role} aria-label={t("role")}>
                        {roleOptions}
                      </select>{" "}
                      <UnitPicker
                        name="unit"
                        label={t("unit")}
                        source={{ structure: u.unitStructure }}
                        defaultValue={{ code: u.unitCode, name: u.unitName }}
                        required
                      />{" "}
                      <button type="submit" className="secondary">
                        {t("save")}
                      </button>
                    </form>
                  </td>
                  <td className="small">{u.lastSignInAt ? formatDateTime(u.lastSignInAt) : "–"}</td>
                  <td>
                    {u.deactivatedAt ? t("inactive") : t("active")}{" "}
                    {u.id !== me.id && (
                      <form action={setUserActiveAction} className="row-form" style={{ display: "inline-flex" }}>
                        <input type="hidden" name="id" value={u.id} />
                        <input type="hidden" name="active" value={u.deactivatedAt ? "1" : "0"} />
                        <button type="submit" className="secondary">
                          {u.deactivatedAt ? t("reactivate") : t("deactivate")}
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      </section>
    </>
  );
}
