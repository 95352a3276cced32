/** Who the data belongs to and the IANA zone that defines their days. */
export interface NormaliseContext {
  memberId: string;
  timeZone: string;
}
