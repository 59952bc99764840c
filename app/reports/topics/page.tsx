import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getTopicSideBySide } from "@/db/queries/reports-read";
import { formatPeriod } from "@/lib/format";
import { ALL_TOPICS, isTopic } from "@/lib/reports/topics";
import { getLocale } from "../../_i18n/locale";
import { requireUser } from "../../_auth/session";
import { knownPeriods, reportsContext } from "../_components/context";
import { ReportsNav } from "../_components/reports-nav";
import "../reports.css";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("reports.topics");
  return { title: t("title") };
}

const PARTS = ["results", "tasks", "all"] as const;

/** Đọc theo chủ đề: one topic of one period, every commune of the scope side by side. */
export default async function TopicsPage({
  searchParams,
}: {
  searchParams: Promise<{ topic?: string; period?: string; part?: string }>;
}) {
  await requireUser({ capability: "read" });
  const t = await getTranslations("reports");
  const locale = await getLocale();
  const sp = await searchParams;
  const { db, scope, unit } = await reportsContext();
  const periods = await knownPeriods();
  const topic = isTopic(sp.topic) ? sp.topic : "reception";
  const period = sp.period && periods.includes(sp.period) ? sp.period : (periods[0] ?? "");
  const part = (PARTS as readonly string[]).includes(sp.part ?? "") ? (sp.part as (typeof PARTS)[number]) : "results";
  const columns = period
    ? await getTopicSideBySide(db, {
        scope,
        scopeUnitId: unit.id,
        period,
        topic,
        part: part === "all" ? undefined : part,
      })
    : [];
  return (
    <>
      <h1>{t("topics.title")}</h1>
      <p className="subtitle">{t("topics.intro")}</p>
      <ReportsNav current="topics" />
      <form method="get" className="card inline-form" aria-label={t("topics.title")}>
        <label htmlFor="topic">{t("topics.topic")}</label>
        <select id="topic" name="topic" defaultValue={topic}>
          {ALL_TOPICS.map((tp) => (
            <option key={tp} value={tp}>
              {t(`topicNames.${tp}`)}
            </option>
          ))}
        </select>
        <label htmlFor="period">{t("topics.period")}</label>
        <select id="period" name="period" defaultValue={period}>
          {periods.map((p) => (
            <option key={p} value={p}>
              {formatPeriod(p, locale)}
            </option>
          ))}
        </select>
        <label htmlFor="part">{t("topics.part")}</label>
        <select id="part" name="part" defaultValue={part}>
          <option value="results">{t("topics.partResults")}</option>
          <option value="tasks">{t("topics.partTasks")}</option>
          <option value="all">{t("topics.partAll")}</option>
        </select>
        <button type="submit" className="secondary small-button">
          {t("topics.show")}
        </button>
      </form>
      <h2>
        {t(`topicNames.${topic}`)} — {period ? formatPeriod(period, locale) : "—"}
      </h2>
      <div className="topic-columns">
        {columns.map((c) => (
          <section className="card" key={c.unit.code} aria-labelledby={`col-${c.unit.code}`}>
            <h3 id={`col-${c.unit.code}`}>
              {c.reportId ? <Link href={`/reports/${c.reportId}`}>{c.unit.name}</Link> : c.unit.name}
            </h3>
            {!c.reportId ? (
              <p className="muted">{t("topics.noReport")}</p>
            ) : c.items.length === 0 ? (
              <p className="muted">{t("topics.silent")}</p>
            ) : (
              c.items.map((it) => (
                <div className="report-item" key={`${it.part}.${it.number}`}>
                  <h4>
                    <Link href={`/reports/${c.reportId}#item-${it.part}-${it.number}`}>
                      {it.part}.{it.number}
                    </Link>{" "}
                    {it.title}
                  </h4>
                  <p className="item-text small">{it.text}</p>
                  {(
                    it.repetition as {
                      share: number;
                      source: { unit: { name: string }; period: string; part: string; number: number };
                    }[]
                  ).map((r, i) => (
                    <p className="small check-differ" key={i}>
                      {t("report.recycled", {
                        share: `${Math.round(r.share * 100)}%`,
                        source:
                          `${r.source.unit.name}, ` +
                          `${formatPeriod(r.source.period, locale)}, ${r.source.part}.${r.source.number}`,
                      })}
                    </p>
                  ))}
                </div>
              ))
            )}
          </section>
        ))}
      </div>
    </>
  );
}
