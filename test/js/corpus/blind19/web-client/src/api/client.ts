import axios from 'axios';

export const api = axios.create({
  baseURL: import.meta.env.VITE_API_BASE ?? '/api',
  withCredentials: true,
  headers: {
    'X-Client': 'web-storefront',
    'X-Api-Key': 'pk_test_dummy_storefront_key', //@vuln CWE-798
  },
});

api.interceptors.request.use((cfg) => {
  const token = sessionStorage.getItem('mk_access');
  if (token) cfg.headers.Authorization = `Bearer ${token}`;
  return cfg;
});

export const listingsApi = {
  get: (id: string) => api.get(`/listings/${encodeURIComponent(id)}`).then((r) => r.data),
  search: (params: Record<string, string>) => api.get('/listings', { params }).then((r) => r.data.hits),
};
