import type { ReactNode } from "react";
import { ClientMessages } from "../../../_i18n/client-messages";

/** The section's client messages (lib/i18n/client-messages.ts) on top of the shared ones. */
export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages section="entry">{children}</ClientMessages>;
}
