/**
 * The article each rule cites, by rule id: what a special report names beside a rule broken in
 * many places. A rule's findings may cite a more specific basis (a matter's own, for a decision
 * time limit); this is the one the rule cites by default.
 */

/** A family's rules' articles, from its rule ids and its articles keyed alike. */
export function ruleArticles<Name extends string>(
  ids: Readonly<Record<Name, string>>,
  articles: Readonly<Record<Name, string>>,
): Readonly<Record<string, string>> {
  return Object.fromEntries((Object.keys(ids) as Name[]).map((name) => [ids[name], articles[name]]));
}
