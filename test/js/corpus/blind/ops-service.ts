import { exec, execSync, execFile, spawn } from 'child_process';
import vm from 'node:vm';
import axios from 'axios';
import got from 'got';
import https from 'node:https';
import type { FastifyInstance, FastifyRequest } from 'fastify';

type PingQuery = { host: string; count?: string };

export default async function opsRoutes(fastify: FastifyInstance) {
  fastify.get('/ping', async (request: FastifyRequest<{ Querystring: PingQuery }>) => {
    const { host } = request.query;
    return new Promise((resolve) => {
      exec(`ping -c 1 ${host}`, (_err, stdout) => resolve(stdout)); //@vuln CWE-78
    });
  });

  fastify.get('/ping-safe', async (request: FastifyRequest<{ Querystring: PingQuery }>) => {
    return new Promise((resolve) => {
      execFile('ping', ['-c', '1', request.query.host], (_e, out) => resolve(out)); //@safe
    });
  });

  fastify.post('/archive', async (request) => {
    const body = request.body as { dir: string };
    const out = execSync('tar czf /tmp/out.tgz ' + body.dir); //@vuln CWE-78
    return out.toString();
  });

  fastify.post('/convert', async (request) => {
    const { file } = request.body as { file: string };
    const child = spawn('convert', [file, 'out.png'], { shell: true }); //@vuln CWE-78
    const child2 = spawn('convert', [file, 'out.png']); //@safe
    return { pid: child.pid, pid2: child2.pid };
  });

  fastify.post('/calc', async (request) => {
    const { expr } = request.body as { expr: string };
    return { value: eval(expr) }; //@vuln CWE-95
  });

  fastify.post('/formula', async (request) => {
    const { formula } = request.body as { formula: string };
    const fn = new Function('x', 'return ' + formula); //@vuln CWE-95
    return { value: fn(2) };
  });

  fastify.post('/sandbox', async (request) => {
    const code = (request.body as any).code;
    return vm.runInNewContext(code, {}); //@vuln CWE-95
  });

  fastify.get('/delay', async (request) => {
    const q = request.query as Record<string, string>;
    setTimeout('console.log("' + q.msg + '")', 10); //@vuln CWE-95
    setTimeout(() => console.log(q.msg), 10); //@safe
    return {};
  });

  fastify.get('/preview', async (request) => {
    const { url } = request.query as { url: string };
    const resp = await axios.get(url); //@vuln CWE-918
    return resp.data;
  });

  fastify.get('/avatar', async (request) => {
    const q = request.query as { user: string };
    const resp = await got(`https://avatars.example.com/${encodeURIComponent(q.user)}.png`); //@safe
    return resp.body;
  });

  fastify.get('/proxy', async (request) => {
    const target = (request.query as any).target;
    const r = await fetch(target); //@vuln CWE-918
    return r.text();
  });

  fastify.get('/hook', async (request) => {
    const { callback } = request.query as { callback: string };
    https.request(callback, (r) => r.resume()).end(); //@vuln CWE-918
    return { ok: true };
  });
}
