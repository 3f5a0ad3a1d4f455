import { Router } from 'express';
import cors from 'cors';
import { config } from '../config';
import * as auth from '../controllers/authController';
import * as listings from '../controllers/listingController';
import { requireAdmin, requireAuth } from '../middleware/auth';

export const apiRouter = Router();
export const adminRouter = Router();

apiRouter.post('/auth/login', auth.login);
apiRouter.post('/auth/refresh', auth.refresh);
apiRouter.get('/auth/logout', auth.logout);
apiRouter.post('/auth/reset', auth.requestReset);
apiRouter.put('/me/preferences', requireAuth, auth.updatePreferences);

apiRouter.get('/listings', listings.search);
apiRouter.get('/listings/:id/share', listings.sharePage);
apiRouter.get('/listings/:id/embed', listings.embed);
apiRouter.get('/listings/:id/history', listings.history);
apiRouter.patch('/listings/:id/attributes', requireAuth, listings.patchAttributes);
apiRouter.put('/listings/:id', requireAuth, listings.updateBasics);
apiRouter.get('/sellers/:sellerId/stats', listings.sellerStats);

adminRouter.use(cors({ origin: config.cors.adminOrigins, credentials: true })); //@safe
adminRouter.use(requireAdmin);
adminRouter.post('/listings/mark-sold', listings.bulkSold);
