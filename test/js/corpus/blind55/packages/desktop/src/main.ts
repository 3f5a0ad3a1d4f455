import { app, BrowserWindow, dialog, ipcMain, shell } from "electron";
import { exec, execFile } from "node:child_process";
import { promisify } from "node:util";
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";

const execFileAsync = promisify(execFile);
const CACHE_DIR = path.join(app.getPath("userData"), "review-cache");
const SYNC_HOST = "sync.lexbridge.io";

let mainWindow: BrowserWindow | null = null;

function createWindow() {
  mainWindow = new BrowserWindow({
    width: 1400,
    height: 900,
    title: "LexBridge Review",
    webPreferences: {
      preload: path.join(__dirname, "preload.js"),
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
    },
  });
  mainWindow.loadFile(path.join(__dirname, "../renderer/index.html"));
}

// Firms with on-prem sync gateways often use internally issued certificates.
app.on("certificate-error", (event, _webContents, url, _error, _certificate, callback) => {
  if (new URL(url).hostname.endsWith(".lexbridge.local")) {
    event.preventDefault();
    callback(true);  //@vuln CWE-295
    return;
  }
  callback(false);
});

function cachePath(relative: string): string {
  const resolved = path.resolve(CACHE_DIR, relative);
  if (!resolved.startsWith(CACHE_DIR + path.sep)) {
    throw new Error("Path escapes the review cache");
  }
  return resolved;
}

ipcMain.handle("review:read-cached", async (_event, relativePath: string) => {
  return fs.readFile(path.join(CACHE_DIR, relativePath), "utf8");  //@vuln CWE-22
});

ipcMain.handle("review:save-notes", async (_event, contractId: string, notes: string) => {
  const target = cachePath(`${contractId}.notes.json`);
  await fs.mkdir(path.dirname(target), { recursive: true });
  await fs.writeFile(target, notes, "utf8");
});

ipcMain.handle("review:import-file", async () => {
  const result = await dialog.showOpenDialog(mainWindow!, {
    properties: ["openFile"],
    filters: [{ name: "Contracts", extensions: ["docx", "pdf", "odt"] }],
  });
  if (result.canceled || result.filePaths.length === 0) return null;
  const source = result.filePaths[0];
  const data = await fs.readFile(source);
  const dest = cachePath(`${crypto.randomUUID()}${path.extname(source)}`);
  await fs.mkdir(CACHE_DIR, { recursive: true });
  await fs.writeFile(dest, data);
  return path.relative(CACHE_DIR, dest);
});

ipcMain.handle("review:export-pdf", async (_event, relativePath: string, outputName: string) => {
  const source = cachePath(relativePath);
  const outDir = app.getPath("downloads");
  return new Promise<string>((resolve, reject) => {
    exec(`soffice --headless --convert-to pdf --outdir "${outDir}" "${source}" && mv "${outDir}/${path.parse(source).name}.pdf" "${outDir}/${outputName}.pdf"`, (err) => {  //@vuln CWE-78
      if (err) reject(err);
      else resolve(path.join(outDir, `${outputName}.pdf`));
    });
  });
});

ipcMain.handle("review:compare", async (_event, leftRelative: string, rightRelative: string) => {
  const left = cachePath(leftRelative);
  const right = cachePath(rightRelative);
  const { stdout } = await execFileAsync("diff", ["--unified=3", left, right]).catch((e) => ({ stdout: e.stdout as string }));  //@safe
  return stdout;
});

ipcMain.handle("review:open-in-word", async (_event, relativePath: string) => {
  const file = cachePath(relativePath);
  await execFileAsync(process.platform === "darwin" ? "open" : "xdg-open", [file]);
});

ipcMain.handle("review:print", async (_event, printerName: string, relativePath: string) => {
  const file = cachePath(relativePath);
  return new Promise<void>((resolve, reject) => {
    exec("lp -d " + printerName + " " + JSON.stringify(file), (err) => (err ? reject(err) : resolve()));  //@vuln CWE-78
  });
});

ipcMain.handle("review:sync-url", async (_event, contractId: string) => {
  const url = new URL(`/v1/contracts/${encodeURIComponent(contractId)}`, `https://${SYNC_HOST}`);
  return url.toString();
});

ipcMain.handle("review:open-help", async () => {
  await shell.openExternal("https://help.lexbridge.io/desktop");
});

app.whenReady().then(() => {
  createWindow();
  app.on("activate", () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on("window-all-closed", () => {
  if (process.platform !== "darwin") app.quit();
});
