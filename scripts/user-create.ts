/**
 * npm run user:create -- --email E --role admin|analyst|reporter|viewer --unit CODE [--structure 2025-06|2025-07] [--name N] [--password P]
 * Creates an account for automation (the same as the first-run setup or an administrator would).
 * Without --password the password comes from USER_PASSWORD, else one is generated and printed once.
 */
import os from "node:os";
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { getUnitByCode } from "../db/queries/units";
import { insertUser } from "../db/queries/users";
import { isRole, ROLES } from "../lib/auth/permissions";
import { STRUCTURES, type StructureCode } from "../lib/periods";
import { readEnv } from "../lib/env";
import { AppError } from "../lib/errors";
import { runCli, usage, withDatabase } from "./lib/cli";

const USAGE =
  "Cách dùng / usage: npm run user:create -- --email E --role admin|analyst|reporter|viewer --unit CODE " +
  "[--structure 2025-06|2025-07] [--name N] [--password P]\n" +
  "  Không có --password: lấy từ biến USER_PASSWORD, nếu không có thì tạo ngẫu nhiên và in ra một lần. / " +
  "Without --password: USER_PASSWORD, else a generated one printed once.";

runCli(async () => {
  const { values } = parseArgs({
    options: {
      email: { type: "string" },
      role: { type: "string" },
      unit: { type: "string" },
      structure: { type: "string" },
      name: { type: "string" },
      password: { type: "string" },
    },
  });
  if (!values.email || !values.role || !values.unit) usage(USAGE);
  if (!isRole(values.role))
    usage(`Vai trò phải là một trong / the role must be one of: ${ROLES.join(", ")}.\n${USAGE}`);
  const structure = (values.structure ?? readEnv().ORG_STRUCTURE) as StructureCode;
  if (!STRUCTURES.includes(structure)) usage(`--structure: 2025-06 | 2025-07.\n${USAGE}`);
  const supplied = values.password ?? process.env.USER_PASSWORD?.trim();
  const password = supplied || randomBytes(12).toString("base64url");
  const role = values.role;
  const email = values.email;
  const user = await withDatabase(async ({ db }) => {
    const unit = await getUnitByCode(db, { structure, code: values.unit! });
    if (!unit) {
      throw new AppError(
        "unit_unknown",
        `Không có đơn vị mã ${values.unit} trong danh mục ${structure}.`,
        `No unit with code ${values.unit} in the ${structure} unit list.`,
      );
    }
    return insertUser(db, {
      email,
      name: values.name ?? email,
      role,
      unitId: unit.id,
      password,
      actor: { userId: null, email: `cli:${os.userInfo().username}` },
    });
  });
  console.log(
    `Đã tạo tài khoản / created account: ${user.email} (${user.role}, unit id ${user.unitId}, id ${user.id})`,
  );
  if (!supplied) console.log(`Mật khẩu (chỉ hiện một lần) / password (shown once): ${password}`);
});
