/** Placeholder until the complaint and supervision-case firing functions land. */
export async function handler(): Promise<{ due: number }> {
  return { due: 0 };
}
