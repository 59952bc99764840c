import { expect, test as setup } from "@playwright/test";

// Sign in once as the demo administrator (README "Accounts") and keep the session for the other specs.
setup("sign in as the demo administrator", async ({ request, baseURL }) => {
  const res = await request.post("/api/auth/sign-in/email", {
    data: { email: "admin@demo.local", password: "demo-admin" },
    headers: { origin: baseURL! },
  });
  expect(res.status()).toBe(200);
  await request.storageState({ path: "./data/e2e-auth/admin.json" });
});
