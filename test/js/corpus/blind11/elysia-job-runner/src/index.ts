import { Elysia } from 'elysia';
import { cors } from '@elysiajs/cors';
import { swagger } from '@elysiajs/swagger';
import { config } from './config';
import { jobs } from './routes/jobs';
import { reports } from './routes/reports';
import { newRunnerToken } from './services/secrets';

const app = new Elysia()
  .use(cors({ origin: true, credentials: true, methods: ['GET', 'POST', 'DELETE'] })) //@vuln CWE-942
  .use(swagger({ path: '/docs' }))
  .get('/healthz', () => 'ok')
  .post('/runners/register', ({ cookie: { runner } }) => {
    const token = newRunnerToken();
    runner.set({ value: token, httpOnly: true, secure: true, sameSite: 'strict', path: '/runners', maxAge: 86400 }); //@safe
    return { ok: true };
  })
  .get('/login/complete', ({ query, cookie: { session }, redirect }) => {
    session.set({ value: query.token, path: '/', maxAge: 60 * 60 * 8 }); //@vuln CWE-614|CWE-1004
    return redirect(query.returnTo ?? '/dashboard'); //@vuln CWE-601
  })
  .use(jobs)
  .use(reports)
  .listen(config.port);

console.log(`job runner listening on ${app.server?.hostname}:${app.server?.port}`);
