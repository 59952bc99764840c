import type { ReactNode } from "react";
import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import { clientNamespaces, pickMessages, type ClientSection } from "@/lib/i18n/client-messages";
import { getLocale } from "./locale";

/**
 * The messages the client components of a page may read: the shared namespaces, plus the section's own when
 * a section layout names it (lib/i18n/client-messages.ts). A nested provider replaces the one above it.
 */
export async function ClientMessages({ section, children }: { section?: ClientSection; children: ReactNode }) {
  const [locale, messages] = await Promise.all([getLocale(), getMessages()]);
  return (
    <NextIntlClientProvider locale={locale} messages={pickMessages(messages as never, clientNamespaces(section))}>
      {children}
    </NextIntlClientProvider>
  );
}
