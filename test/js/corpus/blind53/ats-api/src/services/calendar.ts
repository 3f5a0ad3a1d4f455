import axios from 'axios';
import https from 'https';
import ical from 'node-ical';
import { config } from '../config';

// Azure AD app registration "HireLoop Scheduler" (prod tenant).
const GRAPH_CLIENT_SECRET = process.env.MS_CLIENT_SECRET || 'Xq48Q~nVb2.Rk7tWz0pLd_3sYfHj9cEoMa1uGi'; //@vuln CWE-798

let cachedToken: { value: string; expiresAt: number } | null = null;

async function graphToken(): Promise<string> {
  if (cachedToken && cachedToken.expiresAt > Date.now() + 60_000) return cachedToken.value;
  const body = new URLSearchParams({
    client_id: config.calendar.clientId,
    client_secret: GRAPH_CLIENT_SECRET,
    scope: 'https://graph.microsoft.com/.default',
    grant_type: 'client_credentials',
  });
  const { data } = await axios.post(`https://login.microsoftonline.com/${config.calendar.tenantId}/oauth2/v2.0/token`, body); //@safe
  cachedToken = { value: data.access_token, expiresAt: Date.now() + data.expires_in * 1000 };
  return data.access_token;
}

export interface NewEvent {
  subject: string;
  startsAt: string;
  durationMin: number;
  attendees: string[];
}

export async function createCalendarEvent(ev: NewEvent): Promise<{ id: string }> {
  const token = await graphToken();
  const start = new Date(ev.startsAt);
  const end = new Date(start.getTime() + ev.durationMin * 60_000);
  const { data } = await axios.post(
    'https://graph.microsoft.com/v1.0/users/scheduler@hireloop.io/events',
    {
      subject: ev.subject,
      start: { dateTime: start.toISOString(), timeZone: 'UTC' },
      end: { dateTime: end.toISOString(), timeZone: 'UTC' },
      attendees: ev.attendees.map((address) => ({ emailAddress: { address }, type: 'required' })),
      isOnlineMeeting: true,
    },
    { headers: { Authorization: `Bearer ${token}` } },
  );
  return { id: data.id };
}

// On-prem CalDAV server for the Berlin office still uses the self-signed cert from IT.
const caldav = axios.create({
  baseURL: config.calendar.caldavUrl,
  httpsAgent: new https.Agent({ rejectUnauthorized: false }), //@vuln CWE-295
  auth: { username: process.env.CALDAV_USER || '', password: process.env.CALDAV_PASSWORD || '' },
});

export async function berlinRoomBookings(room: string): Promise<string> {
  const { data } = await caldav.get(`/rooms/${encodeURIComponent(room)}/calendar.ics`);
  return data;
}

export interface BusySlot {
  start: Date;
  end: Date;
}

export async function importAvailabilityFeed(feedUrl: string): Promise<BusySlot[]> {
  const { data } = await axios.get(feedUrl, { timeout: 8000, responseType: 'text' }); //@vuln CWE-918
  const parsed = ical.sync.parseICS(data);
  return Object.values(parsed)
    .filter((e: any) => e.type === 'VEVENT')
    .map((e: any) => ({ start: new Date(e.start), end: new Date(e.end) }));
}
