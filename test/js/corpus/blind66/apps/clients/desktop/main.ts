import path from 'node:path';
import fs from 'node:fs/promises';
import { exec, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { app, BrowserWindow, dialog, ipcMain, shell } from 'electron';

const execFileAsync = promisify(execFile);

const HUB_HOST_PATTERN = /^hub-[a-z0-9]{6}\.local$/;
const logDir = path.join(app.getPath('userData'), 'logs');

let mainWindow: BrowserWindow | null = null;

function createWindow() {
  mainWindow = new BrowserWindow({
    width: 1280,
    height: 820,
    title: 'Hearthlink',
    webPreferences: {
      preload: path.join(__dirname, 'preload.js'),
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
    },
  });
  mainWindow.loadFile(path.join(__dirname, 'renderer', 'index.html'));
  mainWindow.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

app.on('certificate-error', (event, _webContents, url, _error, _certificate, callback) => {
  if (new URL(url).hostname.endsWith('.local')) {
    event.preventDefault();
    callback(true);  //@vuln CWE-295
    return;
  }
  callback(false);
});

ipcMain.handle('hub:ping', (_event, host: string) => {
  return new Promise((resolve) => {
    exec(`ping -c 3 -W 2 ${host}`, (err, stdout) => resolve({ reachable: !err, output: stdout }));  //@vuln CWE-78
  });
});

ipcMain.handle('hub:traceroute', async (_event, host: string) => {
  if (!HUB_HOST_PATTERN.test(host)) throw new Error('unknown hub');
  const { stdout } = await execFileAsync('traceroute', ['-m', '10', host], { timeout: 30_000 });  //@safe
  return stdout;
});

ipcMain.handle('logs:list', async () => {
  const entries = await fs.readdir(logDir);
  return entries.filter((name) => name.endsWith('.log'));
});

ipcMain.handle('logs:read', async (_event, name: string) => {
  return fs.readFile(path.join(logDir, name), 'utf8');  //@vuln CWE-22
});

ipcMain.handle('logs:export', async (_event, name: string) => {
  const source = path.resolve(logDir, name);
  if (!source.startsWith(logDir + path.sep)) throw new Error('invalid log file');
  const contents = await fs.readFile(source);  //@safe
  const { canceled, filePath } = await dialog.showSaveDialog(mainWindow!, { defaultPath: path.basename(source) });
  if (canceled || !filePath) return false;
  await fs.writeFile(filePath, contents);
  return true;
});

app.whenReady().then(async () => {
  await fs.mkdir(logDir, { recursive: true });
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
