// Main process for the desktop notes client
const { app, BrowserWindow, ipcMain, shell, session } = require('electron');
const path = require('path');
const fs = require('fs/promises');
const { exec } = require('child_process');

const HELP_HOSTS = new Set(['docs.example.com', 'support.example.com']);
const NOTES_DIR = path.join(app.getPath('userData'), 'notes');

const legacyPreviewPrefs = {
  nodeIntegration: true, //@vuln CWE-94|CWE-1188|CWE-16
  contextIsolation: false, //@vuln CWE-94|CWE-1188|CWE-16
  webSecurity: true,
};

const mainPrefs = {
  preload: path.join(__dirname, 'preload.js'),
  nodeIntegration: false, //@safe
  contextIsolation: true, //@safe
  sandbox: true,
};

let mainWindow;

function createMainWindow() {
  mainWindow = new BrowserWindow({ width: 1200, height: 800, webPreferences: mainPrefs });
  mainWindow.loadFile(path.join(__dirname, 'index.html'));

  mainWindow.webContents.setWindowOpenHandler(({ url }) => {
    shell.openExternal(url); //@vuln CWE-78|CWE-601|CWE-939
    return { action: 'deny' };
  });

  mainWindow.webContents.on('will-navigate', (event, url) => {
    event.preventDefault();
    const parsed = new URL(url);
    if (parsed.protocol === 'https:' && HELP_HOSTS.has(parsed.hostname)) {
      shell.openExternal(parsed.toString()); //@safe
    }
  });
}

function openPreview(remoteUrl) {
  const preview = new BrowserWindow({ width: 800, height: 600, webPreferences: legacyPreviewPrefs });
  preview.loadURL(remoteUrl);
  return preview;
}

ipcMain.handle('notes:open-preview', (_event, url) => openPreview(url).id);

ipcMain.handle('notes:open-link', async (_event, link) => {
  await shell.openExternal(link); //@vuln CWE-78|CWE-601|CWE-939
});

ipcMain.handle('notes:read', async (_event, name) => {
  const file = path.join(NOTES_DIR, name);
  return fs.readFile(file, 'utf8'); //@vuln CWE-22
});

ipcMain.handle('notes:read-safe', async (_event, name) => {
  const file = path.resolve(NOTES_DIR, path.basename(String(name)));
  if (!file.startsWith(NOTES_DIR + path.sep)) throw new Error('invalid note');
  return fs.readFile(file, 'utf8'); //@safe
});

ipcMain.handle('notes:export-pdf', async (_event, name) => {
  return new Promise((resolve, reject) => {
    exec(`pandoc "${NOTES_DIR}/${name}.md" -o "${NOTES_DIR}/${name}.pdf"`, (err) => { //@vuln CWE-78
      if (err) reject(err);
      else resolve(true);
    });
  });
});

app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => {
    callback(permission === 'notifications');
  });
  createMainWindow();
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
