/**
 * Sentences that tell a care worker who is not a clinician what to do, by when, and when the member
 * should call 999 or NHS 111. Grounded in NICE NG136 and the NHS pages cited in guidance.ts; never a
 * diagnosis.
 */
export const SEVERE_BP_ADVICE =
  'What to do: contact the member today and arrange for their GP to review this reading today or ' +
  'tomorrow. Ask whether they have chest pain, a severe headache, new confusion, breathlessness, ' +
  'problems with their eyesight, or weakness in the face, arms or legs: if they have any of these, they ' +
  'should call 999 now. If they feel unwell in another way, they should call NHS 111 or ask for an ' +
  'urgent GP appointment today. A single home reading cannot confirm very high blood pressure on its own.';

export const LOW_BP_ADVICE =
  'What to do: check in with the member within a day and ask about dizziness, light-headedness or ' +
  'fainting, and whether their medicines changed recently. If they fainted, are confused, or have chest ' +
  'pain or breathlessness, they should call 999. If they keep feeling dizzy or faint, they should call ' +
  'NHS 111 or their GP today. Otherwise mention it to their GP at the next review.';

export const HEART_RATE_URGENT_ADVICE =
  'What to do: contact the member today and ask how they feel. If they have chest pain, ' +
  'breathlessness, have fainted or feel faint, they should call 999 now. If they feel unwell in another ' +
  'way, they should call NHS 111 or ask for an urgent GP appointment today.';

export const HEART_RATE_WATCH_ADVICE =
  'What to do: check in with the member within a few days and mention it to their GP at the next ' +
  'review. If they have chest pain, breathlessness or have fainted, they should call 999; if they feel ' +
  'unwell in another way, NHS 111.';

export const SPO2_URGENT_ADVICE =
  'What to do: contact the member today and ask them to check their oxygen level with a fingertip ' +
  'oximeter if they have one. If they are very short of breath, have blue or grey lips, or are confused, ' +
  'they should call 999 now. If they feel unwell in another way or a fingertip reading is 92% or below, ' +
  'they should call NHS 111 or their GP today.';

export const SPO2_WATCH_ADVICE =
  'What to do: check in with the member within a day and ask them to confirm with a fingertip oximeter. ' +
  'If they are short of breath or feel unwell, they should call NHS 111 or their GP; if they are very short ' +
  'of breath, have blue or grey lips, or are confused, 999.';

/** What an irregular-pulse flag may mean: "may", never "has". */
export const IRREGULAR_PULSE_SENTENCE =
  ' The monitor flagged an irregular pulse. This may make the reading less accurate, and an irregular ' +
  'pulse may be a sign of a heart-rhythm problem (such as atrial fibrillation) that the GP should check: ' +
  'please mention it to the GP.';
