/**
 * Merges each capability's activities into the one object a worker registers. Temporal finds an
 * activity by its name alone, so with a plain spread two capabilities defining the same name
 * would silently replace one another and workflows would call the wrong code. This refuses at
 * worker start instead, naming the activity and both capabilities.
 */
type UnionToIntersection<U> = (U extends unknown ? (value: U) => void : never) extends (value: infer I) => void ? I : never;

export class DuplicateActivityError extends Error {
  constructor(
    readonly activity: string,
    readonly sources: readonly [string, string],
  ) {
    super(`activity ${activity} is defined by both ${sources[0]} and ${sources[1]}`);
    this.name = 'DuplicateActivityError';
  }
}

/** `sources` names each capability's activities, e.g. `{ cases: createCaseActivities(deps), … }`. */
export function mergeActivities<Sources extends Record<string, object>>(sources: Sources): UnionToIntersection<Sources[keyof Sources]> {
  const merged: Record<string, unknown> = {};
  const definedBy = new Map<string, string>();
  for (const [source, activities] of Object.entries(sources)) {
    for (const [name, activity] of Object.entries(activities)) {
      const earlier = definedBy.get(name);
      if (earlier !== undefined) throw new DuplicateActivityError(name, [earlier, source]);
      definedBy.set(name, source);
      merged[name] = activity;
    }
  }
  return merged as UnionToIntersection<Sources[keyof Sources]>;
}
