'use strict';
const { app, BrowserWindow, ipcMain, shell } = require('electron');
const path = require('path');
const fs = require('fs/promises');
const https = require('https');
const vm = require('vm');
const { exec, spawn } = require('child_process');
const { promisify } = require('util');
const store = require('./store');

const execAsync = promisify(exec);
const WORKSPACE = path.join(app.getPath('documents'), 'Snippets');

const UPDATE_REQUEST = {
  host: 'updates.example.com',
  path: `/snippets/${process.platform}/latest.json`,
  method: 'GET',
  rejectUnauthorized: false, //@vuln CWE-295
};

let mainWindow;

function createWindow() {
  mainWindow = new BrowserWindow({
    width: 1200, height: 800,
    webPreferences: {
      preload: path.join(__dirname, 'preload.js'),
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
    },
  });
  mainWindow.loadFile(path.join(__dirname, '..', 'renderer', 'index.html'));
  mainWindow.webContents.setWindowOpenHandler(({ url }) => {
    openLink(url);
    return { action: 'deny' };
  });
}

function openLink(url) {
  const { protocol } = new URL(url);
  if (protocol === 'https:' || protocol === 'mailto:') shell.openExternal(url); //@safe
}

function checkForUpdates() {
  const req = https.request(UPDATE_REQUEST, (res) => {
    let body = '';
    res.on('data', (chunk) => (body += chunk));
    res.on('end', () => mainWindow?.webContents.send('update:available', JSON.parse(body).version));
  });
  req.on('error', () => {}).end();
}

ipcMain.handle('snippets:search', (_e, term) => store.search(term));
ipcMain.handle('snippets:get', (_e, id) => store.get(id));

ipcMain.handle('snippets:format', async (_e, { file, parser }) => {
  const target = path.join(WORKSPACE, file);
  const { stdout } = await execAsync(`npx prettier --parser ${parser} "${target}"`, { cwd: WORKSPACE }); //@vuln CWE-78
  return stdout;
});

ipcMain.handle('snippets:open-in-editor', (_e, file) => {
  const editor = store.getSetting('editor') || 'code';
  spawn(editor, [path.join(WORKSPACE, file)], { shell: true, detached: true }).unref(); //@vuln CWE-78
});

ipcMain.handle('snippets:export', async (_e, { name, content }) => {
  const dest = path.join(WORKSPACE, 'exports', name);
  await fs.writeFile(dest, content, 'utf8'); //@vuln CWE-22
  return dest;
});

ipcMain.handle('snippets:open', async (_e, name) => {
  const root = path.resolve(WORKSPACE);
  const file = path.resolve(root, name);
  if (!file.startsWith(root + path.sep)) throw new Error('outside workspace');
  return fs.readFile(file, 'utf8'); //@safe
});

ipcMain.handle('plugins:evaluate', async (_e, { source, input }) => {
  const sandbox = { input, result: null };
  vm.runInNewContext(source, sandbox, { timeout: 1000 }); //@vuln CWE-95
  return sandbox.result;
});

app.whenReady().then(async () => {
  await fs.mkdir(path.join(WORKSPACE, 'exports'), { recursive: true });
  createWindow();
  checkForUpdates();
});
