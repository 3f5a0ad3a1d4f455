import { contextBridge, ipcRenderer } from "electron";

export interface ReviewBridge {
  readCached(relativePath: string): Promise<string>;
  saveNotes(contractId: string, notes: string): Promise<void>;
  importFile(): Promise<string | null>;
  exportPdf(relativePath: string, outputName: string): Promise<string>;
  compare(left: string, right: string): Promise<string>;
  openInWord(relativePath: string): Promise<void>;
  print(printerName: string, relativePath: string): Promise<void>;
  syncUrl(contractId: string): Promise<string>;
  openHelp(): Promise<void>;
}

const bridge: ReviewBridge = {
  readCached: (relativePath) => ipcRenderer.invoke("review:read-cached", relativePath),
  saveNotes: (contractId, notes) => ipcRenderer.invoke("review:save-notes", contractId, notes),
  importFile: () => ipcRenderer.invoke("review:import-file"),
  exportPdf: (relativePath, outputName) => ipcRenderer.invoke("review:export-pdf", relativePath, outputName),
  compare: (left, right) => ipcRenderer.invoke("review:compare", left, right),
  openInWord: (relativePath) => ipcRenderer.invoke("review:open-in-word", relativePath),
  print: (printerName, relativePath) => ipcRenderer.invoke("review:print", printerName, relativePath),
  syncUrl: (contractId) => ipcRenderer.invoke("review:sync-url", contractId),
  openHelp: () => ipcRenderer.invoke("review:open-help"),
};

contextBridge.exposeInMainWorld("lexbridge", bridge);

// Show which build the reviewer is on in the About panel.
window.addEventListener("DOMContentLoaded", () => {
  const versionEl = document.getElementById("app-version");
  if (versionEl) versionEl.textContent = process.versions.electron ?? "";
});
