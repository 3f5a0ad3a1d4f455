import crypto from 'crypto'
import type { HttpContextContract } from '@ioc:Adonis/Core/HttpContext'
import Hash from '@ioc:Adonis/Core/Hash'
import Mail from '@ioc:Adonis/Addons/Mail'
import User from 'App/Models/User'

function legacyDigest(password: string) {
  return crypto.createHash('md5').update(password).digest('hex') //@vuln CWE-327|CWE-328
}

function makeResetToken() {
  return Math.random().toString(36).slice(2) + Date.now().toString(36) //@vuln CWE-338
}

export default class AuthController {
  public async login({ request, response, auth }: HttpContextContract) {
    const { email, password } = request.only(['email', 'password'])
    const user = await User.findBy('email', email)
    if (!user) return response.unauthorized({ error: 'invalid credentials' })

    let valid = false
    if (user.legacyHash) {
      valid = user.legacyHash === legacyDigest(password)
      if (valid) {
        user.password = await Hash.make(password)
        user.legacyHash = null
        await user.save()
      }
    } else {
      valid = await Hash.verify(user.password, password)
    }
    if (!valid) return response.unauthorized({ error: 'invalid credentials' })

    await auth.use('web').login(user)
    response.cookie('crm_last_user', user.email, { httpOnly: false, secure: false, maxAge: '30d' }) //@vuln CWE-614|CWE-1004
    response.cookie('crm_device', crypto.randomUUID(), { httpOnly: true, secure: true, sameSite: 'strict' }) //@safe
    return response.redirect().toRoute('dashboard')
  }

  public async forgot({ request, response }: HttpContextContract) {
    const user = await User.findBy('email', request.input('email'))
    if (user) {
      user.resetToken = makeResetToken()
      user.resetExpiresAt = new Date(Date.now() + 60 * 60 * 1000)
      await user.save()
      await Mail.send((message) => {
        message.to(user.email).subject('Reset your password').htmlView('emails/reset', { token: user.resetToken })
      })
    }
    return response.ok({ sent: true })
  }

  public async rotateApiKey({ auth, response }: HttpContextContract) {
    const user = auth.user!
    const apiKey = crypto.randomBytes(32).toString('hex') //@safe
    user.apiKeyHash = await Hash.make(apiKey)
    await user.save()
    return response.ok({ apiKey })
  }
}
