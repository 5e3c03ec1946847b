/**
 * What every renderer of a Reply (Block Kit, Adaptive Card, terminal text) builds from: the Reply's
 * shapes, the shared Swedish labels and lead lines, date formatting and grapheme-safe shortening.
 * One module for all of them, so that a helper shared by the renderers is added in one place.
 */
export { formatDateTime } from './format.js';
export { buttonLabel, ELLIPSIS, graphemeCount, shorten } from './shorten.js';
export { closedNowLead, holderText, LABEL, openLabel, soleGuidance, summaryText, VERDICT_LABEL, verdictTone } from '../reply.js';
export type { Action, Button, ChecklistItemView, ChecklistView, ContactCard, GuidanceView, Reply, ReplyPart, Verdict, VerdictTone } from '../reply.js';
