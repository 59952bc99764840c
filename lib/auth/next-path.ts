/**
 * Where to go after signing in: a path of this app from the `next` parameter, never another site
 * ("//evil.example", "https://…", "/\\evil") and never back to /login or /setup.
 * @example safeNextPath("/compare?period=2025Q1") → "/compare?period=2025Q1"; safeNextPath("//evil.example") → "/"
 */
export function safeNextPath(value: unknown): string {
  if (typeof value !== "string" || value.length > 2000) return "/";
  if (!value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return "/";
  if (/[\u0000-\u001f]/.test(value)) return "/";
  const path = value.split(/[?#]/)[0];
  if (
    path === "/login" ||
    path === "/setup" ||
    path.startsWith("/login/") ||
    path.startsWith("/setup/") ||
    path.startsWith("/api/")
  )
    return "/";
  return value;
}
