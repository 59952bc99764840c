/**
 * What every database test starts from once migrated: the units structures and the catalogue, and unless a
 * suite says otherwise the demo unit fixture (Trà Bồng, both structures, mapping). The global setup dumps
 * it for PGlite (db/test-global-setup.ts); describeEachEngine builds it on each PostgreSQL clone (db/test-utils.ts).
 */
import type { DbOrTx } from "./client";
import { upsertCatalogue } from "./queries/catalogue";
import { upsertStructures } from "./queries/units";

export async function seedTestStart(db: DbOrTx, demoUnits: boolean): Promise<void> {
  await upsertStructures(db);
  await upsertCatalogue(db);
  if (demoUnits) {
    const { loadDemoUnits } = await import("./bootstrap");
    await loadDemoUnits(db);
  }
}
