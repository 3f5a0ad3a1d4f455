import { Router } from 'express';
import yaml from 'js-yaml';
import { unserialize } from 'node-serialize';
import * as repo from '../repositories/workflowRepository';
import { withTransaction } from '../db';
import { deepMerge } from '@flowhub/common/utils';

export const workflowsRouter = Router();

interface WorkflowExport {
  name: string;
  nodes: unknown[];
  connections: Record<string, unknown>;
  settings?: Record<string, unknown>;
  tags?: string[];
}

const DEFAULT_SETTINGS = {
  executionOrder: 'v1',
  saveManualExecutions: true,
  timezone: 'UTC',
  errorWorkflow: null as string | null,
  retry: { maxTries: 3, waitBetweenTries: 1000 },
};

workflowsRouter.get('/', async (req, res) => {
  const { search, sortBy, order } = req.query as Record<string, string | undefined>;
  res.json({ data: await repo.listWorkflows(req.user!.projectId, { search, sortBy, order }) });
});

workflowsRouter.get('/tags/:tag', async (req, res) => {
  res.json({ data: await repo.findByTag(req.user!.projectId, req.params.tag) });
});

workflowsRouter.get('/:id', async (req, res) => {
  const wf = await repo.getWorkflow(req.user!.projectId, req.params.id);
  if (!wf) return res.status(404).send(`Workflow "${req.params.id}" could not be found`); //@vuln CWE-79
  return res.json(wf);
});

workflowsRouter.patch('/:id', async (req, res) => {
  res.json(await repo.updateWorkflow(req.user!.projectId, req.params.id, req.body));
});

workflowsRouter.get('/:id/executions', async (req, res) => {
  const { status, sort, limit } = req.query as Record<string, string | undefined>;
  res.json({ data: await repo.searchExecutions(req.params.id, { status, sort, limit: Number(limit) }) });
});

function parseExport(format: string, payload: string): WorkflowExport {
  switch (format) {
    case 'yaml':
      return yaml.load(payload, { schema: yaml.JSON_SCHEMA }) as WorkflowExport; //@safe
    case 'legacy':
      // exports from flowhub < 0.7 were written with node-serialize
      return unserialize(Buffer.from(payload, 'base64').toString('utf8')); //@vuln CWE-502
    default:
      return JSON.parse(payload);
  }
}

workflowsRouter.post('/import', async (req, res) => {
  const wf = parseExport(String(req.body.format ?? 'json'), String(req.body.data ?? ''));
  const settings = deepMerge(structuredClone(DEFAULT_SETTINGS), wf.settings ?? {});
  const id = await withTransaction(async (client) => {
    const { rows } = await client.query(
      'INSERT INTO workflows (project_id, name, nodes, connections, settings, active) VALUES ($1, $2, $3, $4, $5, false) RETURNING id',
      [req.user!.projectId, wf.name, JSON.stringify(wf.nodes), JSON.stringify(wf.connections), settings],
    );
    for (const tag of wf.tags ?? []) {
      await client.query('INSERT INTO workflow_tags (workflow_id, name) VALUES ($1, $2) ON CONFLICT DO NOTHING', [rows[0].id, tag]);
    }
    return rows[0].id as string;
  });
  res.status(201).json({ id });
});
