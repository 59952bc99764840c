// better-auth's endpoints (sign-in, sign-out, session, change-password), through app/_auth/auth.ts.
import { handleAuthRequest } from "@/app/_auth/auth";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return handleAuthRequest(request);
}

export function POST(request: Request): Promise<Response> {
  return handleAuthRequest(request);
}
