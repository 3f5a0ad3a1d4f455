import { contextBridge, ipcRenderer } from 'electron';

contextBridge.exposeInMainWorld('notedesk', {
  openLink: (url: string) => ipcRenderer.invoke('link:open', url),
  openHelp: (topic: string) => ipcRenderer.invoke('help:open', topic),
  readFile: (p: string) => ipcRenderer.invoke('fs:read', p),
  readProjectFile: (rel: string) => ipcRenderer.invoke('project:read', rel),
  exportNote: (title: string, body: string) => ipcRenderer.invoke('note:export', title, body),
  git: (args: string) => ipcRenderer.invoke('git:run', args),
  gitLog: (n: number) => ipcRenderer.invoke('git:log', n),
  setSetting: (keyPath: string, value: unknown) => ipcRenderer.invoke('settings:set', keyPath, value),
  runScript: (code: string) => ipcRenderer.invoke('script:run', code),
  search: (q: string) => ipcRenderer.invoke('search', q),
});
