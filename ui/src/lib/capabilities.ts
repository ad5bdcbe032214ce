// How the five capabilities of the pack are named on screen. Slugs come from the core.
import type { Capability } from '../ipc';

export const CAPABILITY_LABEL: Record<Capability, string> = {
  program: 'Scalable program',
  risk: 'Hard risk calls',
  investment: 'Business case',
  alignment: 'Cross-functional alignment',
  leaders: 'Builds leaders',
};

/** One word, for tight places such as split-board cards. */
export const CAPABILITY_SHORT: Record<Capability, string> = {
  program: 'Program',
  risk: 'Risk',
  investment: 'Investment',
  alignment: 'Alignment',
  leaders: 'Leaders',
};

/** The pack's own words for each capability ("They can: …"). */
export const CAPABILITY_DESCRIPTION: Record<Capability, string> = {
  program: 'Define a program that scales beyond individual heroics.',
  risk: 'Make hard risk decisions with incomplete information.',
  investment: 'Defend investment asks in business language.',
  alignment:
    'Align Product Security with engineering, product, legal, compliance, and customer trust needs.',
  leaders: 'Build leaders, not just teams.',
};

export const CAPABILITIES: Capability[] = ['program', 'risk', 'investment', 'alignment', 'leaders'];
