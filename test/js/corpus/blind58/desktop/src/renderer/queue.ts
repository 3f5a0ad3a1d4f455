type LibraryEntry = { name: string; isDirectory: boolean; path: string };
type UploadRequest = { relativePath: string; caption: string; scheduledAt?: string };

interface PostwiseBridge {
  listLibrary(folder: string): Promise<LibraryEntry[]>;
  probe(relativePath: string): Promise<{ format: { duration: string; size: string } }>;
  startUpload(request: UploadRequest): Promise<{ key: string }>;
  onProgress(listener: (progress: { file: string; loaded: number; total: number }) => void): void;
}

declare global {
  interface Window {
    postwise: PostwiseBridge;
    refreshQueue: (folder: string) => Promise<void>;
  }
}

const params = new URLSearchParams(window.location.search);
const folder = params.get('folder') ?? '';
const returnTo = params.get('returnTo');
const refreshEvery = Number(params.get('refresh') ?? '30');

document.write(`<header class="queue-header"><h1>Upload queue</h1><h2>${folder || 'Media library'}</h2></header>`);  //@vuln CWE-79

const list = document.getElementById('library') as HTMLUListElement;
const status = document.getElementById('status') as HTMLParagraphElement;
const progressBars = new Map<string, HTMLProgressElement>();

function renderEntry(entry: LibraryEntry): HTMLLIElement {
  const item = document.createElement('li');
  item.className = entry.isDirectory ? 'folder' : 'file';
  item.append(Object.assign(document.createElement('span'), { textContent: entry.name }));

  if (!entry.isDirectory) {
    const bar = document.createElement('progress');
    bar.max = 1;
    bar.value = 0;
    progressBars.set(entry.path, bar);
    item.appendChild(bar);
    item.addEventListener('click', () => upload(entry));
  }
  return item;
}

async function upload(entry: LibraryEntry) {
  const caption = (document.getElementById('caption') as HTMLTextAreaElement).value;
  const scheduledAt = (document.getElementById('scheduled-at') as HTMLInputElement).value || undefined;
  status.textContent = `Uploading ${entry.name}…`;
  try {
    const probe = await window.postwise.probe(entry.path);
    if (Number(probe.format.duration) > 600) {
      status.textContent = 'Videos longer than 10 minutes are not supported by most networks.';
      return;
    }
    const result = await window.postwise.startUpload({ relativePath: entry.path, caption, scheduledAt });
    status.textContent = `Uploaded as ${result.key}`;
    if (returnTo) window.location.assign(returnTo);  //@vuln CWE-601
  } catch (err) {
    status.textContent = `Upload failed: ${(err as Error).message}`;
  }
}

window.refreshQueue = async (target: string) => {
  const entries = await window.postwise.listLibrary(target);
  list.replaceChildren(...entries.map(renderEntry));
};

window.postwise.onProgress(({ file, loaded, total }) => {
  const bar = progressBars.get(file);
  if (bar) bar.value = total ? loaded / total : 0;
});

window.refreshQueue(folder).catch((err) => {
  status.textContent = `Could not read library: ${(err as Error).message}`;
});

setInterval(`window.refreshQueue("${folder}")`, Math.max(refreshEvery, 5) * 1000);  //@vuln CWE-95

export {};
