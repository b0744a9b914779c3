import { describe, expect, it } from 'vitest';
import { Mutex } from './mutex.js';

/** Let every pending promise callback run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
  await new Promise((resolve) => setTimeout(resolve, 0));
}

describe('Mutex', () => {
  it('gives the lock at once when nobody holds it', async () => {
    const release = await new Mutex().acquire();
    expect(typeof release).toBe('function');
    release();
  });

  it('hands the lock out first come, first served', async () => {
    const mutex = new Mutex();
    const order: number[] = [];
    const first = await mutex.acquire();
    const waiting = [1, 2, 3, 4].map((n) =>
      mutex.acquire().then((release) => {
        order.push(n);
        return release;
      }),
    );
    await settle();
    expect(order).toEqual([]); // nobody gets in while the first holder has it
    first();
    for (const [i, p] of waiting.entries()) {
      const release = await p;
      await settle();
      expect(order).toEqual([1, 2, 3, 4].slice(0, i + 1)); // the next waits for this release
      release();
    }
    expect(order).toEqual([1, 2, 3, 4]);
  });

  it('run() runs tasks one at a time, in the order they were queued', async () => {
    const mutex = new Mutex();
    const events: string[] = [];
    let inside = 0;
    let most = 0;
    const task = (name: string, ms: number) =>
      mutex.run(async () => {
        inside++;
        most = Math.max(most, inside);
        events.push(`start ${name}`);
        await new Promise((resolve) => setTimeout(resolve, ms));
        events.push(`end ${name}`);
        inside--;
        return name;
      });
    const results = await Promise.all([task('a', 15), task('b', 1), task('c', 5)]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(most).toBe(1);
    expect(events).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('run() releases the lock when the task throws, and passes the error on', async () => {
    const mutex = new Mutex();
    const failing = mutex.run(async () => {
      throw new Error('boom');
    });
    const next = mutex.run(async () => 'next ran');
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('next ran');
    // …and the lock is free again afterwards.
    const release = await mutex.acquire();
    release();
  });

  it('run() releases the lock when the task throws synchronously', async () => {
    const mutex = new Mutex();
    const failing = mutex.run((): Promise<never> => {
      throw new Error('sync boom');
    });
    await expect(failing).rejects.toThrow('sync boom');
    await expect(mutex.run(async () => 42)).resolves.toBe(42);
  });

  it('releasing twice is harmless: it does not let a second waiter in early', async () => {
    const mutex = new Mutex();
    const first = await mutex.acquire();
    let secondIn = false;
    let thirdIn = false;
    const second = mutex.acquire().then((release) => {
      secondIn = true;
      return release;
    });
    const third = mutex.acquire().then((release) => {
      thirdIn = true;
      return release;
    });
    first();
    first();
    await settle();
    expect(secondIn).toBe(true);
    expect(thirdIn).toBe(false);
    const releaseSecond = await second;
    releaseSecond();
    releaseSecond();
    await settle();
    expect(thirdIn).toBe(true);
    (await third)();
    // Still usable after all the double releases.
    await expect(mutex.run(async () => 'ok')).resolves.toBe('ok');
  });
});
