// Where the demo banner, once dismissed, puts its "Demo" pill: a spot in the header (app-header.tsx).
export const demoBadgeSlotId = "header-demo-badge";
