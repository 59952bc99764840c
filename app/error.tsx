"use client";

import { useTranslations } from "next-intl";

/** Shown when a page fails to render: plain words, a retry, and a reference for the administrator. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errors");
  return (
    <section className="card error-box" role="alert">
      <h1>{t("title")}</h1>
      <p>{t("description")}</p>
      {error.digest && <p className="muted">{t("reference", { digest: error.digest })}</p>}
      <button type="button" className="primary" onClick={() => reset()}>
        {t("retry")}
      </button>
    </section>
  );
}
