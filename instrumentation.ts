// Open (migrate, seed) the database when the server starts, so the first visitor does not wait for it.
// Not during `next build`: a build must never touch (or lock) the data folder the server will use.
// A database that is not reachable yet (PostgreSQL still starting) must not fail the hook: Next would
// then answer 500 to every request for good. The failure is logged and the first request opens it again
// (db/global.ts does not cache a failed open), answering 503 db_unavailable until the database is there.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build") {
    const { getDatabase } = await import("./db/global");
    try {
      await getDatabase();
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      console.error(
        `Chưa mở được cơ sở dữ liệu khi khởi động, sẽ thử lại ở yêu cầu sau / could not open the database at ` +
          `start, will retry on the next request: ${detail}`,
      );
    }
  }
}
