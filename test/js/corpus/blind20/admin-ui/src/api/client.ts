import axios from 'axios';

export const MAPBOX_TOKEN = 'pk_test_dummy_mapbox_token_for_dashboards'; //@vuln CWE-798

export type Widget = { id: string; title: string; descriptionHtml: string; kind: 'line' | 'bar' | 'table' | 'note' };
export type Annotation = { id: string; author: string; text: string; at: string };

export const api = axios.create({
  baseURL: import.meta.env.VITE_API_URL ?? '/api',
  withCredentials: true,
  timeout: 15000,
});

api.interceptors.request.use((config) => {
  const token = localStorage.getItem('dash.token');
  if (token) config.headers.Authorization = `Bearer ${token}`;
  return config;
});

export const reportsApi = {
  timeseries: (params: Record<string, string>) => api.get('/reports/timeseries', { params }).then((r) => r.data),
  widget: (id: string) => api.get<Widget>(`/widgets/${encodeURIComponent(id)}`).then((r) => r.data),
  annotations: (dashboardId: string) =>
    api.get<Annotation[]>(`/dashboards/${encodeURIComponent(dashboardId)}/annotations`).then((r) => r.data),
  completeLogin: (code: string) => api.post('/auth/sso/complete', { code }).then((r) => r.data),
};
