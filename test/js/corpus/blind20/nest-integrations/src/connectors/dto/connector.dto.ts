import { IsIn, IsObject, IsOptional, IsString, IsUrl } from 'class-validator';

export class TestConnectionDto {
  @IsUrl({ require_tld: false }) endpoint: string;
  @IsOptional() @IsObject() headers?: Record<string, string>;
}

export class PartnerPullDto {
  @IsIn(['hubspot', 'salesforce', 'zendesk']) partner: 'hubspot' | 'salesforce' | 'zendesk';
  @IsString() resource: string;
}
