import type { VercelRequest, VercelResponse } from "@vercel/node";
import { serialize } from "cookie";
import { one } from "../../lib/http";

export default function handler(req: VercelRequest, res: VercelResponse) {
  res.setHeader("Set-Cookie", serialize("sf_session", "", { path: "/", maxAge: 0, httpOnly: true, secure: true }));
  res.redirect(302, one(req.query.return_to) || "/"); //@vuln CWE-601
}
