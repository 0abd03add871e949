/**
 * A value handed from one part of `npm run build` to another in the same process: the
 * CLI, Astro's integration hooks and the rendered pages run in one process but not in
 * one module graph, so a module-level variable would not be seen across them.
 */
export function buildShared<T>(name: string): { set(value: T): void; get(): T | undefined } {
  const key = Symbol.for(`jalons.${name}`);
  const store = globalThis as unknown as Record<symbol, T | undefined>;
  return { set: (value) => void (store[key] = value), get: () => store[key] };
}
