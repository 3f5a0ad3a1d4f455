import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TempRepo } from '../helpers/git-repo.js';
import { FakeMessagesApi, runCliAsync, type Step } from './fake-messages-api.js';
import type { RunResult } from '../helpers/cli.js';

/** A repository with one commit on main, and a fake Messages API for it. */
export interface Harness {
  repo: TempRepo;
  api: FakeMessagesApi;
  env: NodeJS.ProcessEnv;
  mso: (...args: string[]) => Promise<RunResult>;
  voyage: (id?: string) => any;
  order: (id?: string) => any;
  close: () => Promise<void>;
}

export async function harness(script: Step[], files: Record<string, string> = {}, env: NodeJS.ProcessEnv = {}): Promise<Harness> {
  const repo = new TempRepo();
  repo.write('README.md', '# demo\n');
  repo.write('app.py', 'def hello():\n    return "hello"\n');
  for (const [p, c] of Object.entries(files)) repo.write(p, c);
  repo.commitAll('initial');
  const api = new FakeMessagesApi(script);
  const url = await api.start();
  const fullEnv = { ANTHROPIC_API_KEY: 'test-key-not-secret', ANTHROPIC_BASE_URL: url, ...env };
  return {
    repo,
    api,
    env: fullEnv,
    mso: (...args: string[]) => runCliAsync(args, { cwd: repo.dir, env: fullEnv }),
    voyage: (id = 'VOY-0001') => JSON.parse(readFileSync(join(repo.dir, '.mso', 'voyages', `${id}.json`), 'utf8')),
    order: (id = 'ORD-0001') => JSON.parse(readFileSync(join(repo.dir, '.mso', 'orders', `${id}.json`), 'utf8')),
    close: async () => {
      await api.close();
      repo.cleanup();
    },
  };
}

export function exists(repo: TempRepo, path: string): boolean {
  return existsSync(join(repo.dir, path));
}

export function branches(repo: TempRepo): string[] {
  return repo.git('branch', '--format=%(refname:short)').split('\n').filter(Boolean);
}
