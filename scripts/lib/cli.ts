/**
 * Shared plumbing for command-line entry points: open the database from the environment (migrated,
 * catalogue seeded), print problems in both languages, exit with a clear code.
 */
import { openDatabase, optionsFromEnv, type Database } from "../../db/client";
import { prepareDatabase } from "../../db/bootstrap";
import { AppError, ValidationError, describeProblem } from "../../lib/errors";

export async function withDatabase<T>(fn: (database: Database) => Promise<T>): Promise<T> {
  const options = optionsFromEnv();
  const database = await openDatabase(options);
  try {
    await prepareDatabase(database, options.url);
    return await fn(database);
  } finally {
    await database.close();
  }
}

/** Run a command's main function; known errors print in Vietnamese and English and exit 1. */
export function runCli(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      if (err instanceof ValidationError) {
        console.error(`${err.messageVi} / ${err.messageEn}`);
        const shown = err.problems.slice(0, 50);
        for (const p of shown) console.error(`  - ${describeProblem(p, "vi")} / ${describeProblem(p, "en")}`);
        if (err.problems.length > shown.length)
          console.error(
            `  … và ${err.problems.length - shown.length} lỗi khác / and ${err.problems.length - shown.length} more`,
          );
      } else if (err instanceof AppError) {
        console.error(`${err.messageVi} / ${err.messageEn}`);
      } else {
        console.error(err instanceof Error ? err.message : String(err));
      }
      process.exit(1);
    },
  );
}

export function usage(text: string): never {
  console.error(text);
  process.exit(2);
}
