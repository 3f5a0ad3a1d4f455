import { Module } from '@nestjs/common';
import { HttpModule } from '@nestjs/axios';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PrismaService } from './prisma.service';
import { ProjectsController } from './projects/projects.controller';
import { ProjectsService } from './projects/projects.service';
import { ReportsService } from './reports/reports.service';
import { IntegrationsController } from './integrations/integrations.controller';
import { IntegrationsService } from './integrations/integrations.service';

@Module({
  imports: [
    HttpModule.register({ timeout: 10000, maxRedirects: 3 }),
    TypeOrmModule.forRoot({
      type: 'postgres',
      host: process.env.REPORTING_DB_HOST ?? 'reporting-replica.internal',
      username: 'reporting_ro',
      password: 'changeme-reporting-ro', //@vuln CWE-798
      database: 'projects',
      synchronize: false,
    }),
  ],
  controllers: [ProjectsController, IntegrationsController],
  providers: [PrismaService, ProjectsService, ReportsService, IntegrationsService],
})
export class AppModule {}
