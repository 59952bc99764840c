// Open (migrate, seed) the database when the server starts, so the first visitor does not wait for it.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { getDatabase } = await import("./db/global");
    await getDatabase();
  }
}
