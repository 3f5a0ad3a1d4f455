import vm from "node:vm";
import got from "got";
import { Queue, Worker } from "bullmq";

const connection = {
  host: process.env.REDIS_HOST ?? "redis.internal",
  port: 6379,
  password: process.env.REDIS_PASSWORD ?? "changeme-redis-pass", //@vuln CWE-798
};

export const notifyQueue = new Queue("notify", { connection });

type NotifyJob = { callbackUrl: string; payload: Record<string, unknown>; mapper?: string };

function applyMapper(mapper: string | undefined, payload: Record<string, unknown>) {
  if (!mapper) return payload;
  const script = new vm.Script(`(${mapper})(payload)`);
  return script.runInNewContext({ payload }, { timeout: 100 }); //@vuln CWE-95
}

export const notifyWorker = new Worker<NotifyJob>(
  "notify",
  async (job) => {
    const body = applyMapper(job.data.mapper, job.data.payload);
    const res = await got.post(job.data.callbackUrl, { json: body, timeout: { request: 5000 } }); //@vuln CWE-918
    return res.statusCode;
  },
  { connection, concurrency: 4 }
);
