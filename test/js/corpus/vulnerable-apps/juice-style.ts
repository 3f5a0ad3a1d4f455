import { type Request, type Response, type NextFunction } from 'express'
import * as models from '../models/index'
import * as security from '../lib/insecurity'
import * as utils from '../lib/utils'
import path from 'node:path'
import vm from 'node:vm'
import * as db from '../data/mongodb'
import libxml from 'libxmljs2'
import yaml from 'js-yaml'

export function login () {
  return (req: Request, res: Response, next: NextFunction) => {
    models.sequelize.query(`SELECT * FROM Users WHERE email = '${req.body.email || ''}' AND password = '${security.hash(req.body.password || '')}' AND deletedAt IS NULL`, { model: models.User, plain: true }) //@vuln CWE-89
      .then((authenticatedUser: any) => { res.json(utils.queryResultToJson(authenticatedUser)) })
      .catch((error: Error) => { next(error) })
  }
}

export function searchProducts () {
  return (req: Request, res: Response, next: NextFunction) => {
    let criteria: any = req.query.q === 'undefined' ? '' : req.query.q ?? ''
    criteria = (criteria.length <= 200) ? criteria : criteria.substring(0, 200)
    models.sequelize.query(`SELECT * FROM Products WHERE ((name LIKE '%${criteria}%' OR description LIKE '%${criteria}%') AND deletedAt IS NULL) ORDER BY name`) //@vuln CWE-89
      .then(([products]: any) => { res.json(utils.queryResultToJson(products)) })
      .catch((error: any) => { next(error.parent) })
  }
}

export function showProductReviews () {
  return (req: Request, res: Response, next: NextFunction) => {
    const id = req.params.id
    db.reviewsCollection.find({ $where: 'this.product == ' + id }).then((reviews: any) => { //@vuln CWE-943
      res.json(utils.queryResultToJson(reviews))
    })
  }
}

export function servePublicFiles () {
  return ({ params, query }: Request, res: Response, next: NextFunction) => {
    const file = params.file
    if (!file.includes('/')) {
      res.sendFile(path.resolve('ftp/', file)) //@vuln CWE-22
    } else {
      res.status(403)
      next(new Error('File names cannot contain forward slashes!'))
    }
  }
}

export function handleXmlUpload (req: Request, res: Response) {
  const data = req.file?.buffer.toString()
  const sandbox = { libxml, data }
  vm.createContext(sandbox)
  const xmlDoc = vm.runInContext('libxml.parseXml(data, { noblanks: true, noent: true, nocdata: true })', sandbox, { timeout: 2000 })
  const direct = libxml.parseXml(String(data), { noblanks: true, noent: true, nocdata: true }) //@vuln CWE-611
  res.json({ a: xmlDoc.toString(), b: direct.toString() })
}

export function performRedirect () {
  return ({ query }: Request, res: Response, next: NextFunction) => {
    const toUrl: string = query.to as string
    if (security.isRedirectAllowed(toUrl)) {
      res.redirect(toUrl) //@safe
    } else {
      res.status(406)
      next(new Error('Unrecognized target URL for redirect: ' + toUrl))
    }
  }
}

export function updateProductReviews () {
  return (req: Request, res: Response, next: NextFunction) => {
    const user = security.authenticatedUsers.from(req)
    db.reviewsCollection.update( //@vuln CWE-943
      { _id: req.body.id },
      { $set: { message: req.body.message } },
      { multi: true }
    ).then((result: any) => res.json(result))
  }
}
