// Generated from panel_core::vocabulary by `make bindings`. Do not edit by hand.
// The words the app, the PDFs and panelctl use for scores, recommendations, decisions,
// capabilities, levels and seniorities.
export const VOCABULARY = {
  "scores": [
    {
      "score": 1,
      "label": "Weak",
      "anchor": "Misses most points or shows the weak pattern"
    },
    {
      "score": 2,
      "label": "Mixed",
      "anchor": "Covers some points, misses others"
    },
    {
      "score": 3,
      "label": "Strong",
      "anchor": "Covers the strong-answer points"
    },
    {
      "score": 4,
      "label": "Exceptional",
      "anchor": "Covers them and goes beyond: staged evolution, system change, evidence"
    }
  ],
  "recommendations": [
    {
      "value": "strong-no",
      "label": "Strong no hire"
    },
    {
      "value": "no",
      "label": "No hire"
    },
    {
      "value": "yes",
      "label": "Hire"
    },
    {
      "value": "strong-yes",
      "label": "Strong hire"
    }
  ],
  "decisions": [
    {
      "value": "hire",
      "label": "Hire"
    },
    {
      "value": "no-hire",
      "label": "No hire"
    },
    {
      "value": "hold",
      "label": "Hold"
    }
  ],
  "capabilities": [
    {
      "value": "program",
      "label": "Scalable program",
      "short": "Program",
      "description": "Define a program that scales beyond individual heroics."
    },
    {
      "value": "risk",
      "label": "Hard risk calls",
      "short": "Risk calls",
      "description": "Make hard risk decisions with incomplete information."
    },
    {
      "value": "investment",
      "label": "Business case",
      "short": "Business case",
      "description": "Defend investment asks in business language."
    },
    {
      "value": "alignment",
      "label": "Cross-functional alignment",
      "short": "Alignment",
      "description": "Align Product Security with engineering, product, legal, compliance, and customer trust needs."
    },
    {
      "value": "leaders",
      "label": "Builds leaders",
      "short": "Leaders",
      "description": "Build leaders, not just teams."
    }
  ],
  "levels": [
    {
      "value": "director",
      "label": "Director"
    },
    {
      "value": "senior-director",
      "label": "Senior Director"
    },
    {
      "value": "vp",
      "label": "Vice President"
    },
    {
      "value": "principal",
      "label": "Principal"
    }
  ],
  "seniorities": [
    {
      "value": "junior",
      "label": "Junior"
    },
    {
      "value": "mid",
      "label": "Mid-level"
    },
    {
      "value": "senior",
      "label": "Senior"
    },
    {
      "value": "principal",
      "label": "Staff / principal"
    },
    {
      "value": "executive",
      "label": "Director / executive"
    }
  ]
} as const;
