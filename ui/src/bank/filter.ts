// Which questions the bank shows for a search text and a capability filter.
import type { BankQuestion, Capability } from '../ipc';

export function filterQuestions(
  questions: BankQuestion[],
  search: string,
  capability: Capability | null,
): BankQuestion[] {
  const needle = search.trim().toLocaleLowerCase();
  return questions.filter((q) => {
    if (capability && !q.capabilities.includes(capability)) return false;
    if (!needle) return true;
    if (String(q.number) === needle) return true;
    const haystack = [q.text, ...q.strongAnswer, ...q.weakSignals].join('\n').toLocaleLowerCase();
    return haystack.includes(needle);
  });
}
