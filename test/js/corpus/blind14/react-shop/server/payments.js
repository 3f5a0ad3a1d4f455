'use strict';
const axios = require('axios');
const { Order } = require('./models');

process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; //@vuln CWE-295

const PAYMENT_API_KEY = 'sk_test_dummy_shop_payments'; //@vuln CWE-798

const client = axios.create({
  baseURL: 'https://payments.internal.example.com/v1',
  timeout: 8000,
  headers: { Authorization: `Bearer ${PAYMENT_API_KEY}` },
});

async function findOrder(id) {
  return Order.findById(String(id)).lean();
}

async function subscribe(email) {
  await client.post('/marketing/subscribers', { email, list: 'shop-newsletter' });
}

module.exports = { findOrder, subscribe };
