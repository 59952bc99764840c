/**
 * The part of the message catalogue the browser needs: only the namespaces client components read
 * (useTranslations in "use client" files). The rest stays on the server, so every page's HTML does not
 * carry the whole catalogue (it was most of the RSC payload of a small page).
 */
export const CLIENT_NAMESPACES = [
  "approvals",
  "auth.account",
  "auth.login",
  "auth.setup",
  "dashboard.admin",
  "dashboard.table",
  "entryForm",
  "errors",
  "imports",
  "reports",
  "scroll",
  "status",
  "unitPicker",
] as const;

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
