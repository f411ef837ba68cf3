import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type RequestHandler } from 'express';
import helmet from 'helmet';
import { errorHandler, notFoundHandler } from './http/errors.js';
import { mountRoutes } from './http/routes.js';
import { assertNoOperators } from './http/validate.js';
import { repoRoot } from './db/embedded.js';
import { loggablePath, type Logger } from './logger.js';
import { routeTable } from './routes.js';
import { authMiddleware } from './features/auth/middleware.js';
import { apiKeyMiddleware } from './features/partners/api-keys.js';

export interface AppOptions {
  log: Logger;
  /** Serve the built client from client/dist (production and `npm start`). */
  serveClient?: boolean;
  trustProxy?: string;
}

function requestLog(log: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // Path without the query string: query values may carry tokens.
      log.info(
        { method: req.method, path: loggablePath(req.path), status: res.statusCode, ms: Math.round(ms * 10) / 10 },
        'request',
      );
    });
    next();
  };
}

export function createApp({ log, serveClient = false, trustProxy }: AppOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  if (trustProxy) app.set('trust proxy', trustProxy);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { 'img-src': ["'self'", 'data:'], 'connect-src': ["'self'"] },
      },
    }),
  );
  app.use(requestLog(log));

  const api = express.Router();
  api.use(express.json({ limit: '256kb' }));
  api.use((req, _res, next) => {
    assertNoOperators(req);
    next();
  });
  api.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  api.use(authMiddleware);
  api.use(apiKeyMiddleware);
  mountRoutes(api, routeTable);
  api.use('/api', notFoundHandler);
  app.use(api);

  const clientDist = path.join(repoRoot, 'client/dist');
  if (serveClient && existsSync(clientDist)) {
    app.use(express.static(clientDist, { index: false, maxAge: '1h' }));
    // Single-page app: every non-API GET gets index.html.
    app.get(/^(?!\/api\/).*/, (_req, res) => res.sendFile(path.join(clientDist, 'index.html')));
  }

  app.use(notFoundHandler);
  app.use(errorHandler(log));
  return app;
}
