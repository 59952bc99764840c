// Open (migrate, seed) the database when the server starts, so the first visitor does not wait for it.
// Not during `next build`: a build must never touch (or lock) the data folder the server will use.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build") {
    const { getDatabase } = await import("./db/global");
    await getDatabase();
  }
}
