import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { searchReports } from "@/db/queries/reports-search";
import { formatPeriod } from "@/lib/format";
import { ALL_TOPICS, isTopic } from "@/lib/reports/topics";
import { getLocale } from "../../_i18n/locale";
import { requireUser } from "../../_auth/session";
import { knownPeriods, reportsContext } from "../_components/context";
import { ReportsNav } from "../_components/reports-nav";
import "../reports.css";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("reports.search");
  return { title: t("title") };
}

/** Search in the reports the reader may see: without diacritics, phrases in quotes, by topic and period. */
export default async function SearchPage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string; topic?: string; period?: string }>;
}) {
  await requireUser({ capability: "read" });
  const t = await getTranslations("reports");
  const locale = await getLocale();
  const sp = await searchParams;
  const { db, scope } = await reportsContext();
  const periods = await knownPeriods();
  const q = (sp.q ?? "").trim().slice(0, 200);
  const topic = isTopic(sp.topic) ? sp.topic : undefined;
  const period = sp.period && periods.includes(sp.period) ? sp.period : undefined;
  const result = q
    ? await searchReports(db, { q, scope, topic, periods: period ? [period] : undefined, limit: 50 })
    : null;
  return (
    <>
      <h1>{t("search.title")}</h1>
      <ReportsNav current="search" />
      <form method="get" role="search" className="card inline-form">
        <label htmlFor="q">{t("search.label")}</label>
        <input id="q" name="q" type="search" defaultValue={q} size={40} />
        <label htmlFor="s-topic">{t("search.topic")}</label>
        <select id="s-topic" name="topic" defaultValue={topic ?? ""}>
          <option value="">{t("search.anyTopic")}</option>
          {ALL_TOPICS.map((tp) => (
            <option key={tp} value={tp}>
              {t(`topicNames.${tp}`)}
            </option>
          ))}
        </select>
        <label htmlFor="s-period">{t("search.period")}</label>
        <select id="s-period" name="period" defaultValue={period ?? ""}>
          <option value="">{t("search.anyPeriod")}</option>
          {periods.map((p) => (
            <option key={p} value={p}>
              {formatPeriod(p, locale)}
            </option>
          ))}
        </select>
        <button type="submit" className="primary small-button">
          {t("search.submit")}
        </button>
      </form>
      {result && (
        <section className="card" aria-labelledby="hits-title">
          <h2 id="hits-title">
            {t(result.capped ? "search.resultsCapped" : "search.results", { total: result.total })}
          </h2>
          {result.hits.length === 0 ? (
            <p>{t("search.none")}</p>
          ) : (
            <ol className="search-hits">
              {result.hits.map((h) => (
                <li key={`${h.reportId}-${h.part}-${h.number}`}>
                  <p className="small muted">
                    <Link href={`/reports/${h.reportId}#item-${h.part}-${h.number}`}>
                      {t("search.from", {
                        unit: h.unit.name,
                        period: formatPeriod(h.period, locale),
                        part: h.part,
                        number: h.number,
                      })}
                    </Link>{" "}
                    · {t(`topicNames.${h.topic}` as "topicNames.other")}
                  </p>
                  {/* snippetHtml escapes the text; only <mark> is markup. */}
                  <p dangerouslySetInnerHTML={{ __html: h.snippet }} />
                </li>
              ))}
            </ol>
          )}
        </section>
      )}
    </>
  );
}
