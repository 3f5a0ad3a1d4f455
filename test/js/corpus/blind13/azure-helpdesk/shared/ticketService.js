const { sequelize, QueryTypes } = require("./db");

class TicketService {
  constructor(tenantId) {
    this.tenantId = tenantId;
  }

  async list({ status, assignee, q }) {
    const filters = ["tenant_id = :tenantId"];
    const replacements = { tenantId: this.tenantId };
    const add = (clause, key, value) => filters.push(clause) && (replacements[key] = value);
    if (status) add("status = :status", "status", status);
    if (assignee) add("assignee = :assignee", "assignee", assignee);
    if (q) add("title ILIKE :q", "q", `%${q}%`);
    return sequelize.query( //@safe
      `SELECT id, title, status, assignee, updated_at FROM tickets WHERE ${filters.join(" AND ")} ORDER BY updated_at DESC LIMIT 100`,
      { replacements, type: QueryTypes.SELECT }
    );
  }

  async byLabel(label, orderBy) {
    return sequelize.query( //@vuln CWE-89
      `SELECT t.id, t.title, t.status FROM tickets t
       JOIN ticket_labels l ON l.ticket_id = t.id
       WHERE t.tenant_id = '${this.tenantId}' AND l.name = '${label}'
       ORDER BY ${orderBy || "t.id"}`,
      { type: QueryTypes.SELECT }
    );
  }

  async get(id) {
    const replacements = { id, tenantId: this.tenantId };
    const [row] = await sequelize.query("SELECT * FROM tickets WHERE id = :id AND tenant_id = :tenantId", { replacements, type: QueryTypes.SELECT });
    return row;
  }

  async bulkClose(ids, reason) {
    const idList = ids.join(",");
    const [, meta] = await sequelize.query( //@vuln CWE-89
      `UPDATE tickets SET status = 'closed', close_reason = '${reason}' WHERE tenant_id = '${this.tenantId}' AND id IN (${idList})`
    );
    return meta?.rowCount ?? 0;
  }

  async insertMany(tickets) {
    return sequelize.transaction(async (transaction) => {
      for (const t of tickets) {
        await sequelize.query(
          "INSERT INTO tickets (tenant_id, title, status, assignee) VALUES (:tenantId, :title, :status, :assignee)",
          { replacements: { tenantId: this.tenantId, title: t.title, status: t.status || "open", assignee: t.assignee || null }, transaction }
        );
      }
      return tickets.length;
    });
  }
}

module.exports = { TicketService };
