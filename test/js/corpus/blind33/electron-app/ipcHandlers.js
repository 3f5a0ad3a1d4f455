const { ipcMain, dialog } = require('electron');
const fs = require('fs/promises');
const os = require('os');
const path = require('path');
const vm = require('vm');
const { exec, execFile } = require('child_process');
const serialize = require('node-serialize');
const { resolveInside } = require('../common/sanitize');
const { runTool, parseGitLog } = require('../common/exec');

let projectRoot = null;

function requireProject() {
  if (!projectRoot) throw new Error('No project is open');
  return projectRoot;
}

function sessionFile() {
  return path.join(requireProject(), '.devkit', 'session.dat');
}

function registerIpc(getWindow) {
  ipcMain.handle('project:choose', async () => {
    const res = await dialog.showOpenDialog(getWindow(), { properties: ['openDirectory'] });
    if (res.canceled || !res.filePaths.length) return null;
    projectRoot = res.filePaths[0];
    return projectRoot;
  });

  // used by devkit://open deep links
  ipcMain.handle('project:set', async (_e, dir) => {
    const stat = await fs.stat(dir);
    if (!stat.isDirectory()) throw new Error(`${dir} is not a directory`);
    projectRoot = path.resolve(dir);
    return projectRoot;
  });

  ipcMain.handle('project:read', async (_e, rel) => {
    return fs.readFile(path.join(requireProject(), rel), 'utf8'); //@vuln CWE-22
  });

  ipcMain.handle('project:asset', async (_e, rel) => {
    const file = resolveInside(path.join(requireProject(), 'assets'), rel);
    return fs.readFile(file); //@safe
  });

  ipcMain.handle('git:log', (_e, ref = 'HEAD') => new Promise((resolve, reject) => {
    exec(`git log --oneline -n 100 ${ref}`, { cwd: requireProject() }, (err, stdout) => (err ? reject(err) : resolve(parseGitLog(stdout)))); //@vuln CWE-78
  }));

  ipcMain.handle('git:show', (_e, sha) => new Promise((resolve, reject) => {
    if (!/^[0-9a-f]{7,40}$/i.test(String(sha))) return reject(new Error('bad commit id'));
    execFile('git', ['show', '--stat', '--format=%H%n%an%n%s', sha], { cwd: requireProject() }, (err, stdout) => (err ? reject(err) : resolve(stdout))); //@safe
  }));

  ipcMain.handle('npm:run', async (_e, script) => {
    const root = requireProject();
    const pkg = JSON.parse(await fs.readFile(path.join(root, 'package.json'), 'utf8'));
    if (!Object.prototype.hasOwnProperty.call(pkg.scripts || {}, script)) throw new Error(`no script "${script}"`);
    return runTool('npm', ['run', script], root);
  });

  ipcMain.handle('session:restore', async () => {
    const raw = await fs.readFile(sessionFile(), 'utf8').catch(() => null);
    return raw ? serialize.unserialize(raw) : null; //@vuln CWE-502
  });

  ipcMain.handle('session:save', async (_e, state) => {
    await fs.mkdir(path.dirname(sessionFile()), { recursive: true });
    await fs.writeFile(sessionFile(), serialize.serialize({ ...state, savedAt: Date.now() }), 'utf8');
  });

  // {{ expr }} placeholders in snippet bodies, e.g. {{ new Date().getFullYear() }}
  ipcMain.handle('snippet:expand', (_e, body, vars = {}) => {
    return String(body).replace(/\{\{\s*([^}]+?)\s*\}\}/g, (_m, expr) => String(vm.runInNewContext(expr, { ...vars }, { timeout: 50 }))); //@vuln CWE-94
  });

  ipcMain.handle('snippet:export', async (_e, name, content) => {
    const dir = path.join(os.homedir(), 'DevKit', 'exports');
    await fs.mkdir(dir, { recursive: true });
    const file = path.join(dir, name);
    await fs.writeFile(file, String(content), 'utf8'); //@vuln CWE-22
    return file;
  });
}

module.exports = { registerIpc };
