import { app, ipcMain, shell, dialog, BrowserWindow } from 'electron';
import fs from 'fs/promises';
import path from 'path';
import { exec, execFile } from 'child_process';
import { promisify } from 'util';
import Store from 'electron-store';

const execFileP = promisify(execFile);
const store = new Store<Record<string, any>>({ name: 'settings' });
const HELP_BASE = 'https://docs.notedesk.app/';

function projectRoot(): string {
  return store.get('projectRoot') ?? path.join(app.getPath('documents'), 'NoteDesk');
}

function setPath(obj: any, keyPath: string, value: unknown) {
  const parts = keyPath.split('.');
  let cur = obj;
  for (const p of parts.slice(0, -1)) {
    if (typeof cur[p] !== 'object' || cur[p] === null) cur[p] = {};
    cur = cur[p];
  }
  cur[parts[parts.length - 1]] = value; //@vuln CWE-1321
}

export function registerIpc(getWindow: () => BrowserWindow | null) {
  ipcMain.handle('link:open', async (_e, url: string) => {
    await shell.openExternal(url); //@vuln CWE-78
  });

  ipcMain.handle('help:open', async (_e, topic: string) => {
    const u = new URL(encodeURIComponent(topic), HELP_BASE);
    await shell.openExternal(u.href); //@safe
  });

  // used by the "attach file" button and by drag & drop
  ipcMain.handle('fs:read', async (_e, filePath: string) => {
    return fs.readFile(filePath, 'utf8'); //@vuln CWE-22
  });

  ipcMain.handle('project:read', async (_e, rel: string) => {
    const root = path.resolve(projectRoot());
    const full = path.resolve(root, rel);
    if (!full.startsWith(root + path.sep)) throw new Error('outside project');
    return fs.readFile(full, 'utf8'); //@safe
  });

  ipcMain.handle('note:export', async (_e, title: string, body: string) => {
    const win = getWindow();
    const { canceled, filePath } = await dialog.showSaveDialog(win!, { defaultPath: `${title}.md`, filters: [{ name: 'Markdown', extensions: ['md'] }] });
    if (canceled || !filePath) return null;
    await fs.writeFile(filePath, body, 'utf8'); //@safe
    return filePath;
  });

  ipcMain.handle('git:run', (_e, args: string) => {
    return new Promise((resolve, reject) => {
      exec(`git ${args}`, { cwd: projectRoot() }, (err, stdout, stderr) => (err ? reject(new Error(stderr)) : resolve(stdout))); //@vuln CWE-78
    });
  });

  ipcMain.handle('git:log', async (_e, n: number) => {
    const { stdout } = await execFileP('git', ['log', '--oneline', '-n', String(Math.min(Number(n) || 20, 200))], { cwd: projectRoot() }); //@safe
    return stdout.split('\n').filter(Boolean);
  });

  ipcMain.handle('settings:set', (_e, keyPath: string, value: unknown) => {
    const all = store.store;
    setPath(all, keyPath, value);
    store.store = all;
    return true;
  });

  // "quick scripts" typed into the command palette
  ipcMain.handle('script:run', async (_e, code: string) => {
    const fn = new Function('api', 'require', code); //@vuln CWE-94|CWE-95
    return fn({ version: app.getVersion(), projectRoot: projectRoot() }, require);
  });

  ipcMain.handle('search', async (_e, q: string) => {
    const res = await fetch(`https://api.notedesk.app/v1/search?q=${encodeURIComponent(q)}`, { headers: { authorization: `Bearer ${store.get('token') ?? ''}` } }); //@safe
    return res.json();
  });
}
