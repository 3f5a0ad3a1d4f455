import { Resolver, Query, Mutation, Args, Int, ObjectType, Field, InputType, ID, Context } from '@nestjs/graphql';
import { UseGuards, BadRequestException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { IsOptional, IsString, IsUrl, Length, IsIn } from 'class-validator';
import nunjucks from 'nunjucks';
import { GqlAuthGuard, GatewayUser } from './auth.guard';

@ObjectType()
export class VehicleType {
  @Field(() => ID) id!: number;
  @Field() plate!: string;
  @Field() vin!: string;
  @Field() status!: string;
  @Field({ nullable: true }) driverName?: string;
  @Field({ nullable: true }) lastSeenAt?: Date;
}

@ObjectType()
export class DriverType {
  @Field(() => ID) id!: number;
  @Field() name!: string;
  @Field({ nullable: true }) phone?: string;
  @Field({ nullable: true }) licenceClass?: string;
}

@InputType()
export class VehicleFilterInput {
  @Field({ nullable: true }) @IsOptional() @IsString() status?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() depot?: string;
  @Field(() => Int, { nullable: true }) @IsOptional() limit?: number;
}

@InputType()
export class WebhookInput {
  @Field() @IsUrl({ require_tld: false }) callbackUrl!: string;
  @Field() @IsIn(['position', 'geofence', 'incident']) topic!: string;
}

@InputType()
export class NotificationPreviewInput {
  @Field() @Length(1, 4000) template!: string;
  @Field(() => Int) vehicleId!: number;
}

interface GqlContext {
  req: { user: GatewayUser };
}

const templates = new nunjucks.Environment(null, { autoescape: true });

@Resolver(() => VehicleType)
@UseGuards(GqlAuthGuard)
export class FleetResolver {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Query(() => [VehicleType])
  async vehicles(@Args('filter', { nullable: true }) filter: VehicleFilterInput = {}, @Context() ctx: GqlContext) {
    const clauses = [`v.tenant_id = ${ctx.req.user.tenantId}`];
    if (filter.status) clauses.push(`v.status = '${filter.status}'`);
    if (filter.depot) clauses.push(`d.code = '${filter.depot}'`);
    const limit = Math.min(filter.limit ?? 100, 500);
    return this.db.query(`SELECT v.id, v.plate, v.vin, v.status, v.last_seen_at AS "lastSeenAt" FROM vehicles v LEFT JOIN depots d ON d.id = v.depot_id WHERE ${clauses.join(' AND ')} LIMIT ${limit}`);  //@vuln CWE-89
  }

  @Query(() => VehicleType, { nullable: true })
  async vehicle(@Args('id', { type: () => Int }) id: number, @Context() ctx: GqlContext) {
    const rows = await this.db.query('SELECT id, plate, vin, status, last_seen_at AS "lastSeenAt" FROM vehicles WHERE id = $1 AND tenant_id = $2', [id, ctx.req.user.tenantId]);
    return rows[0] ?? null;
  }

  @Query(() => [DriverType])
  async drivers(@Args('name') name: string, @Context() ctx: GqlContext) {
    return this.db
      .createQueryBuilder()
      .select(['d.id AS id', 'd.full_name AS name', 'd.phone AS phone'])
      .from('drivers', 'd')
      .where('d.tenant_id = :tenantId', { tenantId: ctx.req.user.tenantId })
      .andWhere('d.full_name ILIKE :name', { name: `%${name}%` })  //@safe
      .getRawMany();
  }

  @Query(() => [DriverType])
  async driversByLicence(@Args('licenceClass') licenceClass: string, @Context() ctx: GqlContext) {
    return this.db
      .createQueryBuilder()
      .select(['d.id AS id', 'd.full_name AS name', 'd.licence_class AS "licenceClass"'])
      .from('drivers', 'd')
      .where(`d.tenant_id = ${ctx.req.user.tenantId} AND d.licence_class = '${licenceClass}'`)  //@vuln CWE-89
      .getRawMany();
  }

  @Mutation(() => Boolean)
  async registerWebhook(@Args('input') input: WebhookInput, @Context() ctx: GqlContext) {
    const ping = await fetch(input.callbackUrl, { method: 'POST', body: JSON.stringify({ topic: input.topic, ping: true }), headers: { 'content-type': 'application/json' } });  //@vuln CWE-918
    if (!ping.ok) {
      throw new BadRequestException(`Callback answered ${ping.status}`);
    }
    await this.db.query('INSERT INTO webhooks (tenant_id, topic, url) VALUES ($1, $2, $3)', [ctx.req.user.tenantId, input.topic, input.callbackUrl]);
    return true;
  }

  @Mutation(() => String)
  async previewNotification(@Args('input') input: NotificationPreviewInput, @Context() ctx: GqlContext) {
    const [vehicle] = await this.db.query('SELECT plate, status FROM vehicles WHERE id = $1 AND tenant_id = $2', [input.vehicleId, ctx.req.user.tenantId]);
    return templates.renderString(input.template, { vehicle, dispatcher: ctx.req.user.email });  //@vuln CWE-1336
  }
}
