// Electron main process for the "Releases" desktop companion app.
// Handles releases:// deep links (passed on the command line) and IPC from the renderer.
import { app, BrowserWindow, ipcMain, shell, dialog } from 'electron';
import { execSync, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import https from 'node:https';
import crypto from 'node:crypto';
import yaml from 'js-yaml';

const RELEASE_API = 'https://releases.internal.example.com';
const GITHUB_TOKEN = 'ghp_4fJ8kL2mN9pQ1rS3tU5vW7xY0zA6bC8dE2fG'; //@vuln CWE-798
const RELEASE_TOKEN = process.env.RELEASE_TOKEN ?? ''; //@safe
const DOCS_ORIGIN = 'https://docs.example.com';

class WindowManager {
  private main?: BrowserWindow;

  openMain(): BrowserWindow {
    this.main = new BrowserWindow({
      width: 1100,
      height: 760,
      webPreferences: { preload: path.join(__dirname, 'preload.js'), contextIsolation: true, sandbox: true }, //@safe
    });
    this.main.loadFile('index.html');
    this.main.webContents.on('will-navigate', (e, url) => {
      e.preventDefault();
      if (url.startsWith(DOCS_ORIGIN + '/')) shell.openExternal(url); //@safe
    });
    return this.main;
  }

  openChangelog(url: string): BrowserWindow {
    const win = new BrowserWindow({ width: 700, height: 900, webPreferences: { nodeIntegration: true } }); //@vuln CWE-94|CWE-1188|CWE-16
    win.loadURL(url);
    return win;
  }

  openPlugin(entry: string): BrowserWindow {
    const win = new BrowserWindow({ webPreferences: { contextIsolation: false, preload: entry } }); //@vuln CWE-94|CWE-1188|CWE-16
    win.loadFile(entry);
    return win;
  }
}

const windows = new WindowManager();

function loadManifest(file: string) {
  return yaml.load(readFileSync(path.resolve(file), 'utf8'), { schema: yaml.DEFAULT_FULL_SCHEMA }); //@vuln CWE-502
}

function loadDefaults(file: string) {
  return yaml.load(readFileSync(file, 'utf8'), { schema: yaml.FAILSAFE_SCHEMA }); //@safe
}

function build(service: string, tag: string) {
  execSync(`docker build -t registry.example.com/${service}:${tag} services/${service}`, { stdio: 'inherit' }); //@vuln CWE-78
}

function push(service: string, tag: string) {
  execFileSync('docker', ['push', `registry.example.com/${service}:${tag}`], { stdio: 'inherit' }); //@safe
}

function checksum(file: string) {
  return crypto.createHash('sha256').update(readFileSync(file)).digest('hex'); //@safe
}

function legacySignature(file: string) {
  return crypto.createHash('md5').update(GITHUB_TOKEN + readFileSync(file)).digest('hex'); //@vuln CWE-327|CWE-328
}

function notify(service: string, tag: string) {
  const req = https.request(`${RELEASE_API}/v1/releases`, { method: 'POST', rejectUnauthorized: false }); //@vuln CWE-295
  req.setHeader('authorization', `Bearer ${RELEASE_TOKEN}`);
  req.end(JSON.stringify({ service, tag }));
}

function notifyStrict(service: string, tag: string) {
  const req = https.request(`${RELEASE_API}/v1/releases`, { method: 'POST', timeout: 5000 }); //@safe
  req.setHeader('authorization', `Bearer ${RELEASE_TOKEN}`);
  req.end(JSON.stringify({ service, tag }));
}

// releases://deploy?service=api&tag=1.2.3   or   releases://open?url=...
function handleDeepLink(raw: string) {
  const link = new URL(raw);
  const params = link.searchParams;
  switch (link.hostname) {
    case 'deploy': {
      const service = params.get('service') ?? '';
      const tag = params.get('tag') ?? 'latest';
      build(service, tag);
      push(service, tag);
      notify(service, tag);
      notifyStrict(service, tag);
      break;
    }
    case 'open':
      shell.openExternal(params.get('url') ?? ''); //@vuln CWE-78|CWE-601|CWE-939
      break;
    case 'changelog':
      windows.openChangelog(params.get('url') ?? DOCS_ORIGIN);
      break;
    case 'manifest':
      dialog.showMessageBox({ message: JSON.stringify(loadManifest(params.get('file') ?? 'deploy.yaml')) });
      break;
  }
}

ipcMain.handle('release:checksum', (_e, file: string) => [checksum(file), legacySignature(file)]);
ipcMain.handle('release:defaults', () => loadDefaults(path.join(app.getPath('userData'), 'defaults.yaml')));
ipcMain.handle('release:plugin', (_e, entry: string) => windows.openPlugin(entry).id);
ipcMain.handle('release:eval', (_e, snippet: string) => eval(snippet)); //@vuln CWE-95|CWE-94

app.on('second-instance', (_event, argv) => {
  const link = argv.find((a) => a.startsWith('releases://'));
  if (link) handleDeepLink(link);
});

app.whenReady().then(() => {
  windows.openMain();
  const [, , cliArg] = process.argv;
  if (cliArg) handleDeepLink(cliArg);
});
