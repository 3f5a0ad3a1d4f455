import { Application } from "jsr:@oak/oak@^17";
import { verify } from "jsr:@zaubrik/djwt@^3";
import { notesRouter } from "./routes/notes.ts";

const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(Deno.env.get("SESSION_SECRET")), { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
const app = new Application();

app.use(async (ctx, next) => {
  const token = await ctx.cookies.get("notes_session");
  if (!token) ctx.throw(401);
  const payload = await verify(token, key); //@safe
  ctx.state.userId = String(payload.sub);
  await next();
});

app.use(notesRouter.routes(), notesRouter.allowedMethods());
await app.listen({ port: Number(Deno.env.get("PORT") ?? 8000) });
