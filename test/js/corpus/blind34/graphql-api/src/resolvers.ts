import { Arg, Authorized, Ctx, Field, Float, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-type-json';
import axios from 'axios';
import mongoose, { Schema } from 'mongoose';
import { generateApiKey } from '@acme/shared/crypto';
import { fetchRemoteAsset } from '@acme/shared/http';
import { escapeRegExp, setPath } from '@acme/shared/objects';
import { MerchantEntity } from './entities';
import type { GqlContext } from './server';

const auditSchema = new Schema({ merchantId: Number, actor: String, action: String, amount: Number, meta: Schema.Types.Mixed, at: Date }, { collection: 'audit_logs' });
const AuditLog = mongoose.model('AuditLog', auditSchema);

@ObjectType()
class Merchant {
  @Field(() => ID) id!: number;
  @Field() name!: string;
  @Field() status!: string;
  @Field({ nullable: true }) logoUrl?: string;
  @Field(() => GraphQLJSONObject) settings!: Record<string, unknown>;
}

@ObjectType()
class ApiCredentials {
  @Field() keyId!: string;
  @Field() secret!: string;
}

@ObjectType()
class AuditEntry {
  @Field() actor!: string;
  @Field() action!: string;
  @Field(() => Float, { nullable: true }) amount?: number;
  @Field() at!: Date;
}

@ObjectType()
class Descriptor {
  @Field() reference!: string;
  @Field() descriptor!: string;
}

@ObjectType()
class FeeQuote {
  @Field(() => Int) amount!: number;
  @Field(() => Int) fee!: number;
  @Field() currency!: string;
}

@InputType()
class SettingInput {
  @Field() path!: string;
  @Field() value!: string;
}

const DESCRIPTOR_SQL = 'SELECT reference, statement_descriptor AS descriptor FROM orders WHERE merchant_id = $1 ORDER BY created_at DESC LIMIT 5000';

@Resolver(() => Merchant)
export class MerchantResolver {
  @Authorized('staff', 'admin')
  @Query(() => [Merchant])
  async merchants(
    @Ctx() { db }: GqlContext,
    @Arg('search', { nullable: true }) search?: string,
    @Arg('status', { nullable: true }) status?: string,
  ): Promise<Merchant[]> {
    const qb = db.getRepository(MerchantEntity).createQueryBuilder('m').limit(100);
    if (status) qb.andWhere('m.status = :status', { status }); //@safe
    if (search) qb.andWhere(`(m.name ILIKE '%${search}%' OR m.legal_name ILIKE '%${search}%')`); //@vuln CWE-89
    return (await qb.orderBy('m.name').getMany()) as unknown as Merchant[];
  }

  @Authorized()
  @Mutation(() => Merchant)
  async updateMerchantSetting(@Ctx() { db, merchantId }: GqlContext, @Arg('input') input: SettingInput): Promise<Merchant> {
    const repo = db.getRepository(MerchantEntity);
    const merchant = await repo.findOneByOrFail({ id: merchantId });
    merchant.settings = setPath(merchant.settings ?? {}, input.path, input.value);
    return (await repo.save(merchant)) as unknown as Merchant;
  }

  @Authorized()
  @Mutation(() => Merchant)
  async importLogo(@Ctx() { db, merchantId }: GqlContext, @Arg('url') url: string): Promise<Merchant> {
    const asset = await fetchRemoteAsset(url);
    if (!asset.contentType.startsWith('image/')) throw new Error('Logo must be an image');
    const repo = db.getRepository(MerchantEntity);
    const merchant = await repo.findOneByOrFail({ id: merchantId });
    merchant.logoUrl = `data:${asset.contentType};base64,${asset.data.toString('base64')}`;
    return (await repo.save(merchant)) as unknown as Merchant;
  }

  @Authorized()
  @Mutation(() => Boolean)
  async verifyDomain(@Ctx() { db, merchantId }: GqlContext, @Arg('domain') domain: string): Promise<boolean> {
    const merchant = await db.getRepository(MerchantEntity).findOneByOrFail({ id: merchantId });
    const res = await axios.get<string>(`https://${domain}/.well-known/acme-pay-verification.txt`, { timeout: 4_000, responseType: 'text' }); //@vuln CWE-918
    const ok = res.data.trim() === merchant.verificationCode;
    if (ok) await db.getRepository(MerchantEntity).update(merchant.id, { verifiedDomain: domain });
    return ok;
  }

  @Authorized()
  @Mutation(() => ApiCredentials)
  async rotateApiCredentials(@Ctx() { db, merchantId }: GqlContext): Promise<ApiCredentials> {
    const keyId = generateApiKey('pk_live');
    const secret = 'sk_live_' + Math.floor(Math.random() * Number.MAX_SAFE_INTEGER).toString(16) + Date.now().toString(16); //@vuln CWE-338
    await db.query("UPDATE merchants SET api_key_id = $1, api_secret_hash = crypt($2, gen_salt('bf')) WHERE id = $3", [keyId, secret, merchantId]); //@safe
    return { keyId, secret };
  }

  /** Power users can match statement descriptors with a regular expression. */
  @Authorized()
  @Query(() => [Descriptor])
  async matchDescriptors(@Ctx() { db, merchantId }: GqlContext, @Arg('pattern') pattern: string): Promise<Descriptor[]> {
    const rows: Descriptor[] = await db.query(DESCRIPTOR_SQL, [merchantId]);
    const re = new RegExp(pattern, 'i'); //@vuln CWE-1333
    return rows.filter((r) => re.test(r.descriptor));
  }

  @Authorized()
  @Query(() => [Descriptor])
  async searchDescriptors(@Ctx() { db, merchantId }: GqlContext, @Arg('term') term: string): Promise<Descriptor[]> {
    const rows: Descriptor[] = await db.query(DESCRIPTOR_SQL, [merchantId]);
    const re = new RegExp(escapeRegExp(term), 'i'); //@safe
    return rows.filter((r) => re.test(r.descriptor));
  }
}

@Resolver()
export class FeeRuleResolver {
  /** Pricing team tunes expressions like "Math.max(30, amount * 0.029)" in the admin console. */
  @Authorized('admin')
  @Query(() => FeeQuote)
  previewFee(@Arg('expression') expression: string, @Arg('amount', () => Int) amount: number, @Arg('currency') currency: string): FeeQuote {
    const calc = new Function('amount', 'currency', `return (${expression});`); //@vuln CWE-95|CWE-94
    return { amount, currency, fee: Math.round(Number(calc(amount, currency))) };
  }

}

@Resolver()
export class AuditResolver {
  @Authorized()
  @Query(() => [AuditEntry])
  async auditLog(@Ctx() { merchantId }: GqlContext, @Arg('action', { nullable: true }) action?: string): Promise<AuditEntry[]> {
    const query: Record<string, unknown> = { merchantId };
    if (action) query.action = String(action);
    return AuditLog.find(query).sort({ at: -1 }).limit(200).lean<AuditEntry[]>(); //@safe
  }

  /** `filter` is the JSON produced by the ops console query builder. */
  @Authorized('staff', 'admin')
  @Query(() => [AuditEntry])
  async searchAudit(@Arg('merchantId', () => Int) merchantId: number, @Arg('filter') filter: string): Promise<AuditEntry[]> {
    return AuditLog.find({ ...JSON.parse(filter), merchantId }).sort({ at: -1 }).limit(500).lean<AuditEntry[]>(); //@vuln CWE-943
  }

  @Authorized()
  @Query(() => [AuditEntry])
  async largeRefunds(@Ctx() { merchantId }: GqlContext, @Arg('minAmount') minAmount: string): Promise<AuditEntry[]> {
    return AuditLog.find({ merchantId, action: 'refund', $where: `this.amount >= ${minAmount}` }).limit(200).lean<AuditEntry[]>(); //@vuln CWE-943
  }
}
