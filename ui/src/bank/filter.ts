// Which questions the bank shows for a search text and a capability filter.
import type { Capability, Question } from '../ipc';

export function filterQuestions<Q extends Question>(
  questions: Q[],
  search: string,
  capability: Capability | null,
): Q[] {
  const needle = search.trim().toLocaleLowerCase();
  return questions.filter((q) => {
    if (capability && !q.capabilities.includes(capability)) return false;
    if (!needle) return true;
    if (String(q.number) === needle) return true;
    const haystack = [q.text, ...q.strongAnswer, ...q.weakSignals].join('\n').toLocaleLowerCase();
    return haystack.includes(needle);
  });
}
