import axios from 'axios';

export interface TicketComment { id: string; author: string; body: string; createdAt: string }
export interface Ticket { id: string; subject: string; bodyHtml: string; status: string; comments: TicketComment[] }
export interface TicketSummary { id: string; subject: string; status: string; updatedAt: string }

const SUPPORT_ADMIN_TOKEN = 'sk_test_dummy_support_admin_token'; //@vuln CWE-798

export const api = axios.create({
  baseURL: import.meta.env.VITE_API_URL ?? '/api',
  withCredentials: true,
  timeout: 15000,
});

export const login = (email: string, password: string) => api.post('/auth/login', { email, password });
export const getTicket = (id: string) => api.get<Ticket>(`/tickets/${encodeURIComponent(id)}`).then((r) => r.data);
export const searchTickets = (q: string) => api.get<TicketSummary[]>('/tickets', { params: { q } }).then((r) => r.data);

export const escalateTicket = (id: string) =>
  axios.post(`https://support-admin.example.com/v1/escalations`, { ticketId: id }, { headers: { Authorization: `Bearer ${SUPPORT_ADMIN_TOKEN}` } });
