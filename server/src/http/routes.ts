import type { Request, Response, NextFunction, Router } from 'express';
import { AppError, type Role } from '@moskino/shared';

/** Who may call a route: anyone, any signed-in user, or the listed roles. */
export type Access = 'public' | 'signed-in' | readonly Role[];

export interface Caller {
  userId: string;
  organisationId: string;
  role: Role;
  sessionId?: string;
}

export type Handler = (req: Request, res: Response) => unknown;

/** One row of the route table. Every route of the API is declared this way, with its access rule,
 * so the access-matrix test can walk them all. */
export interface RouteDef {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  access: Access;
  summary: string;
  /** Express middleware run after authorisation (e.g. a stricter rate limit). */
  before?: Array<(req: Request, res: Response, next: NextFunction) => void>;
  handler: Handler;
}

export function callerOf(res: Response): Caller | undefined {
  return res.locals.caller as Caller | undefined;
}

/** The signed-in caller, or a 401 (use in handlers of non-public routes). */
export function requireCaller(res: Response): Caller {
  const caller = callerOf(res);
  if (!caller) throw new AppError('unauthenticated', 'Sign in first');
  return caller;
}

export function authorize(access: Access, caller: Caller | undefined): void {
  if (access === 'public') return;
  if (!caller) throw new AppError('unauthenticated', 'Sign in first');
  if (access === 'signed-in') return;
  if (!access.includes(caller.role)) throw new AppError('forbidden', 'Your role may not do this');
}

export function mountRoutes(router: Router, defs: readonly RouteDef[]): void {
  for (const def of defs) {
    const guard = (_req: Request, res: Response, next: NextFunction) => {
      authorize(def.access, callerOf(res));
      next();
    };
    router[def.method](def.path, guard, ...(def.before ?? []), async (req: Request, res: Response) => {
      await def.handler(req, res);
    });
  }
}
