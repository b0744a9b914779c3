/** notifications (decision 029). */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.js';

export function registerNotificationRoutes(app: FastifyInstance, deps: Deps) {
  void app;
  void deps;
}
