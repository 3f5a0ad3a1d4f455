import { Request, Response, Router } from 'express';
import * as crypto from 'crypto';
import { spawn } from 'child_process';
import * as vm from 'vm';

export class UsersController {
  public router = Router();
  private readonly apiToken = 'tok_9f8e7d6c5b4a3f2e1d'; //@vuln CWE-798

  constructor(private readonly repo: any) {
    this.router.get('/users/search', this.search.bind(this));
    this.router.post('/users/eval', this.calc.bind(this));
    this.router.post('/users/convert', this.convert.bind(this));
  }

  private async search(req: Request, res: Response) {
    const users = await this.repo.query(`SELECT * FROM users WHERE name = '${req.query.name}'`); //@vuln CWE-89
    res.json(users);
  }

  private calc(req: Request, res: Response) {
    const result = vm.runInNewContext(req.body.expr); //@vuln CWE-94
    res.json({ result });
  }

  private convert(req: Request, res: Response) {
    const p = spawn('convert', [req.body.input, 'out.png']); //@safe
    p.on('close', () => res.sendStatus(204));
  }

  hashPassword(pw: string) {
    return crypto.createHash('md5').update(pw).digest('hex'); //@vuln CWE-327|CWE-328|CWE-916
  }

  resetToken() {
    return crypto.randomBytes(32).toString('hex'); //@safe
  }
}
