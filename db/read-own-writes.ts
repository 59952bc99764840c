/**
 * Set on a response after a write (an import committed, a revert, an approval, a target …) when a read
 * replica is configured: for that many seconds the writer's own reads go to the primary (db/index.ts
 * getReadDb), so the page they open next shows what they just wrote even if the replica is a moment
 * behind. Set by app/api/_lib/wrote.ts.
 */
export const READ_OWN_WRITES_COOKIE = "dvcq.wrote";
export const READ_OWN_WRITES_SECONDS = 10;
