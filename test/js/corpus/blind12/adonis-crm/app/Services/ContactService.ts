import Database from '@ioc:Adonis/Lucid/Database'
import Contact from 'App/Models/Contact'

const SORTABLE = ['created_at', 'name', 'email', 'company']

interface ListOptions {
  sort: string
  dir: string
  page: number
}

export default class ContactService {
  public async list({ sort, dir, page }: ListOptions) {
    const column = SORTABLE.includes(sort) ? sort : 'created_at'
    const direction = dir === 'asc' ? 'asc' : 'desc'
    return Database.from('contacts').orderBy(column, direction).paginate(page, 25)
  }

  public async find(id: number | string) {
    return Contact.find(id)
  }

  public async byTag(tag: string) {
    return Database.from('contacts')
      .select('id', 'name', 'email')
      .whereRaw(`tags @> '{${tag}}'`) //@vuln CWE-89
  }

  public async segment(segment: string) {
    return Database.from('contacts')
      .select('id', 'name', 'email')
      .whereRaw('segment = ?', [segment]) //@safe
  }

  public async stats(groupBy: string) {
    const sql = `SELECT ${groupBy} AS bucket, count(*) AS total FROM contacts GROUP BY ${groupBy}`
    const result = await Database.rawQuery(sql) //@vuln CWE-89
    return result.rows
  }
}
