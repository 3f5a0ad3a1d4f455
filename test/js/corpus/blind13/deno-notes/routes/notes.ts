import { Router, send } from "jsr:@oak/oak@^17";
import { join } from "jsr:@std/path@^1";
import { getNote, searchNotes } from "../services/noteRepo.ts";

const UPLOAD_ROOT = Deno.env.get("UPLOAD_ROOT") ?? "/srv/notes/uploads";
const TITLE_PATTERN = /^([\w-]+\s?)*$/;
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export const notesRouter = new Router();

notesRouter.get("/notes/search", async (ctx) => {
  const p = ctx.request.url.searchParams;
  ctx.response.body = await searchNotes(ctx.state.userId, p.get("q") ?? "", p.get("sort") ?? "updated_at DESC");
});

notesRouter.get("/notes/:id", async (ctx) => {
  const note = await getNote(ctx.state.userId, ctx.params.id);
  if (!note) ctx.throw(404);
  const hl = ctx.request.url.searchParams.get("hl");
  const banner = hl ? `<p class="hl">Highlighting: ${hl}</p>` : "";
  ctx.response.type = "text/html";
  ctx.response.body = `${banner}<h1>${esc(note.title)}</h1><article>${esc(note.body)}</article>`; //@vuln CWE-79
});

notesRouter.post("/notes/validate", async (ctx) => {
  const { title } = await ctx.request.body.json();
  ctx.response.body = { ok: TITLE_PATTERN.test(String(title)) }; //@vuln CWE-1333
});

notesRouter.get("/go", (ctx) => {
  const to = ctx.request.url.searchParams.get("to") ?? "/";
  ctx.response.redirect(to); //@vuln CWE-601
});

notesRouter.get("/back", (ctx) => {
  const target = new URL(ctx.request.url.searchParams.get("to") ?? "/", ctx.request.url.origin);
  ctx.response.redirect(target.origin === ctx.request.url.origin ? target.href : "/"); //@safe
});

notesRouter.get("/attachments/:noteId/:name", async (ctx) => {
  ctx.response.body = await Deno.readFile(join(UPLOAD_ROOT, ctx.params.noteId, ctx.params.name)); //@vuln CWE-22
});

notesRouter.get("/public/:name", async (ctx) => {
  await send(ctx, ctx.params.name, { root: join(UPLOAD_ROOT, "public") }); //@safe
});

notesRouter.post("/notes/:id/export", async (ctx) => {
  const { format = "pdf", filename = ctx.params.id } = await ctx.request.body.json();
  const cmd = new Deno.Command("sh", { args: ["-c", `pandoc /srv/notes/md/${ctx.params.id}.md -o /tmp/${filename}.${format}`] }); //@vuln CWE-78
  const { code } = await cmd.output();
  ctx.response.body = { ok: code === 0 };
});

notesRouter.get("/preview", async (ctx) => {
  const res = await fetch(ctx.request.url.searchParams.get("url")!); //@vuln CWE-918
  const title = /<title>([^<]*)<\/title>/i.exec(await res.text())?.[1] ?? "";
  ctx.response.body = { title };
});
