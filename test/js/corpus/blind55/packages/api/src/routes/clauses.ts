import Router from "@koa/router";
import { ObjectId } from "mongodb";
import { requireUser, isInPracticeGroup, findColleagueByEmail, SessionUser } from "../auth";
import { annotations } from "../db";
import { Clause } from "../repositories/contractRepository";

const router = new Router({ prefix: "/api/clauses" });
router.use(requireUser);

function escapeRegExp(input: string): string {
  return input.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

async function firmClauses(firmId: string) {
  return Clause.query().where("firm_id", firmId).select("id", "heading", "body", "category");
}

// Power users can search the clause library with a pattern, e.g. "indemnif(y|ication)".
router.get("/search", async (ctx) => {
  const user = ctx.state.user as SessionUser;
  const pattern = String(ctx.query.pattern ?? "");
  const matcher = new RegExp(pattern, "im");  //@vuln CWE-1333
  const clauses = await firmClauses(user.firmId);
  ctx.body = clauses.filter((c) => matcher.test(c.body) || matcher.test(c.heading));
});

router.get("/lookup", async (ctx) => {
  const user = ctx.state.user as SessionUser;
  const term = String(ctx.query.term ?? "").slice(0, 100);
  const matcher = new RegExp(escapeRegExp(term), "i");  //@safe
  const clauses = await firmClauses(user.firmId);
  ctx.body = clauses.filter((c) => matcher.test(c.heading));
});

router.get("/by-group/:group", async (ctx) => {
  const user = ctx.state.user as SessionUser;
  const colleague = await findColleagueByEmail(user.email);
  if (!colleague || !(await isInPracticeGroup(colleague.dn, ctx.params.group))) {
    ctx.throw(403, "Not a member of this practice group");
  }
  ctx.body = await Clause.query().where({ firm_id: user.firmId, category: ctx.params.group });
});

// --- annotations (MongoDB) -------------------------------------------------

router.post("/:clauseId/annotations/query", async (ctx) => {
  const user = ctx.state.user as SessionUser;
  const { author, resolved } = ctx.request.body as { author?: unknown; resolved?: unknown };
  const coll = await annotations();
  const filter: Record<string, unknown> = { clauseId: ctx.params.clauseId, firmId: user.firmId };
  if (author !== undefined) filter.author = author;
  if (resolved !== undefined) filter.resolved = resolved;
  ctx.body = await coll.find(filter).sort({ createdAt: -1 }).limit(100).toArray();  //@vuln CWE-943
});

router.get("/:clauseId/annotations/by-reviewer", async (ctx) => {
  const user = ctx.state.user as SessionUser;
  const reviewer = String(ctx.query.reviewer ?? "");
  const coll = await annotations();
  ctx.body = await coll  //@vuln CWE-943
    .find({ firmId: user.firmId, $where: `this.reviewer == '${reviewer}' && !this.resolved` })
    .toArray();
});

router.get("/:clauseId/annotations/mine", async (ctx) => {
  const user = ctx.state.user as SessionUser;
  const coll = await annotations();
  const status = ctx.query.status === "resolved";
  ctx.body = await coll.find({ clauseId: String(ctx.params.clauseId), author: user.email, resolved: status }).toArray();  //@safe
});

router.post("/:clauseId/annotations/:annotationId/resolve", async (ctx) => {
  const user = ctx.state.user as SessionUser;
  const coll = await annotations();
  await coll.updateOne(
    { _id: new ObjectId(ctx.params.annotationId), firmId: user.firmId },
    { $set: { resolved: true, resolvedBy: user.email } },
  );
  ctx.status = 204;
});

// Clears the caller's own annotations on a clause, optionally for one author alias.
router.post("/:clauseId/annotations/clear", async (ctx) => {
  const user = ctx.state.user as SessionUser;
  const { author = user.email } = ctx.request.body as { author?: unknown };
  const coll = await annotations();
  const { deletedCount } = await coll.deleteMany({ firmId: user.firmId, clauseId: ctx.params.clauseId, author });  //@vuln CWE-943
  ctx.body = { deleted: deletedCount };
});

router.post("/:clauseId/annotations", async (ctx) => {
  const user = ctx.state.user as SessionUser;
  const { body, contractId } = ctx.request.body as { body: string; contractId: string };
  const coll = await annotations();
  const result = await coll.insertOne({
    clauseId: ctx.params.clauseId,
    contractId: String(contractId),
    firmId: user.firmId,
    author: user.email,
    body: String(body),
    resolved: false,
    createdAt: new Date(),
  });
  ctx.status = 201;
  ctx.body = { id: result.insertedId };
});

export default router;
