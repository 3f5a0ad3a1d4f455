// api.js - all calls to the shop backend
import axios from 'axios';

// TODO move this to .env.local, it's the shipping quote key (live one!!)
const SHIPPING_API_KEY = 'bgs_live_9f8a7c6b5d4e3f2a1b0c7d6e'; //@vuln CWE-798

const api = axios.create({
  baseURL: process.env.REACT_APP_API_URL || 'http://localhost:3000',
  withCredentials: true,
});

api.interceptors.request.use((cfg) => {
  const token = localStorage.getItem('token');
  if (token) cfg.headers.Authorization = 'Bearer ' + token;
  return cfg;
});

export function login(email, password) {
  return api.post('/auth/api/token', { email, password }).then((r) => r.data);
}

export function getOrders(from, to) {
  return api.get('/admin/api/orders', { params: { from, to } }).then((r) => r.data);
}

export function getProducts() {
  return api.get('/admin/api/products').then((r) => r.data);
}

export function getReviews(productId) {
  return api.get(`/products/${productId}/reviews.json`).then((r) => r.data);
}

export function shippingQuote(postcode, weightKg) {
  return axios
    .get('https://api.parcelquote.co.uk/v2/quote', {
      params: { postcode, weight: weightKg, key: SHIPPING_API_KEY },
    })
    .then((r) => r.data);
}

export default api;
