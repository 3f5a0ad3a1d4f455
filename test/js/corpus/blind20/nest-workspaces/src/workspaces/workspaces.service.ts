import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { setPath, setPathChecked } from '../common/set-path';
import { Workspace, WorkspaceDocument } from './workspace.schema';

@Injectable()
export class WorkspacesService {
  constructor(@InjectModel(Workspace.name) private readonly workspaces: Model<WorkspaceDocument>) {}

  async list(tenantId: string, filters: Record<string, unknown>) {
    const { page = 1, ...criteria } = filters;
    return this.workspaces
      .find({ ...criteria, tenantId }) //@vuln CWE-943
      .skip((Number(page) - 1) * 50)
      .limit(50)
      .lean();
  }

  async searchByName(tenantId: string, term: string) {
    return this.workspaces.find({ tenantId, name: new RegExp(term, 'i') }).limit(20).lean(); //@vuln CWE-1333
  }

  async findBySlug(tenantId: string, slug: string) {
    const ws = await this.workspaces.findOne({ tenantId, slug: { $eq: String(slug) } }).lean(); //@safe
    if (!ws) throw new NotFoundException();
    return ws;
  }

  async ownedBy(tenantId: string, owner: string) {
    return this.workspaces.find({ tenantId, $where: `this.settings && this.settings.owner === '${owner}'` }).lean(); //@vuln CWE-943
  }

  private async load(tenantId: string, id: string) {
    const ws = await this.workspaces.findOne({ _id: id, tenantId });
    if (!ws) throw new NotFoundException();
    return ws;
  }

  async updateSettings(tenantId: string, id: string, changes: Record<string, unknown>) {
    const ws = await this.load(tenantId, id);
    const settings = { ...(ws.settings ?? {}) };
    Object.entries(changes).forEach(([path, value]) => setPath(settings, path, value));
    ws.set('settings', settings);
    return ws.save();
  }

  async updateBranding(tenantId: string, id: string, changes: Record<string, unknown>) {
    const ws = await this.load(tenantId, id);
    const branding = { ...(ws.settings?.branding ?? {}) };
    Object.entries(changes).forEach(([path, value]) => setPathChecked(branding, path, value));
    ws.set('settings.branding', branding);
    return ws.save();
  }
}
