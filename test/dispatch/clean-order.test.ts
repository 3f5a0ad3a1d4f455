import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { endTurn, toolUse } from './fake-messages-api.js';
import { branches, harness, type Harness } from './setup.js';

describe('mso dispatch: a clean order', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  test('crew writes code, commits on the voyage branch, review clean, gate passes, merge makes a merge commit', async () => {
    h = await harness([
      toolUse(['list_files', { path: '.' }]),
      toolUse(['read_file', { path: 'app.py' }]),
      toolUse(['write_file', { path: 'app.py', content: 'def hello(name: str) -> str:\n    return f"hello {name}"\n' }]),
      toolUse(['write_file', { path: 'docs/notes.md', content: '# notes\n\nGreets by name.\n' }]),
      endTurn('Greeting now takes a name.'),
    ]);
    const userHead = h.repo.git('rev-parse', 'HEAD').trim();
    const res = await h.mso('dispatch', 'make hello greet by name');
    expect(res.stderr).not.toMatch(/internal error/);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/VOY-0001 completed/);
    expect(res.stdout).toMatch(/review\s+clean/);

    // The requests went to the loopback server with the order and the tools.
    expect(h.api.requests.length).toBe(5);
    const first = h.api.requests[0]!.body;
    expect(first.messages[0].content).toBe('make hello greet by name');
    expect(first.tools.map((t: any) => t.name)).toEqual(expect.arrayContaining(['list_files', 'read_file', 'write_file']));
    const hdr = h.api.requests[0]!.headers;
    expect(hdr['x-api-key']).toBe('test-key-not-secret');
    // The read_file result carried the file content back to the model.
    const third = h.api.requests[2]!.body;
    const lastUser = third.messages[third.messages.length - 1];
    expect(JSON.stringify(lastUser.content)).toContain('return \\"hello\\"');

    // Records.
    const order = h.order();
    expect(order).toMatchObject({ id: 'ORD-0001', text: 'make hello greet by name', voyage: 'VOY-0001', withheld: false });
    const v = h.voyage();
    expect(v).toMatchObject({ id: 'VOY-0001', order: 'ORD-0001', status: 'completed', base: 'main', baseCommit: userHead });
    expect(v.branch).toBe('voyage/VOY-0001-make-hello-greet-by-name');
    expect(v.crew.toolCalls).toBe(4);
    expect(v.crew.turns).toBe(5);
    expect(v.review.clean).toBe(true);
    expect(readFileSync(join(h.repo.dir, '.mso', 'plans', 'VOY-0001.md'), 'utf8')).toContain('Greeting now takes a name.');

    // The branch holds one commit naming the voyage and the order; the user's tree and branch are untouched.
    expect(branches(h.repo)).toContain(v.branch);
    const msg = h.repo.git('log', '-1', '--format=%B', v.branch);
    expect(msg).toMatch(/VOY-0001/);
    expect(msg).toMatch(/ORD-0001/);
    expect(h.repo.git('show', `${v.branch}:app.py`)).toContain('hello {name}');
    expect(h.repo.git('rev-parse', 'HEAD').trim()).toBe(userHead);
    expect(readFileSync(join(h.repo.dir, 'app.py'), 'utf8')).toContain('return "hello"');
    expect(h.repo.git('status', '--porcelain')).toBe('');

    // Gate passes, merge creates a merge commit naming the voyage on main.
    const gate = await h.mso('voyage', 'gate', 'VOY-0001');
    expect(gate.stdout).toMatch(/REL gate passed/);
    expect(gate.code).toBe(0);
    const merge = await h.mso('voyage', 'merge', 'VOY-0001');
    expect(merge.code).toBe(0);
    const mainHead = h.repo.git('rev-parse', 'main').trim();
    expect(h.repo.git('log', '-1', '--format=%s', 'main')).toMatch(/VOY-0001/);
    expect(h.repo.git('rev-list', '--parents', '-n1', 'main').trim().split(' ')).toHaveLength(3);
    expect(readFileSync(join(h.repo.dir, 'app.py'), 'utf8')).toContain('hello {name}');
    expect(h.voyage().status).toBe('merged');
    expect(h.voyage().merge.commit).toBe(mainHead);

    // .mso/ holds ignored state and no API key.
    expect(h.repo.git('status', '--porcelain', '--untracked-files=all')).toBe('');
    const stateFiles = h.repo.git('ls-files', '--others', '--ignored', '--exclude-standard', '.mso');
    expect(stateFiles).toMatch(/\.mso\/voyages\/VOY-0001\.json/);
    // No file under .mso/ (records, reports, plans, logs, worktrees) holds the key in its contents.
    const everyFile = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? everyFile(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : []));
    const msoFiles = everyFile(join(h.repo.dir, '.mso'));
    expect(msoFiles.length).toBeGreaterThan(3);
    const key = h.env.ANTHROPIC_API_KEY!;
    expect(key.length).toBeGreaterThan(8);
    expect(msoFiles.filter((f) => readFileSync(f).includes(key))).toEqual([]);
    const list = await h.mso('voyage', 'list');
    expect(list.stdout).toMatch(/VOY-0001\s+merged/);
    const show = await h.mso('voyage', 'show', 'VOY-0001');
    expect(show.stdout).toMatch(/make hello greet by name/);
    expect(show.code).toBe(0);
  }, 150_000);
});
