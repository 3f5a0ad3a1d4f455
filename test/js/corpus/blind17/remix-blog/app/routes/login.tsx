import { json, redirect, type ActionFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { createHash } from "node:crypto";
import { knex } from "~/models/post.server";
import { safeRedirect, sessionStorage } from "~/utils/session.server";

async function verifyLogin(email: string, password: string) {
  const user = await knex("users").where({ email }).first();
  if (!user) return null;
  const hashed = createHash("sha1").update(password).digest("hex"); //@vuln CWE-327|CWE-328
  return hashed === user.password_sha1 ? user : null;
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const email = String(form.get("email") ?? "");
  const password = String(form.get("password") ?? "");
  const user = await verifyLogin(email, password);
  if (!user) return json({ error: "Invalid email or password" }, { status: 400 });

  const session = await sessionStorage.getSession(request.headers.get("Cookie"));
  session.set("userId", user.id);
  session.set("role", user.role);
  const headers = { "Set-Cookie": await sessionStorage.commitSession(session) };

  if (form.get("intent") === "sso-return") {
    return redirect(String(form.get("returnUrl")), { headers }); //@vuln CWE-601
  }
  return redirect(safeRedirect(form.get("redirectTo"), "/dashboard"), { headers }); //@safe
}

export default function Login() {
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <Form method="post" className="mx-auto max-w-sm space-y-3">
      <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/dashboard"} />
      <input name="email" type="email" required />
      <input name="password" type="password" required />
      {data?.error ? <p className="text-red-600">{data.error}</p> : null}
      <button type="submit">Sign in</button>
    </Form>
  );
}
