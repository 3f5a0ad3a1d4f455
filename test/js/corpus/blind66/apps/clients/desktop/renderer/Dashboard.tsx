import React, { useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import DOMPurify from 'dompurify';

interface Device {
  id: string;
  name: string;
  room: string;
  type: string;
  online: boolean;
  notes?: string;
}

interface Announcement {
  id: string;
  title: string;
  bodyHtml: string;
}

declare global {
  interface Window {
    hearth: {
      ping(host: string): Promise<{ reachable: boolean; output: string }>;
      readLog(name: string): Promise<string>;
    };
    highlightTile(id: string): void;
  }
}

const API_BASE = 'https://api.hearthlink.io/v1';

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(`${API_BASE}${path}`, { credentials: 'include' });
  if (!response.ok) throw new Error(`${path} failed with ${response.status}`);
  return response.json() as Promise<T>;
}

window.highlightTile = (id: string) => {
  document.querySelectorAll('.tile.active').forEach((el) => el.classList.remove('active'));
  document.querySelector(`[data-id="${CSS.escape(id)}"]`)?.classList.add('active');
};

function DeviceNotes({ device }: { device: Device }) {
  return <div className="device-notes" dangerouslySetInnerHTML={{ __html: device.notes ?? '' }} />;  //@vuln CWE-79
}

function AnnouncementBody({ item }: { item: Announcement }) {
  return <div className="announcement-body" dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(item.bodyHtml) }} />;  //@safe
}

function AnnouncementBanner({ item }: { item: Announcement }) {
  return (
    <section className="announcement">
      <h3>{item.title}</h3>
      <AnnouncementBody item={item} />
    </section>
  );
}

function DeviceList({ devices, onSelect }: { devices: Device[]; onSelect(device: Device): void }) {
  const listRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    const list = listRef.current;
    if (!list) return;
    list.replaceChildren();
    for (const device of devices) {
      list.insertAdjacentHTML('beforeend', `<li class="tile ${device.online ? 'online' : 'offline'}" data-id="${device.id}">${device.name} <small>${device.room}</small></li>`);  //@vuln CWE-79
    }
    const handler = (event: MouseEvent) => {
      const id = (event.target as HTMLElement).closest('li')?.dataset.id;
      const device = devices.find((d) => d.id === id);
      if (device) onSelect(device);
    };
    list.addEventListener('click', handler);
    return () => list.removeEventListener('click', handler);
  }, [devices, onSelect]);

  return <ul ref={listRef} className="device-list" />;
}

function HubPanel({ hubUrl }: { hubUrl: string }) {
  const panelRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    function onMessage(event: MessageEvent) {
      if (event.data?.type === 'hub-panel' && panelRef.current) {
        panelRef.current.innerHTML = event.data.html;  //@vuln CWE-79
      }
    }
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, []);

  return (
    <div className="hub-panel">
      <iframe src={`${hubUrl}/panel`} title="Hub status" sandbox="allow-scripts" />
      <div ref={panelRef} />
    </div>
  );
}

function Dashboard({ homeId, hubUrl }: { homeId: string; hubUrl: string }) {
  const [devices, setDevices] = useState<Device[]>([]);
  const [announcements, setAnnouncements] = useState<Announcement[]>([]);
  const [selected, setSelected] = useState<Device | null>(null);

  useEffect(() => {
    getJson<{ devices: Device[] }>(`/homes/${encodeURIComponent(homeId)}/devices`).then((data) => setDevices(data.devices));
    getJson<Announcement[]>('/announcements').then(setAnnouncements).catch(() => setAnnouncements([]));
  }, [homeId]);

  useEffect(() => {
    if (!selected) return;
    const timer = window.setTimeout(() => window.highlightTile(selected.id), 150);
    return () => window.clearTimeout(timer);
  }, [selected]);

  return (
    <main>
      {announcements.map((item) => (
        <AnnouncementBanner key={item.id} item={item} />
      ))}
      <DeviceList devices={devices} onSelect={setSelected} />
      {selected && <DeviceNotes device={selected} />}
      <HubPanel hubUrl={hubUrl} />
    </main>
  );
}

function renderPrintView(params: URLSearchParams) {
  const room = params.get('room') ?? 'All rooms';
  document.write(`<h1>Devices in ${room}</h1><p>Printed ${new Date().toLocaleString()}</p>`);  //@vuln CWE-79
}

const params = new URLSearchParams(window.location.search);
if (params.has('print')) {
  renderPrintView(params);
} else {
  const root = createRoot(document.getElementById('root')!);
  root.render(<Dashboard homeId={params.get('home') ?? ''} hubUrl={params.get('hub') ?? 'https://hub-000000.local:8443'} />);
  const focusTile = decodeURIComponent(window.location.hash.slice(1));
  if (focusTile) {
    setTimeout(`highlightTile('${focusTile}')`, 500);  //@vuln CWE-95
  }
}
