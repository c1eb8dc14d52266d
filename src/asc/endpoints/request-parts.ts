// Small pieces every endpoint uses to build paths and bodies.

/** IDs go into paths; encoding keeps an odd ID from changing which endpoint is called. */
export function seg(id: string): string {
  return encodeURIComponent(id);
}

/** Drops undefined keys so a create or update sends only what the caller set. */
export function definedOnly<T extends object>(
  attributes: T,
): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(attributes).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}
