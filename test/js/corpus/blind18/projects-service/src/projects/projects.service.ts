import { Injectable, NotFoundException } from '@nestjs/common';
import { PrismaService } from '../prisma.service';

@Injectable()
export class ProjectsService {
  constructor(private readonly prisma: PrismaService) {}

  async list(workspaceId: string, tag?: string, orderBy = 'updated_at') {
    const tagFilter = tag ? `AND '${tag}' = ANY(p.tags)` : '';
    return this.prisma.$queryRawUnsafe(`SELECT p.id, p.name, p.tags, p.updated_at FROM projects p WHERE p.workspace_id = $1 ${tagFilter} ORDER BY ${orderBy} DESC`, workspaceId); //@vuln CWE-89
  }

  async search(workspaceId: string, q: string) {
    const term = `%${q}%`;
    return this.prisma.$queryRaw`SELECT id, name FROM projects WHERE workspace_id = ${workspaceId} AND name ILIKE ${term} LIMIT 25`; //@safe
  }

  async findOne(workspaceId: string, id: string) {
    const [project] = await this.prisma.$queryRawUnsafe<{ id: string; name: string }[]>('SELECT id, name, tags, archived_at FROM projects WHERE id = $1 AND workspace_id = $2', id, workspaceId); //@safe
    if (!project) throw new NotFoundException();
    return project;
  }

  async archive(workspaceId: string, id: string, reason: string) {
    await this.findOne(workspaceId, id);
    await this.prisma.$executeRawUnsafe(`UPDATE projects SET archived_at = now(), archive_reason = '${reason}' WHERE id = '${id}'`); //@vuln CWE-89
    return { id, archived: true };
  }
}
