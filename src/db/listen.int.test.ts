/**
 * Database.listen: on the embedded database, a change to a partnership, an organisation or a
 * publication is told to listeners as its transaction commits, before the commit returns
 * (migration 0022), and never when it is rolled back; stopping stops. A PostgreSQL server has no
 * listen(), so nothing is kept on the strength of it (decision 031).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, makePartnership, type TestApp } from '../../test/helpers/app.js';
import { PUBLIC_SITE_CHANNEL } from '../features/public/public.service.js';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});

afterAll(async () => {
  await t?.close();
});

describe('listening for changes', () => {
  it('is told of a committed change as it commits, not of one rolled back, and nothing after stopping', async () => {
    if (t.database.kind === 'postgres') {
      expect('listen' in t.database).toBe(false);
      return;
    }
    const p = await makePartnership(t.deps, { isPublic: true });
    let changes = 0;
    const stop = await t.database.listen!(PUBLIC_SITE_CHANNEL, { changed: () => changes++ });
    const rename = (name: string) =>
      t.database.db.updateTable('partnerships').set({ name }).where('id', '=', p.id).execute();

    await rename('Renamed once');
    expect(changes).toBe(1);

    await t.database.db
      .transaction()
      .execute(async (trx) => {
        await trx
          .updateTable('partnerships')
          .set({ name: 'Never' })
          .where('id', '=', p.id)
          .execute();
        expect(changes).toBe(1);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect(changes).toBe(1);

    await t.database.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('organisations')
        .set({ name: 'Renamed organisation' })
        .where('partnership_id', '=', p.id)
        .execute();
      expect(changes).toBe(1);
    });
    expect(changes).toBe(2);

    await stop();
    await rename('Renamed after stopping');
    expect(changes).toBe(2);
  });
});
