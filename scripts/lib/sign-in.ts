/**
 * Signing in to a running app the way a browser does (POST /api/auth/sign-in/email with an Origin), for the
 * tests and benchmarks that drive a built server: the answer's status and the session cookie to send back.
 */
export async function signIn(
  base: string,
  account: { email: string; password: string },
): Promise<{ status: number; cookie: string }> {
  const res = await fetch(`${base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify(account),
  });
  await res.arrayBuffer();
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return { status: res.status, cookie };
}
