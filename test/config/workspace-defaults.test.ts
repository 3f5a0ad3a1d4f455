import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadWorkspaceConfig, workspaceDefaults, workspaceSchema } from '../../src/config/workspace.js';
import { tempDir } from '../helpers/git-repo.js';

/**
 * A workspace without .mso/workspace.json gets workspaceDefaults(), written out so that the hooks
 * never build the zod schema; it must stay exactly what the schema gives an empty file.
 */
describe('workspace configuration defaults', () => {
  test('equal the schema applied to an empty object', () => {
    expect(workspaceDefaults()).toStrictEqual(workspaceSchema().parse({}));
  });

  test('no file: the defaults, a fresh copy each time (callers may change what they get)', () => {
    const root = tempDir();
    const a = loadWorkspaceConfig(root);
    expect(a).toStrictEqual(workspaceSchema().parse({}));
    a.scan.exclude.push('x/**');
    a.agentHooks.controlPlane.push('y');
    expect(loadWorkspaceConfig(root)).toStrictEqual(workspaceDefaults());
  });

  test('a file is still validated by the schema, with its defaults filled in', () => {
    const root = tempDir();
    mkdirSync(join(root, '.mso'));
    writeFileSync(join(root, '.mso', 'workspace.json'), JSON.stringify({ scan: { failOn: 'high' } }));
    expect(loadWorkspaceConfig(root)).toStrictEqual({ ...workspaceDefaults(), scan: { ...workspaceDefaults().scan, failOn: 'high' } });
    writeFileSync(join(root, '.mso', 'workspace.json'), JSON.stringify({ scan: { failOn: 'nope' } }));
    expect(() => loadWorkspaceConfig(root)).toThrow(/invalid workspace configuration[\s\S]*scan\.failOn/);
    writeFileSync(join(root, '.mso', 'workspace.json'), JSON.stringify({ telemetry: { endpoint: 'http://example.com' } }));
    expect(() => loadWorkspaceConfig(root)).toThrow(/telemetry\.endpoint/);
  });
});
