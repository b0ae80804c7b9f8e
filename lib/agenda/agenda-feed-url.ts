/** The private address a calendar app subscribes to; whoever holds it reads the person's agenda. */
export function agendaFeedUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/ical/${token}.ics`;
}
