import {
  acceptInvitationBodySchema,
  createInvitationBodySchema,
  createOrganisationBodySchema,
  loginBodySchema,
  userListQuerySchema,
} from '@moskino/shared';
import type { Request } from 'express';
import { requireCaller, type RouteDef } from '../../http/routes.js';
import { parseBody, parseQuery } from '../../http/validate.js';
import { clearSessionCookie, sessionCookieOf, setSessionCookie } from './middleware.js';
import { authService, invitationService, organisationService, userService } from './service.js';

const param = (req: Request, name: string) => String(req.params[name] ?? '');

export const authRoutes: RouteDef[] = [
  {
    method: 'post',
    path: '/api/auth/login',
    access: 'public',
    summary: 'Sign in with email and password; sets the session cookie, returns the user and the CSRF token',
    handler: async (req, res) => {
      const body = parseBody(loginBodySchema, req);
      const signedIn = await authService.login(body.email, body.password, req.ip ?? 'unknown');
      // A new session id on every sign-in (no fixation); the previous one of this browser ends.
      await authService.logout(sessionCookieOf(req));
      setSessionCookie(res, signedIn.token);
      res.json(signedIn.info);
    },
  },
  {
    method: 'post',
    path: '/api/auth/logout',
    access: 'public',
    summary: 'End the current session (idempotent)',
    handler: async (req, res) => {
      await authService.logout(sessionCookieOf(req));
      clearSessionCookie(res);
      res.status(204).end();
    },
  },
  {
    method: 'get',
    path: '/api/auth/me',
    access: 'signed-in',
    summary: 'The signed-in user, their organisation and the CSRF token',
    handler: async (_req, res) => {
      res.json(await authService.me(requireCaller(res), res.locals.sessionToken as string));
    },
  },
  {
    method: 'post',
    path: '/api/invitations',
    access: ['staff', 'admin'],
    summary: 'Invite a user (staff: crew and partners; admin: anyone); the token is shown once',
    handler: async (req, res) => {
      const body = parseBody(createInvitationBodySchema, req);
      res.status(201).json(await invitationService.create(requireCaller(res), body));
    },
  },
  {
    method: 'get',
    path: '/api/invitations/:token',
    access: 'public',
    summary: 'Who an invitation is for (404 unknown, 410 used or expired)',
    handler: async (req, res) => {
      res.json(await invitationService.info(param(req, 'token')));
    },
  },
  {
    method: 'post',
    path: '/api/invitations/:token/accept',
    access: 'public',
    summary: 'Accept an invitation: set a password, create the user, sign in',
    handler: async (req, res) => {
      const body = parseBody(acceptInvitationBodySchema, req);
      const signedIn = await invitationService.accept(param(req, 'token'), body);
      await authService.logout(sessionCookieOf(req));
      setSessionCookie(res, signedIn.token);
      res.status(201).json(signedIn.info);
    },
  },
  {
    method: 'get',
    path: '/api/users',
    access: ['staff', 'admin'],
    summary: 'List users (optionally of one organisation)',
    handler: async (req, res) => {
      res.json(await userService.list(parseQuery(userListQuerySchema, req)));
    },
  },
  {
    method: 'post',
    path: '/api/users/:id/deactivate',
    access: ['admin'],
    summary: 'Deactivate a user; their sessions end at once',
    handler: async (req, res) => {
      res.json(await userService.setActive(requireCaller(res), param(req, 'id'), false));
    },
  },
  {
    method: 'post',
    path: '/api/users/:id/activate',
    access: ['admin'],
    summary: 'Reactivate a user',
    handler: async (req, res) => {
      res.json(await userService.setActive(requireCaller(res), param(req, 'id'), true));
    },
  },
  {
    method: 'get',
    path: '/api/organisations',
    access: 'signed-in',
    summary: 'Organisations: staff and admins see all, everybody else their own',
    handler: async (_req, res) => {
      res.json(await organisationService.list(requireCaller(res)));
    },
  },
  {
    method: 'post',
    path: '/api/organisations',
    access: ['staff', 'admin'],
    summary: 'Create an organisation (a production company, a partner)',
    handler: async (req, res) => {
      res
        .status(201)
        .json(
          await organisationService.createFromBody(parseBody(createOrganisationBodySchema, req), requireCaller(res)),
        );
    },
  },
];
