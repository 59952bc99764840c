"use server";

import { redirect } from "next/navigation";
import { callAuthFromAction } from "./auth";

/** The header's "Đăng xuất" button: ends the session in the database, drops the cookie, goes to /login. */
export async function signOut(): Promise<void> {
  await callAuthFromAction("/sign-out", {}, { withCookie: true });
  redirect("/login");
}
