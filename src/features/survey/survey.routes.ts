/** A consultation's optional survey (decision 029). */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.js';

export function registerSurveyRoutes(app: FastifyInstance, deps: Deps) {
  void app;
  void deps;
}
