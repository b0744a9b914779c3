/** Starting the service: config → logger → database → migrations → deps (runtime.ts) → app → listen. */
import type { FastifyInstance } from 'fastify';
import { createApp } from './app.js';
import type { Logger } from './logger.js';
import type { Runtime } from './runtime.js';

export { bringUpToDate, openRuntime, type Runtime } from './runtime.js';

export interface RunningServer {
  readonly app: FastifyInstance;
  readonly url: string;
  close(): Promise<void>;
}

export async function startServer(runtime: Runtime): Promise<RunningServer> {
  const app = await createApp(runtime.deps);
  await app.listen({ host: runtime.config.host, port: runtime.config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : runtime.config.port;
  const url = `http://${runtime.config.host === '0.0.0.0' ? 'localhost' : runtime.config.host}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    app,
    url,
    close: () => (closing ??= app.close().then(() => runtime.close())),
  };
}

/**
 * Stops cleanly on Ctrl+C or a termination signal: finishes requests, then closes the database.
 * Keeps running after an unhandled promise rejection (logged).
 */
export function closeOnSignals(server: RunningServer, logger: Logger) {
  const stop = (signal: string) => {
    logger.info({ signal }, 'stopping');
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  // A promise that failed with nobody waiting for it must not stop the service for everyone:
  // it is logged, and the request it belonged to, if any, times out on its own.
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason }, 'an error was not handled; the service carries on');
  });
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}
