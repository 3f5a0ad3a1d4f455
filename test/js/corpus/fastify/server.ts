import Fastify, { FastifyRequest } from 'fastify';
import { exec, execSync, spawn, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import got from 'got';

const run = promisify(exec);
const server = Fastify({ logger: true });

type PingQuery = { host: string; count?: string };

server.get('/ping', async (request: FastifyRequest<{ Querystring: PingQuery }>, reply) => {
  const { host } = request.query;
  const { stdout } = await run(`ping -c 1 ${host}`); //@vuln CWE-78
  return reply.send({ stdout });
});

server.get('/dig', async (request: FastifyRequest<{ Querystring: PingQuery }>) => {
  const out = execSync('dig +short ' + request.query.host).toString(); //@vuln CWE-78
  return { out };
});

server.get('/trace', async (request: FastifyRequest<{ Querystring: PingQuery }>) => {
  const child = spawn('traceroute', [request.query.host], { shell: true }); //@vuln CWE-78
  return new Promise((resolve) => child.on('close', (code) => resolve({ code })));
});

server.get('/trace-safe', async (request: FastifyRequest<{ Querystring: PingQuery }>) => {
  const child = spawn('traceroute', [request.query.host]); //@safe
  return new Promise((resolve) => child.on('close', (code) => resolve({ code })));
});

server.get('/whois', (request: FastifyRequest<{ Querystring: PingQuery }>, reply) => {
  execFile('whois', [request.query.host], (err, stdout) => reply.send({ stdout })); //@safe
});

server.get('/uptime', async () => {
  const { stdout } = await run('uptime'); //@safe
  return { stdout };
});

server.post('/webhook/test', async (request: FastifyRequest<{ Body: { url: string } }>) => {
  const res = await got.post(request.body.url, { json: { ping: true } }); //@vuln CWE-918
  return { status: res.statusCode };
});

server.get('/rates', async (request: FastifyRequest<{ Querystring: { currency: string } }>) => {
  const currency = encodeURIComponent(request.query.currency);
  const res = await got(`https://rates.example.com/v1/${currency}`).json(); //@safe
  return res;
});

server.listen({ port: 8080 });
