/** No member has this id (never enrolled, or a typo in a command or link). */
export class UnknownMemberError extends Error {
  constructor(readonly memberId: string) {
    super(`No member with id ${memberId}`);
    this.name = 'UnknownMemberError';
  }
}
