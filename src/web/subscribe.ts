/** The ways to subscribe to one feed address: Google, Outlook on the web, webcal:// (Outlook desktop, Apple) and plain https. */
export interface SubscribeLinks {
  https: string;
  webcal: string;
  google: string;
  outlookWeb: string;
}

export function subscribeLinks(feedUrl: string, name: string): SubscribeLinks {
  const webcal = feedUrl.replace(/^https?:/, 'webcal:');
  return {
    https: feedUrl,
    webcal,
    // Google takes the webcal:// form in `cid`; Outlook on the web takes the https address and a calendar name.
    google: `https://calendar.google.com/calendar/render?cid=${encodeURIComponent(webcal)}`,
    outlookWeb: `https://outlook.office.com/calendar/0/addfromweb?url=${encodeURIComponent(feedUrl)}&name=${encodeURIComponent(name)}`,
  };
}
