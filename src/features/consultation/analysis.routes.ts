/** A consultation's analysis for the partnership (decision 029). */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.js';

export function registerAnalysisRoutes(app: FastifyInstance, deps: Deps) {
  void app;
  void deps;
}
