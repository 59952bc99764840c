/**
 * npm run token:create -- --email E [--name N]
 * Prints a new API token for that user, once (only its SHA-256 is stored). The token carries the
 * user's role and scope; send it as Authorization: Bearer <token>. Revoke it on /account.
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { createApiToken } from "../db/queries/tokens";
import { getUserByEmail } from "../db/queries/users";
import { AppError } from "../lib/errors";
import { runCli, usage, withDatabase } from "./lib/cli";

const USAGE = "Cách dùng / usage: npm run token:create -- --email E [--name N]";

runCli(async () => {
  const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" } } });
  if (!values.email) usage(USAGE);
  const email = values.email;
  const token = await withDatabase(async ({ db }) => {
    const user = await getUserByEmail(db, email);
    if (!user) throw new AppError("user_not_found", `Không có tài khoản ${email}.`, `No account ${email}.`);
    const created = await createApiToken(db, {
      userId: user.id,
      name: values.name ?? `cli ${new Date().toISOString().slice(0, 10)}`,
      actor: { userId: null, email: `cli:${os.userInfo().username}` },
    });
    return created.token;
  });
  // The token alone on stdout, so `TOKEN=$(npm run -s token:create -- --email …)` works.
  console.log(token);
});
