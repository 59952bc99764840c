// better-auth's endpoints (sign-in, sign-out, session, change-password), through app/_auth/auth.ts.
// better-auth shapes its own answers (its clients and our sign-in actions read them); what we shape is a
// failure it throws, which errorResponse turns into the one error shape instead of a bare 500 page.
import { handleAuthRequest } from "@/app/_auth/auth";
import { errorResponse } from "../../_lib/http";

export const dynamic = "force-dynamic";

async function handle(request: Request): Promise<Response> {
  try {
    return await handleAuthRequest(request);
  } catch (err) {
    return errorResponse(err);
  }
}

export function GET(request: Request): Promise<Response> {
  return handle(request);
}

export function POST(request: Request): Promise<Response> {
  return handle(request);
}
