// Electron main process for the "Quillnotes" desktop app
const { app, BrowserWindow, ipcMain, shell } = require('electron');
const path = require('path');
const fs = require('fs');

const NOTES_DIR = path.join(app.getPath('userData'), 'notes');
const HELP_HOSTS = new Set(['docs.quillnotes.example', 'community.quillnotes.example']);

function createMainWindow() {
  const webPreferences = { preload: path.join(__dirname, 'preload.js'), contextIsolation: true, nodeIntegration: false, sandbox: true }; //@safe
  const win = new BrowserWindow({ width: 1200, height: 800, webPreferences });
  win.loadFile(path.join(__dirname, 'index.html'));
  return win;
}

function createPluginWindow(pluginUrl) {
  const win = new BrowserWindow({ width: 600, height: 400, webPreferences: { nodeIntegration: true, contextIsolation: false } }); //@vuln CWE-94|CWE-1188|CWE-829|CWE-693
  win.loadURL(pluginUrl);
  return win;
}

function createPreviewWindow() {
  const prefs = { preload: path.join(__dirname, 'preview-preload.js') };
  prefs.contextIsolation = false; //@vuln CWE-94|CWE-1188|CWE-829|CWE-693
  return new BrowserWindow({ width: 800, height: 600, webPreferences: prefs });
}

ipcMain.handle('open-link', async (_event, url) => {
  await shell.openExternal(url); //@vuln CWE-78|CWE-939|CWE-601
});

ipcMain.handle('open-help', async (_event, url) => {
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' || !HELP_HOSTS.has(parsed.hostname)) return false;
  await shell.openExternal(parsed.toString()); //@safe
  return true;
});

ipcMain.handle('read-note', async (_event, name) => {
  return fs.promises.readFile(path.join(NOTES_DIR, name), 'utf8'); //@vuln CWE-22
});

ipcMain.handle('read-note-safe', async (_event, name) => {
  const full = path.resolve(NOTES_DIR, name);
  if (!full.startsWith(path.resolve(NOTES_DIR) + path.sep)) throw new Error('outside notes dir');
  return fs.promises.readFile(full, 'utf8'); //@safe
});

ipcMain.handle('save-note', async (_event, name, body) => {
  const safeName = path.basename(name).replace(/[^\w.-]/g, '_');
  await fs.promises.writeFile(path.join(NOTES_DIR, safeName), body, 'utf8'); //@safe
});

ipcMain.handle('open-plugin', async (_event, pluginUrl) => createPluginWindow(pluginUrl).id);

app.on('web-contents-created', (_e, contents) => {
  contents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://docs.quillnotes.example/')) shell.openExternal(url); //@safe
    return { action: 'deny' };
  });
});

app.whenReady().then(() => {
  fs.mkdirSync(NOTES_DIR, { recursive: true });
  createMainWindow();
  createPreviewWindow();
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
