/** A provider's secret iCal feed. */
export function providerFeedUrl(publicBaseUrl: string, feedToken: string): string {
  return `${publicBaseUrl}/feeds/${feedToken}.ics`;
}

/** Where a person reads a provider's timeline: a web page behind the feed's secret. */
export function providerPageUrl(publicBaseUrl: string, feedToken: string): string {
  return `${publicBaseUrl}/feeds/${feedToken}.html`;
}
