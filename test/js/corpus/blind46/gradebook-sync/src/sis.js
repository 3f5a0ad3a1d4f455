'use strict';
// Client for the district Student Information System (PowerSchool-style REST API).
const axios = require('axios');
const https = require('https');

const SIS_BASE_URL = process.env.SIS_BASE_URL || 'https://sis.district.k12.example.org/ws/v1';
const SIS_API_KEY = process.env.SIS_API_KEY || 'sis_live_4f9a1c7e2b8d4e6fa0c3d55e'; //@vuln CWE-798

class SisError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

class SisClient {
  constructor(baseUrl = SIS_BASE_URL) {
    this.http = axios.create({
      baseURL: baseUrl,
      timeout: 15000,
      headers: { 'X-Api-Key': SIS_API_KEY, Accept: 'application/json' },
      // district SIS is behind a self-signed appliance cert
      httpsAgent: new https.Agent({ rejectUnauthorized: false, keepAlive: true }), //@vuln CWE-295
    });
  }

  async roster(sectionId) {
    const { data } = await this.http.get(`/sections/${encodeURIComponent(sectionId)}/students`, { params: { expansions: 'demographics' } });
    return data.students.map((s) => ({ sisId: String(s.id), name: `${s.name.first_name} ${s.name.last_name}`, email: s.contact && s.contact.email, grade: s.grade_level }));
  }

  async pushScores(sectionId, assignmentCode, scores) {
    const { data, status } = await this.http.post(`/sections/${encodeURIComponent(sectionId)}/assignments/${encodeURIComponent(assignmentCode)}/scores`, { scores }, { validateStatus: () => true });
    if (status >= 400) throw new SisError(`SIS rejected scores: ${data && data.message}`, status);
    return data.accepted || 0;
  }
}

module.exports = { SisClient, SisError, SIS_BASE_URL };
