import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** The three views of narrative reports, the current one marked for screen readers. */
export async function ReportsNav({ current }: { current: "grid" | "topics" | "search" }) {
  const t = await getTranslations("reports.links");
  const links = [
    { key: "grid", href: "/reports" },
    { key: "topics", href: "/reports/topics" },
    { key: "search", href: "/reports/search" },
  ] as const;
  return (
    <nav aria-label={t("grid")} className="reports-nav">
      <ul>
        {links.map((l) => (
          <li key={l.key}>
            <Link href={l.href} aria-current={current === l.key ? "page" : undefined}>
              {t(l.key)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
