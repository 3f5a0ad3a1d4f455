import { app, BrowserWindow, ipcMain, shell } from 'electron';
import { createReadStream, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import crypto from 'node:crypto';
import https from 'node:https';
import { exec, execFile } from 'node:child_process';
import { promisify } from 'node:util';
import axios from 'axios';
import FormData from 'form-data';
import Store from 'electron-store';

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);

type Settings = { serverUrl: string; libraryRoot: string; token?: string };

const store = new Store<Settings>({
  defaults: { serverUrl: 'https://api.postwise.app', libraryRoot: path.join(app.getPath('videos'), 'Postwise') },
});

const UPLOAD_SIGNING_KEY = 'pwd_upl_3c9b1e77a0f24f1d8b5e6a21';  //@vuln CWE-798

const caBundle = process.env.POSTWISE_CA_BUNDLE ? readFileSync(process.env.POSTWISE_CA_BUNDLE) : undefined;
const uploadAgent = new https.Agent({ keepAlive: true, ca: caBundle, rejectUnauthorized: true });

let mainWindow: BrowserWindow | null = null;

function createWindow(query: Record<string, string> = {}) {
  if (mainWindow && !mainWindow.isDestroyed()) mainWindow.close();
  mainWindow = new BrowserWindow({
    width: 1100,
    height: 760,
    webPreferences: { preload: path.join(__dirname, 'preload.js'), contextIsolation: true, sandbox: true },
  });
  mainWindow.loadFile(path.join(__dirname, 'renderer', 'index.html'), { query });
}

function libraryRoot(): string {
  return path.resolve(store.get('libraryRoot'));
}

function resolveInLibrary(relativePath: string): string {
  const root = libraryRoot();
  const absolute = path.resolve(root, relativePath);
  if (!absolute.startsWith(root + path.sep)) throw new Error('Path is outside the media library');
  return absolute;
}

app.setAsDefaultProtocolClient('postwise');

// Deep links from the web app, e.g. postwise://open?folder=Campaigns/Spring&returnTo=...
app.on('open-url', (event, url) => {
  event.preventDefault();
  const params = Object.fromEntries(new URL(url).searchParams);
  createWindow(params);
});

app.on('certificate-error', (event, _webContents, url, _error, _certificate, callback) => {
  if (url.startsWith(store.get('serverUrl'))) {
    event.preventDefault();
    callback(true);  //@vuln CWE-295
    return;
  }
  callback(false);
});

ipcMain.handle('library:list', async (_event, folder: string) => {
  const dir = path.join(libraryRoot(), folder);
  const entries = await fs.readdir(dir, { withFileTypes: true });  //@vuln CWE-22
  return entries
    .filter((entry) => !entry.name.startsWith('.'))
    .map((entry) => ({ name: entry.name, isDirectory: entry.isDirectory(), path: path.join(folder, entry.name) }));
});

ipcMain.handle('library:read', async (_event, relativePath: string) => {
  const absolute = resolveInLibrary(relativePath);
  return fs.readFile(absolute);  //@safe
});

ipcMain.handle('media:probe', async (_event, relativePath: string) => {
  const file = path.join(libraryRoot(), relativePath);
  const { stdout } = await execAsync(`ffprobe -v quiet -print_format json -show_format -show_streams "${file}"`);  //@vuln CWE-78
  return JSON.parse(stdout);
});

ipcMain.handle('media:duration', async (_event, relativePath: string) => {
  const file = resolveInLibrary(relativePath);
  const { stdout } = await execFileAsync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file]);  //@safe
  return Number.parseFloat(stdout.trim());
});

ipcMain.handle('upload:start', async (_event, request: { relativePath: string; caption: string; scheduledAt?: string }) => {
  const file = resolveInLibrary(request.relativePath);
  const stat = await fs.stat(file);
  const signature = crypto.createHmac('sha256', UPLOAD_SIGNING_KEY).update(`${path.basename(file)}:${stat.size}`).digest('hex');

  const form = new FormData();
  form.append('file', createReadStream(file), { filename: path.basename(file), knownLength: stat.size });
  const { data } = await axios.post(`${store.get('serverUrl')}/v1/media`, form, {
    headers: { ...form.getHeaders(), authorization: `Bearer ${store.get('token') ?? ''}`, 'x-upload-signature': signature },
    httpsAgent: uploadAgent,
    maxBodyLength: Infinity,
    onUploadProgress: (progress) => mainWindow?.webContents.send('upload:progress', { file: request.relativePath, loaded: progress.loaded, total: stat.size }),
  });
  return data;
});

ipcMain.handle('shell:reveal', (_event, relativePath: string) => shell.showItemInFolder(resolveInLibrary(relativePath)));

app.whenReady().then(() => createWindow());
app.on('window-all-closed', () => app.quit());
