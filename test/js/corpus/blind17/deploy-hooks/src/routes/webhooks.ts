import type { FastifyPluginAsync } from "fastify";
import { spawn, execFile } from "node:child_process";
import { storeEvent } from "../lib/db";
import { legacySignature, verifyGithubSignature } from "../lib/signature";
import { notifyQueue } from "../lib/queue";

const HOOK_SECRET = process.env.HOOK_SECRET ?? "";
const WORKDIR = process.env.DEPLOY_WORKDIR ?? "/srv/deploy";
const EMAIL_RE = /^([a-zA-Z0-9_.-]+)+@([a-zA-Z0-9-]+\.)+[a-zA-Z]{2,}$/;

type PushEvent = {
  ref: string;
  repository: { clone_url: string; full_name: string };
  pusher: { email: string };
  callbackUrl?: string;
  mapper?: string;
};

const webhooks: FastifyPluginAsync = async (app) => {
  app.post<{ Body: PushEvent }>("/github", async (request, reply) => {
    const raw = (request as { rawBody?: string }).rawBody ?? "";
    if (!verifyGithubSignature(HOOK_SECRET, raw, request.headers["x-hub-signature-256"] as string)) {
      return reply.code(401).send({ error: "bad signature" });
    }
    const { ref, repository, pusher } = request.body;
    storeEvent("github", "push", request.body);

    const branch = ref.replace("refs/heads/", "");
    const child = spawn("git", ["clone", "--depth=1", "-b", branch, repository.clone_url], { cwd: WORKDIR, shell: true }); //@vuln CWE-78
    child.on("exit", (code) => request.log.info({ code, repo: repository.full_name }, "clone finished"));

    if (pusher?.email && EMAIL_RE.test(pusher.email)) { //@vuln CWE-1333
      request.log.info({ who: pusher.email }, "push received");
    }
    return reply.code(202).send({ queued: true });
  });

  app.post<{ Body: PushEvent }>("/legacy", async (request, reply) => {
    const raw = (request as { rawBody?: string }).rawBody ?? "";
    if (legacySignature(HOOK_SECRET, raw) !== request.headers["x-signature"]) {
      return reply.code(401).send({ error: "bad signature" });
    }
    storeEvent("legacy", "deploy", request.body);
    execFile("git", ["-C", WORKDIR, "pull", "--ff-only"], (err) => { //@safe
      if (err) request.log.error(err, "pull failed");
    });
    if (request.body.callbackUrl) {
      await notifyQueue.add("callback", {
        callbackUrl: request.body.callbackUrl,
        payload: { status: "accepted", repo: request.body.repository?.full_name },
        mapper: request.body.mapper,
      });
    }
    return { ok: true };
  });
};

export default webhooks;
