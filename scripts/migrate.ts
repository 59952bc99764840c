/** npm run db:migrate — apply the committed migrations and seed the catalogue (the app also does this at start). */
import { runCli, withDatabase } from "./lib/cli";

runCli(async () => {
  const location = await withDatabase(async (d) => `${d.engine} (${d.location})`);
  console.log(`Cơ sở dữ liệu đã cập nhật / database up to date: ${location}`);
});
