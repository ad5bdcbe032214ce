// How the five capabilities of the pack are named on screen: the core's words
// (panel_core::vocabulary, generated into the bindings), as the PDFs print them.
import { VOCABULARY, type Capability } from '../ipc';

const words = (pick: (c: (typeof VOCABULARY.capabilities)[number]) => string) =>
  Object.fromEntries(VOCABULARY.capabilities.map((c) => [c.value, pick(c)])) as Record<Capability, string>;

export const CAPABILITY_LABEL: Record<Capability, string> = words((c) => c.label);

/** One word, for tight places such as split-board cards. */
export const CAPABILITY_SHORT: Record<Capability, string> = words((c) => c.short);

/** The pack's own words for each capability ("They can: …"). */
export const CAPABILITY_DESCRIPTION: Record<Capability, string> = words((c) => c.description);

export const CAPABILITIES: Capability[] = VOCABULARY.capabilities.map((c) => c.value);
