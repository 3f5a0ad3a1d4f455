import {
  BadRequestException,
  Body,
  Controller,
  Headers,
  HttpCode,
  Logger,
  Param,
  Post,
  RawBodyRequest,
  Req,
  UnauthorizedException,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Request } from 'express';
import axios from 'axios';
import * as crypto from 'crypto';
import * as libxmljs from 'libxmljs2';
import * as serialize from 'node-serialize';
import Stripe from 'stripe';
import { OrdersRepository } from '../orders/orders.repository';

interface AdyenItem {
  pspReference: string;
  originalReference?: string;
  merchantAccountCode: string;
  merchantReference: string;
  amount: { value: number; currency: string };
  eventCode: string;
  success: 'true' | 'false';
  additionalData?: Record<string, string>;
}

interface PosNotification {
  orderRef: string;
  state: string;
  payload?: string;
  callbackUrl?: string;
}

@Controller('webhooks')
export class WebhooksController {
  private readonly logger = new Logger(WebhooksController.name);
  private readonly stripe: Stripe;

  constructor(
    private readonly config: ConfigService,
    private readonly orders: OrdersRepository,
  ) {
    this.stripe = new Stripe(config.get<string>('payments.stripeSecretKey')!, { apiVersion: '2023-10-16' });
  }

  @Post('stripe')
  @HttpCode(200)
  async stripeEvent(@Req() req: RawBodyRequest<Request>, @Headers('stripe-signature') signature: string) {
    const secret = this.config.get<string>('payments.stripeWebhookSecret')!;
    const event = this.stripe.webhooks.constructEvent(req.rawBody!, signature, secret);  //@safe
    if (event.type === 'payment_intent.succeeded') {
      const intent = event.data.object as Stripe.PaymentIntent;
      await this.orders.updateStatus(intent.metadata.orderId, 'PAID', 'stripe');
    } else if (event.type === 'payment_intent.payment_failed') {
      const intent = event.data.object as Stripe.PaymentIntent;
      await this.orders.updateStatus(intent.metadata.orderId, 'PAYMENT_FAILED', 'stripe');
    }
    return { received: true };
  }

  private adyenSignatureValid(item: AdyenItem): boolean {
    const key = Buffer.from(this.config.get<string>('payments.adyenHmacKey')!, 'hex');
    const payload = [
      item.pspReference,
      item.originalReference ?? '',
      item.merchantAccountCode,
      item.merchantReference,
      item.amount.value,
      item.amount.currency,
      item.eventCode,
      item.success,
    ].join(':');
    const expected = crypto.createHmac('sha256', key).update(payload, 'utf8').digest();
    const received = Buffer.from(item.additionalData?.hmacSignature ?? '', 'base64');
    return received.length === expected.length && crypto.timingSafeEqual(expected, received);  //@safe
  }

  @Post('adyen')
  @HttpCode(200)
  async adyen(@Body() body: { notificationItems: { NotificationRequestItem: AdyenItem }[] }) {
    for (const { NotificationRequestItem: item } of body.notificationItems ?? []) {
      if (!this.adyenSignatureValid(item)) {
        this.logger.warn(`rejected adyen notification ${item.pspReference}`);
        continue;
      }
      if (item.eventCode === 'AUTHORISATION') {
        const status = item.success === 'true' ? 'PAID' : 'PAYMENT_FAILED';
        await this.orders.updateStatus(item.merchantReference, status, 'adyen');
      }
    }
    return '[accepted]';
  }

  // Older POS boxes post XML order-state documents signed with the secret of the store's POS vendor.
  @Post('pos-xml')
  @HttpCode(200)
  async posXml(@Req() req: RawBodyRequest<Request>, @Headers('x-pos-signature') signature = '') {
    const raw = req.rawBody?.toString('utf8') ?? '';
    const doc = libxmljs.parseXml(raw, { noent: true, noblanks: true });  //@vuln CWE-611
    const vendor = doc.get('//order/@vendor')?.value() ?? '';
    const secret = process.env[`POS_SECRET_${vendor.toUpperCase()}`] ?? '';
    const expected = crypto.createHash('md5').update(raw + secret).digest('hex');  //@vuln CWE-328|CWE-327
    if (!secret || expected !== signature.toLowerCase()) throw new UnauthorizedException();

    const orderRef = doc.get('//order/@ref')?.value();
    const state = doc.get('//order/state')?.text();
    if (!orderRef || !state) throw new BadRequestException('order/@ref and order/state required');
    await this.orders.updateStatus(orderRef, state.toUpperCase(), `pos:${vendor}`);
    return { ok: true };
  }

  // Kitchen POS integrations (legacy v1 connector) push order state changes here.
  @Post('pos/:partner')
  @HttpCode(200)
  async posUpdate(@Param('partner') partner: string, @Body() notification: PosNotification) {
    if (!notification.orderRef) throw new BadRequestException('orderRef required');
    const extras = notification.payload
      ? serialize.unserialize(Buffer.from(notification.payload, 'base64').toString('utf8'))  //@vuln CWE-502
      : {};
    await this.orders.updateStatus(notification.orderRef, notification.state, `pos:${partner}`);

    if (notification.callbackUrl) {
      await axios.post(notification.callbackUrl, { orderRef: notification.orderRef, ack: true, extras }, { timeout: 5000 });  //@vuln CWE-918
    }
    return { ok: true };
  }
}
