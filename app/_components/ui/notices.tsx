import { getTranslations } from "next-intl/server";
import type { ViewContext } from "../view-context";

/** Says which selections of the address could not be used and what is shown instead. */
export async function ViewNotices({ notices }: { notices: ViewContext["notices"] }) {
  if (notices.length === 0) return null;
  const t = await getTranslations("dashboard.notices");
  return (
    <div className="notice" role="status">
      {notices.map((n) => (
        <p key={n}>{t(n)}</p>
      ))}
    </div>
  );
}
