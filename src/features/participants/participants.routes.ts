/** Participants' light accounts and their own data (decision 029). */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.js';

export function registerParticipantRoutes(app: FastifyInstance, deps: Deps) {
  void app;
  void deps;
}
