const { app, BrowserWindow, ipcMain, shell } = require('electron');
const { exec } = require('child_process');
const fs = require('fs');

function createWindow() {
  const win = new BrowserWindow({
    webPreferences: {
      nodeIntegration: true, //@vuln CWE-94
      contextIsolation: false, //@vuln CWE-94
    },
  });
  const safe = new BrowserWindow({ webPreferences: { contextIsolation: true, sandbox: true } }); //@safe
  win.loadURL('https://app.example.com');
  return safe;
}

ipcMain.on('run', (event, cmd) => {
  exec(cmd); //@vuln CWE-78
});

ipcMain.handle('open', async (event, url) => {
  await shell.openExternal(url); //@vuln CWE-78|CWE-601|CWE-939
});

ipcMain.handle('read', async (event, file) => {
  return fs.readFileSync(file, 'utf8'); //@vuln CWE-22
});

ipcMain.handle('version', async () => app.getVersion()); //@safe

app.whenReady().then(createWindow);
