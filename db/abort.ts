/**
 * Abandoned requests cancel their queries: the production server runs every GET inside
 * `withAbortSignal(signal, …)` with a signal that aborts when the client goes away before the answer is
 * complete (scripts/server.ts: pages too; never a write, whose work finishes or rolls back on its own), and a
 * GET route of the API runs its work inside `withAbortSignal(req.signal, …)` (also under `next start`); every
 * PostgreSQL query started inside it is cancelled on the server (postgres.js `cancel()`, which
 * sends PostgreSQL's cancel request) when the client goes away. A statement timeout (DB_STATEMENT_TIMEOUT_MS,
 * set on the app's connections) is the last resort for work no signal reaches. PGlite runs in the process
 * and has nothing to cancel.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type postgres from "postgres";

// On globalThis: the production server (scripts/server.ts) gives every request, pages included, its signal
// from its own copy of this module, and Next's bundles each have theirs; one store serves them all.
const storeKey = Symbol.for("dvcq.abortSignalStorage");
type Holder = { [storeKey]?: AsyncLocalStorage<AbortSignal> };
const current = ((globalThis as Holder)[storeKey] ??= new AsyncLocalStorage<AbortSignal>());

/** Run `fn` with `signal` as the abort signal of every query it starts. */
export function withAbortSignal<T>(signal: AbortSignal | undefined | null, fn: () => Promise<T>): Promise<T> {
  return signal ? current.run(signal, fn) : fn();
}

/** Run `fn` outside any request's signal: work shared by every request (opening the database) is not one client's to cancel. */
export function withoutAbortSignal<T>(fn: () => Promise<T>): Promise<T> {
  return current.exit(fn);
}

/** The abort signal of the request being served, if any. */
export function currentAbortSignal(): AbortSignal | undefined {
  return current.getStore();
}

/** Counts of cancelled queries, for tests and logs. */
export const abortStats = { cancelled: 0 };

type Pending = { cancel(): unknown; resolve: (x: unknown) => void; reject: (x: unknown) => void };

/**
 * The queries of each signal still running. One abort listener per signal cancels them all: a page runs dozens
 * of queries under one request's signal, and a listener each (never removed) grew past Node's limit of 10
 * (MaxListenersExceededWarning in the server's log) and held every finished query until the request ended.
 */
const running = new WeakMap<AbortSignal, Set<Pending>>();

/** Ask the server to cancel `query`; it then rejects with 57014 (cancel()'s own promise only acknowledges). */
function cancel(query: Pending): void {
  abortStats.cancelled++;
  Promise.resolve(query.cancel()).catch(() => {});
}

/** Cancel `query` when `signal` aborts, unless it has settled by then (a finished query's connection may run another). */
function cancelOnAbort(query: Pending, signal: AbortSignal): void {
  if (signal.aborted) return cancel(query);
  let queries = running.get(signal);
  if (!queries) {
    const set = (queries = new Set<Pending>());
    running.set(signal, set);
    signal.addEventListener("abort", () => set.forEach(cancel), { once: true });
  }
  const set = queries;
  set.add(query);
  const { resolve, reject } = query;
  query.resolve = (x) => (set.delete(query), resolve(x));
  query.reject = (x) => (set.delete(query), reject(x));
}

/**
 * The same postgres.js client, whose `unsafe` queries (all of drizzle's outside a transaction) are cancelled
 * when the current request's signal aborts. Transactions (writes) are never cancelled this way.
 */
export function cancellableClient(client: postgres.Sql): postgres.Sql {
  return new Proxy(client, {
    get(target, prop) {
      if (prop === "unsafe") {
        return (...args: Parameters<postgres.Sql["unsafe"]>) => {
          const query = target.unsafe(...args);
          const signal = current.getStore();
          if (signal) cancelOnAbort(query as unknown as Pending, signal);
          return query;
        };
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
