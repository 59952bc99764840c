"use client";

import { messages } from "@/lib/i18n";

// The root layout itself failed (e.g. the database is unreachable): no translations provider exists,
// so both languages are shown.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const vi = messages.vi.errors;
  const en = messages.en.errors;
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
