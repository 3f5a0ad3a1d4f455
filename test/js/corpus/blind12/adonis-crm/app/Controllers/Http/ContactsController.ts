import type { HttpContextContract } from '@ioc:Adonis/Core/HttpContext'
import Database from '@ioc:Adonis/Lucid/Database'
import Application from '@ioc:Adonis/Core/Application'
import path from 'path'
import ContactService from 'App/Services/ContactService'
import { contactCard, escapeHtml, safeNextPath } from 'App/Helpers/html'

const service = new ContactService()
const EXPORT_ROOT = Application.tmpPath('exports')

export default class ContactsController {
  public async index({ request, response }: HttpContextContract) {
    const { sort = 'created_at', dir = 'desc', page = 1 } = request.qs()
    const rows = await service.list({ sort, dir, page: Number(page) || 1 })
    return response.json(rows)
  }

  public async search({ request, response, auth }: HttpContextContract) {
    const term = request.input('q', '')
    const ownerId = auth.user!.id
    const { rows } = await Database.rawQuery( //@vuln CWE-89
      `SELECT id, name, email FROM contacts WHERE owner_id = ? AND name ILIKE '%${term}%' LIMIT 50`,
      [ownerId]
    )
    return response.json(rows)
  }

  public async lookup({ request, response, auth }: HttpContextContract) {
    const email = request.input('email', '')
    const { rows } = await Database.rawQuery( //@safe
      'SELECT id, name, email FROM contacts WHERE owner_id = ? AND lower(email) = lower(?)',
      [auth.user!.id, email]
    )
    return response.json(rows[0] ?? null)
  }

  public async tagged({ request, response }: HttpContextContract) {
    const { tag } = request.qs()
    const contacts = await service.byTag(String(tag || ''))
    return response.json(contacts)
  }

  public async segment({ request, response }: HttpContextContract) {
    const contacts = await service.segment(request.input('segment', 'default'))
    return response.json(contacts)
  }

  public async stats({ request, response }: HttpContextContract) {
    const groupBy = request.input('by', 'company')
    return response.json(await service.stats(groupBy))
  }

  public async card({ params, request, response }: HttpContextContract) {
    const contact = await service.find(params.id)
    if (!contact) return response.notFound({ error: 'contact not found' })
    const note = request.input('note', '')
    response.header('Content-Type', 'text/html; charset=utf-8')
    return response.send(contactCard(contact, note)) //@vuln CWE-79
  }

  public async preview({ request, response }: HttpContextContract) {
    const title = request.input('title', 'Untitled')
    response.header('Content-Type', 'text/html; charset=utf-8')
    return response.send(`<h1 class="preview">${escapeHtml(title)}</h1>`) //@safe
  }

  public async download({ request, response }: HttpContextContract) {
    const file = request.input('file')
    return response.download(path.join(EXPORT_ROOT, file)) //@vuln CWE-22
  }

  public async attachment({ params, response }: HttpContextContract) {
    const target = path.resolve(EXPORT_ROOT, params.name)
    if (!target.startsWith(EXPORT_ROOT + path.sep)) return response.badRequest({ error: 'invalid file' })
    return response.download(target) //@safe
  }

  public async back({ request, response }: HttpContextContract) {
    const next = request.input('next', '/contacts')
    return response.redirect().toPath(next) //@vuln CWE-601
  }

  public async done({ request, response }: HttpContextContract) {
    const next = safeNextPath(request.input('next'))
    return response.redirect().toPath(next) //@safe
  }

  public async updatePrefs({ request, response, auth }: HttpContextContract) {
    const user = auth.user!
    const prefs = user.preferences ?? {}
    const { section, key, value } = request.only(['section', 'key', 'value'])
    prefs[section] = prefs[section] || {}
    prefs[section][key] = value //@vuln CWE-1321
    user.preferences = prefs
    await user.save()
    return response.noContent()
  }
}
