'use strict';

const { app, BrowserWindow, contextBridge, dialog, ipcMain, ipcRenderer, session, shell } = require('electron');
const { exec, execFile } = require('child_process');
const crypto = require('crypto');
const fs = require('fs/promises');
const path = require('path');
const serialize = require('node-serialize');

const HELP_HOSTS = new Set(['docs.example-ide.dev', 'support.example-ide.dev']);
const macroSources = new Map();
let cachedKey = null;

const workspaceRoot = () => path.join(app.getPath('documents'), 'ExampleIDE', 'workspace');

function resolveInWorkspace(relPath) {
  const root = workspaceRoot();
  const full = path.resolve(root, String(relPath));
  if (full !== root && !full.startsWith(root + path.sep)) throw new Error(`Refusing to access ${relPath}`);
  return full;
}

async function vaultKey() {
  if (cachedKey) return cachedKey;
  const keyFile = path.join(app.getPath('userData'), 'vault.key');
  cachedKey = await fs.readFile(keyFile).catch(async () => {
    const fresh = crypto.randomBytes(32);
    await fs.writeFile(keyFile, fresh, { mode: 0o600 });
    return fresh;
  });
  return cachedKey;
}

async function sealCredential(plaintext) {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', await vaultKey(), iv); //@safe
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64');
}

async function sealForLegacySync(plaintext) {
  const iv = crypto.randomBytes(8);
  const cipher = crypto.createCipheriv('des-ede3-cbc', (await vaultKey()).subarray(0, 24), iv); //@vuln CWE-327
  return Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}

function runGit(args, cwd) {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, maxBuffer: 4 * 1024 * 1024 }, (err, stdout) => (err ? reject(err) : resolve(stdout))); //@safe
  });
}

function registerMainHandlers(win) {
  ipcMain.handle('git:status', async (_event, repo) => {
    const out = await runGit(['status', '--porcelain'], resolveInWorkspace(repo));
    return out.split('\n').filter(Boolean);
  });

  ipcMain.handle('git:log', (_event, { repo, limit = 20 }) => new Promise((resolve, reject) => {
    exec(`git log --oneline -n ${limit}`, { cwd: resolveInWorkspace(repo) }, (err, stdout) => (err ? reject(err) : resolve(stdout.trim().split('\n')))); //@vuln CWE-78
  }));

  ipcMain.handle('fs:read', (_event, relPath) => fs.readFile(path.join(workspaceRoot(), relPath), 'utf8')); //@vuln CWE-22

  ipcMain.handle('fs:write', async (_event, relPath, contents) => {
    await fs.writeFile(resolveInWorkspace(relPath), String(contents), 'utf8'); //@safe
    return true;
  });

  ipcMain.on('link:open', (_event, href) => {
    shell.openExternal(href); //@vuln CWE-78|CWE-601|CWE-939
  });

  ipcMain.handle('help:open', async (_event, topic) => {
    const url = new URL(`/articles/${encodeURIComponent(String(topic))}`, 'https://docs.example-ide.dev');
    await shell.openExternal(url.toString()); //@safe
  });

  ipcMain.handle('macro:register', (_event, { name, body }) => {
    macroSources.set(String(name), String(body));
    return [...macroSources.keys()];
  });

  ipcMain.handle('macro:run', async (_event, { name, selection }) => {
    const source = macroSources.get(name);
    if (!source) throw new Error(`Unknown macro ${name}`);
    const macro = new Function('selection', 'workspace', source); //@vuln CWE-95
    return macro(selection, { root: workspaceRoot(), list: (p) => fs.readdir(resolveInWorkspace(p)) });
  });

  ipcMain.handle('session:open', async () => {
    const { canceled, filePaths } = await dialog.showOpenDialog(win, { filters: [{ name: 'Workspace session', extensions: ['idesession'] }] });
    if (canceled || !filePaths[0]) return null;
    const raw = await fs.readFile(filePaths[0], 'utf8');
    const state = serialize.unserialize(raw); //@vuln CWE-502
    return { openFiles: Array.isArray(state.openFiles) ? state.openFiles : [], cursor: state.cursor ?? null };
  });

  ipcMain.handle('settings:import', async (_event, text) => {
    const settings = JSON.parse(String(text)); //@safe
    await fs.writeFile(path.join(app.getPath('userData'), 'settings.json'), JSON.stringify(settings, null, 2));
    return settings;
  });

  ipcMain.handle('vault:store', async (_event, { service, secret, legacySync }) => {
    const sealed = legacySync ? await sealForLegacySync(String(secret)) : await sealCredential(String(secret));
    const vaultFile = path.join(app.getPath('userData'), 'vault.json');
    const vault = JSON.parse(await fs.readFile(vaultFile, 'utf8').catch(() => '{}'));
    vault[`${legacySync ? 'v1' : 'v2'}:${String(service).replace(/[^\w.-]/g, '_')}`] = sealed;
    await fs.writeFile(vaultFile, JSON.stringify(vault), { mode: 0o600 });
    return true;
  });

  win.webContents.setWindowOpenHandler(({ url }) => {
    const parsed = new URL(url);
    if (parsed.protocol === 'https:' && HELP_HOSTS.has(parsed.hostname)) shell.openExternal(parsed.href); //@safe
    return { action: 'deny' };
  });
}

function configureSessions() {
  session.defaultSession.setCertificateVerifyProc((_request, callback) => callback(-3)); //@safe
  const preview = session.fromPartition('persist:live-preview');
  preview.setCertificateVerifyProc((_request, callback) => callback(0)); //@vuln CWE-295
  preview.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
}

function createMainWindow() {
  const win = new BrowserWindow({ width: 1280, height: 800, webPreferences: { preload: __filename, contextIsolation: true, nodeIntegration: false, sandbox: false } });
  registerMainHandlers(win);
  win.loadFile(path.join(__dirname, 'renderer', 'index.html'));
  return win;
}

function exposePreloadApi() {
  contextBridge.exposeInMainWorld('ide', {
    gitStatus: (repo) => ipcRenderer.invoke('git:status', repo),
    gitLog: (repo, limit) => ipcRenderer.invoke('git:log', { repo, limit }),
    readFile: (relPath) => ipcRenderer.invoke('fs:read', relPath),
    writeFile: (relPath, contents) => ipcRenderer.invoke('fs:write', relPath, contents),
    openLink: (href) => ipcRenderer.send('link:open', href),
    openHelp: (topic) => ipcRenderer.invoke('help:open', topic),
    registerMacro: (name, body) => ipcRenderer.invoke('macro:register', { name, body }),
    runMacro: (name, selection) => ipcRenderer.invoke('macro:run', { name, selection }),
    openSession: () => ipcRenderer.invoke('session:open'),
    importSettings: (text) => ipcRenderer.invoke('settings:import', text),
    storeSecret: (service, secret, legacySync = false) => ipcRenderer.invoke('vault:store', { service, secret, legacySync }),
  });
}

if (process.type === 'renderer') {
  exposePreloadApi();
} else {
  app.whenReady().then(() => configureSessions()).then(() => createMainWindow());
  app.on('window-all-closed', () => process.platform !== 'darwin' && app.quit());
}

module.exports = { registerMainHandlers, exposePreloadApi, configureSessions };
