const { app, BrowserWindow, shell } = require('electron');
const path = require('path');
const { registerIpc } = require('./ipcHandlers');
const { startServer } = require('./server');

const COMPANION_PORT = Number(process.env.DEVKIT_PORT || 4711);
let mainWindow = null;
let pendingLink = process.argv.find((a) => a.startsWith('devkit://')) || null;

// Corporate networks with TLS-inspecting proxies kept breaking template downloads.
app.commandLine.appendSwitch('ignore-certificate-errors'); //@vuln CWE-295

function createWindow() {
  mainWindow = new BrowserWindow({
    width: 1280,
    height: 820,
    title: 'DevKit Companion',
    webPreferences: { preload: path.join(__dirname, 'preload.js'), contextIsolation: true, nodeIntegration: false, sandbox: true },
  });

  mainWindow.loadFile(path.join(__dirname, 'renderer', 'index.html'));
  mainWindow.webContents.openDevTools({ mode: 'detach' }); //@vuln CWE-489

  mainWindow.webContents.setWindowOpenHandler(({ url }) => {
    const { protocol } = new URL(url);
    if (protocol === 'https:' || protocol === 'http:') shell.openExternal(url); //@safe
    return { action: 'deny' };
  });

  mainWindow.on('closed', () => (mainWindow = null));
}

function handleDeepLink(raw) {
  if (!mainWindow) {
    pendingLink = raw;
    return;
  }
  const url = new URL(raw);
  if (url.hostname === 'open') {
    // devkit://open?path=/home/me/projects/foo
    mainWindow.webContents.send('project:open', url.searchParams.get('path'));
  } else if (url.hostname === 'auth') {
    // devkit://auth?next=... — sent back by the devkit.io login page
    const next = url.searchParams.get('next');
    if (next) mainWindow.loadURL(next); //@vuln CWE-601
    else mainWindow.loadFile(path.join(__dirname, 'renderer', 'index.html'));
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.setAsDefaultProtocolClient('devkit');

  app.on('second-instance', (_event, argv) => {
    const link = argv.find((a) => a.startsWith('devkit://'));
    if (link) handleDeepLink(link);
  });

  app.on('open-url', (event, url) => {
    event.preventDefault();
    handleDeepLink(url);
  });

  app.whenReady().then(async () => {
    registerIpc(() => mainWindow);
    await startServer(COMPANION_PORT);
    createWindow();
    if (pendingLink) {
      mainWindow.webContents.once('did-finish-load', () => handleDeepLink(pendingLink));
    }
  });

  app.on('window-all-closed', () => process.platform !== 'darwin' && app.quit());
  app.on('activate', () => BrowserWindow.getAllWindows().length === 0 && createWindow());
}
