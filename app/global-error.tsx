"use client";

// The core catalogues only (a few kilobytes), not "@/lib/i18n", whose sections would put every message of
// the app in every page's first-load JavaScript (this file is part of every page's bundle).
import { en as enCore } from "@/lib/i18n/en";
import { vi as viCore } from "@/lib/i18n/vi";

// The root layout itself failed (e.g. the database is unreachable): no translations provider exists,
// so both languages are shown.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const vi = viCore.errors;
  const en = enCore.errors;
  return (
    <html lang="vi">
      <body style={{ fontFamily: "system-ui, sans-serif", padding: 24 }}>
        <h1>{vi.title}</h1>
        <p>{vi.description}</p>
        <p lang="en">{en.description}</p>
        {error.digest && <p>{vi.reference.replace("{digest}", error.digest)}</p>}
        <button type="button" onClick={() => reset()}>
          {vi.retry} / {en.retry}
        </button>
      </body>
    </html>
  );
}
