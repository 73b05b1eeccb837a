/**
 * A history entry's note as people read it. An answer is stored as one sentence,
 * `corrected: <note> [evidence: <a>; <b>]` (`explained: …` for an explanation), so the words
 * the system added are English; in Chinese they read 已纠正 / 情况说明 and 证据. What people wrote
 * is shown as they wrote it.
 */
const answerKinds: Record<string, string> = { corrected: '已纠正', explained: '情况说明' };

export function historyNoteIn(note: string, english: boolean): string {
  if (english) return note;
  const answer = /^(corrected|explained): ([\s\S]*)$/.exec(note);
  if (!answer) return note;
  const [, kind, rest] = answer as unknown as [string, string, string];
  const evidence = / \[evidence: ([\s\S]*)\]$/.exec(rest);
  const written = evidence ? rest.slice(0, evidence.index) : rest;
  return `${answerKinds[kind]}：${written}${evidence ? `（证据：${evidence[1]}）` : ''}`;
}
