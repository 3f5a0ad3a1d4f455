import { Hono } from "hono";
import type { AppEnv } from "../index";
import * as repo from "../repo/notes";
import { buildFilter, deepMerge, mergeSettings, termMatcher } from "../../../shared/objects";

const notes = new Hono<AppEnv>();

notes.get("/", async (c) => {
  const sort = c.req.query("sort") ?? "updated_at";
  const dir = c.req.query("dir") === "asc" ? "ASC" : "DESC";
  const rows = await repo.listNotes(c.env.DB, c.get("userId"), sort, dir);
  return c.json(rows);
});

notes.get("/pinned", async (c) => {
  const rows = await repo.listPinned(c.env.DB, c.get("userId"), c.req.query("sort") ?? "updated_at");
  return c.json(rows);
});

notes.get("/search", async (c) => {
  const q = (c.req.query("q") ?? "").trim();
  const rows = await repo.searchNotes(c.env.DB, c.get("userId"), q, c.req.query("tag"));
  return c.json(rows);
});

// "Advanced filter" in the sidebar: the user types a regex and we filter titles/bodies.
notes.post("/filter", async (c) => {
  const { pattern, field = "title" } = await c.req.json<{ pattern: string; field?: "title" | "body" }>();
  const rows = await repo.listNotes(c.env.DB, c.get("userId"), "updated_at", "DESC");
  const re = buildFilter(pattern);
  return c.json(rows.filter((n) => re.test(String(n[field] ?? ""))));
});

notes.get("/highlight", async (c) => {
  const term = c.req.query("term") ?? "";
  const rows = await repo.listNotes(c.env.DB, c.get("userId"), "updated_at", "DESC");
  const matcher = termMatcher(term);
  return c.json(rows.filter((n) => matcher.test(n.title)).map((n) => ({ id: n.id, title: n.title })));
});

notes.get("/stats/daily", async (c) => {
  if (c.get("role") !== "admin") return c.json({ error: "forbidden" }, 403);
  const from = c.req.query("from") ?? "2024-01-01";
  const to = c.req.query("to") ?? new Date().toISOString().slice(0, 10);
  return c.json(await repo.countCreatedByDay(c.env.DB, from, to));
});

notes.put("/preferences", async (c) => {
  const key = `prefs:${c.get("userId")}`;
  const current = JSON.parse((await c.env.CACHE.get(key)) ?? "{}");
  const next = mergeSettings(current, await c.req.json());
  await c.env.CACHE.put(key, JSON.stringify(next));
  return c.json(next);
});

notes.post("/bulk-delete", async (c) => {
  const { ids } = await c.req.json<{ ids: string[] }>();
  if (!Array.isArray(ids) || ids.length === 0) return c.json({ deleted: 0 });
  const deleted = await repo.deleteNotes(c.env.DB, c.get("userId"), ids);
  await c.env.CACHE.delete(`list:${c.get("userId")}`);
  return c.json({ deleted });
});

notes.post("/bulk-archive", async (c) => {
  const { ids } = await c.req.json<{ ids: string[] }>();
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > 100) return c.json({ archived: 0 });
  return c.json({ archived: await repo.archiveNotes(c.env.DB, c.get("userId"), ids.map(String)) });
});

notes.get("/:id", async (c) => {
  const note = await repo.getNote(c.env.DB, c.req.param("id"), c.get("userId"));
  return note ? c.json(note) : c.notFound();
});

notes.patch("/:id/meta", async (c) => {
  const note = await repo.getNote(c.env.DB, c.req.param("id"), c.get("userId"));
  if (!note) return c.notFound();
  const meta = JSON.parse(note.meta || "{}");
  deepMerge(meta, await c.req.json());
  await repo.updateMeta(c.env.DB, note.id, c.get("userId"), JSON.stringify(meta));
  return c.json(meta);
});

notes.get("/:id/comments", async (c) => {
  const note = await repo.getNote(c.env.DB, c.req.param("id"), c.get("userId"));
  if (!note) return c.notFound();
  return c.json(await repo.listComments(c.env.DB, note.id));
});

notes.post("/:id/comments", async (c) => {
  const { body } = await c.req.json<{ body: string }>();
  if (!body || body.length > 10_000) return c.json({ error: "invalid comment" }, 400);
  const note = await repo.getNote(c.env.DB, c.req.param("id"), c.get("userId"));
  if (!note) return c.notFound();
  await repo.addComment(c.env.DB, note.id, c.get("userId"), body);
  return c.body(null, 201);
});

export default notes;
