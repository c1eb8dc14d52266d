// PLACEHOLDER until the spec-validator work lands: validates nothing. Replaced by an implementation on a
// maintained OpenAPI validation library; the interface below is fixed.
export interface SpecValidator {
  /** Errors of a request against the operation's parameters and request body; [] when valid. */
  validateRequest(r: {
    method: string;
    path: string;
    query: Record<string, string>;
    body: unknown;
  }): string[];
  /** Errors of a response body against the operation's response for that status; [] when valid. */
  validateResponse(r: { method: string; path: string; status: number; body: unknown }): string[];
}

export async function loadSpecValidator(): Promise<SpecValidator> {
  return { validateRequest: () => [], validateResponse: () => [] };
}
