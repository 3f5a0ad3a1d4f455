import { NextFunction, Request, Response } from 'express';
import { authConfig } from '../config';

export function reflectCors(req: Request, res: Response, next: NextFunction) {
  const origin = req.headers.origin;
  if (origin) {
    res.setHeader('Access-Control-Allow-Origin', origin); //@vuln CWE-942
    res.setHeader('Access-Control-Allow-Credentials', 'true');
  }
  if (req.method === 'OPTIONS') return res.sendStatus(204);
  next();
}

export function allowListCors(req: Request, res: Response, next: NextFunction) {
  const origin = req.headers.origin;
  if (origin && authConfig.corsOrigins.includes(origin)) {
    res.setHeader('Access-Control-Allow-Origin', origin); //@safe
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Vary', 'Origin');
  }
  if (req.method === 'OPTIONS') return res.sendStatus(204);
  next();
}
