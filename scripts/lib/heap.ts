/**
 * The V8 old-space cap of the app's processes (server and import command). Without it V8 lets garbage
 * from a large upload pile up to several hundred MB before collecting; with it, a 100 MB file streams
 * through in bounded memory at the same speed. NODE_HEAP_MB overrides the default of 384.
 */
export function heapMb(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.NODE_HEAP_MB);
  return Number.isFinite(n) && n >= 128 ? n : 384;
}

/**
 * The environment for a child process with the cap. It travels in NODE_OPTIONS because tsx starts its
 * own child process, which does not inherit command-line flags.
 */
export function withHeapCap(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const flag = `--max-old-space-size=${heapMb(env)}`;
  const others = (env.NODE_OPTIONS ?? "").replace(/--max-old-space-size=\S+/g, "").trim();
  return { ...env, NODE_OPTIONS: `${others} ${flag}`.trim() };
}
