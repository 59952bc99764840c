/**
 * The part of the message catalogue the browser needs: only the namespaces client components read
 * (useTranslations in "use client" files). The rest stays on the server, so every page's HTML does not
 * carry the whole catalogue (it was most of the RSC payload of a small page).
 *
 * Most of those namespaces serve one section of the app (the import page's 9 KB of messages, the entry
 * form's, the sign-in form's): the root layout hands every page only the shared ones, and each section's
 * layout (app/_i18n/client-messages.tsx, <ClientMessages section="…">) adds its own. The overview, compare
 * and a commune's profile carry 1.5 KB of messages instead of 22 KB.
 */

/** Read by client components that any page may show (the generic table, the unit picker, error pages). */
export const SHARED_CLIENT_NAMESPACES = ["dashboard.table", "errors", "scroll", "status", "unitPicker"] as const;

/** Read by the client components of one section only, given by that section's layout. */
export const SECTION_CLIENT_NAMESPACES = {
  account: ["auth.account"],
  admin: ["dashboard.admin"],
  entry: ["approvals", "entryForm", "reports"],
  imports: ["imports"],
  login: ["auth.login"],
  reports: ["reports"],
  setup: ["auth.setup"],
} as const satisfies Record<string, readonly string[]>;

export type ClientSection = keyof typeof SECTION_CLIENT_NAMESPACES;

/** Every namespace some client component reads. */
export const CLIENT_NAMESPACES: readonly string[] = [
  ...new Set([...SHARED_CLIENT_NAMESPACES, ...Object.values(SECTION_CLIENT_NAMESPACES).flat()]),
].sort();

/** The namespaces a page of the section gets: the shared ones and the section's (none: only the shared). */
export function clientNamespaces(section?: ClientSection): readonly string[] {
  return section ? [...SHARED_CLIENT_NAMESPACES, ...SECTION_CLIENT_NAMESPACES[section]] : SHARED_CLIENT_NAMESPACES;
}

type Tree = { [key: string]: string | Tree };

/** The catalogue narrowed to these dotted paths (a path absent from the catalogue is skipped). */
export function pickMessages(messages: Tree, paths: readonly string[] = CLIENT_NAMESPACES): Tree {
  const out: Tree = {};
  for (const p of paths) {
    const keys = p.split(".");
    let src: string | Tree | undefined = messages;
    for (const k of keys) src = typeof src === "object" ? src[k] : undefined;
    if (src === undefined) continue;
    let dst = out;
    for (const k of keys.slice(0, -1)) dst = (dst[k] ??= {}) as Tree;
    dst[keys[keys.length - 1]] = src;
  }
  return out;
}
