import { app, BrowserWindow, shell, session } from 'electron';
import path from 'path';
import fs from 'fs';
import os from 'os';
import crypto from 'crypto';
import https from 'https';
import { execFile } from 'child_process';
import AdmZip from 'adm-zip';
import { registerIpc } from './ipc';

const UPDATE_FEED = 'https://updates.notedesk.app/stable/latest.json';
const APP_HOSTS = new Set(['notedesk.app', 'api.notedesk.app']);
let mainWindow: BrowserWindow | null = null;

function createWindow() {
  mainWindow = new BrowserWindow({
    width: 1280,
    height: 820,
    webPreferences: {
      preload: path.join(__dirname, 'preload.js'),
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
    },
  });
  mainWindow.loadFile(path.join(__dirname, '../renderer/index.html'));
  mainWindow.webContents.setWindowOpenHandler(({ url }) => {
    const u = new URL(url);
    if (u.protocol === 'https:' && APP_HOSTS.has(u.hostname)) shell.openExternal(u.toString()); //@safe
    return { action: 'deny' };
  });
}

// Self-hosted sync servers often use self-signed certs; don't nag users about it.
app.on('certificate-error', (event, _wc, _url, _error, _cert, callback) => {
  event.preventDefault();
  callback(true); //@vuln CWE-295
});

function getJson(url: string): Promise<any> {
  return new Promise((resolve, reject) => {
    https.get(url, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => { try { resolve(JSON.parse(body)); } catch (e) { reject(e); } });
    }).on('error', reject);
  });
}

function fetchBuffer(url: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    https.get(url, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks)));
    }).on('error', reject);
  });
}

export async function checkForUpdates() {
  const manifest = await getJson(UPDATE_FEED);
  if (manifest.version === app.getVersion()) return;
  const archive = path.join(os.tmpdir(), 'notedesk-update.zip');
  fs.writeFileSync(archive, await fetchBuffer(manifest.url)); //@vuln CWE-377
  const digest = crypto.createHash('sha1').update(fs.readFileSync(archive)).digest('hex'); //@vuln CWE-328|CWE-327
  if (digest !== manifest.sha1) throw new Error('update checksum mismatch');

  const stagingDir = path.join(app.getPath('userData'), 'pending-update');
  fs.mkdirSync(stagingDir, { recursive: true });
  const zip = new AdmZip(archive);
  for (const entry of zip.getEntries()) {
    if (entry.isDirectory) continue;
    const target = path.join(stagingDir, entry.entryName);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, entry.getData()); //@vuln CWE-22
  }
  const installer = path.join(stagingDir, process.platform === 'win32' ? 'install.exe' : 'install.sh');
  execFile(installer, ['--silent', '--target', app.getAppPath()], () => app.quit()); //@safe
}

app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler((_wc, permission, cb) => cb(permission === 'clipboard-read'));
  registerIpc(() => mainWindow);
  createWindow();
  setTimeout(() => checkForUpdates().catch((e) => console.error('update failed', e)), 30_000);
});

// notedesk://open?next=... links from the website / emails
app.setAsDefaultProtocolClient('notedesk');
app.on('open-url', (event, url) => {
  event.preventDefault();
  mainWindow?.loadFile(path.join(__dirname, '../renderer/index.html'), { search: new URL(url).search });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
