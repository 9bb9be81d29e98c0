import { GROUP_WORDS } from '../domain/groups.js';
import type { RecordFromKind } from '../domain/recording.js';
import { STATUS_WORDS } from '../domain/status-words.js';
import type { ItemStatus } from '../domain/types.js';
import type { Words } from './words.nl.js';

/** Why a step cannot be recorded before a date (src/domain/recording.ts gives the kind). */
const FROM_EN: Record<RecordFromKind, string> = {
  calendar: 'the insurer accepts no earlier date for this step',
  publication: 'the insurer published these terms only then',
  window: "that is when this step's window opens",
  recorded: 'the step this one follows was done then',
};

/** The pages' words in English, the switch: every Dutch text has its English one. */
export const EN: Words = {
  attributeLabel: (description: string) => description,
  service: 'Birth care contract deadlines',
  switchTo: { code: 'nl', label: 'Nederlands' },
  skip: 'Skip to content',
  homeTitle: 'Every contract date of your health insurers in one place',
  homeIntro1:
    'Health insurers set dates in their purchasing policy by which you must act: submit a questionnaire, send a request, sign an agreement.',
  homeIntro2:
    'Here you see which dates apply to your practice. Put them in your calendar and, if you like, get an e-mail before a date passes.',
  calendarsTitle: 'These policy documents are included',
  calendarColumns: { insurer: 'Insurer', year: 'Contract year', document: 'Document', checked: 'Dates checked' },
  notChecked: 'not stated yet',
  formTitle: 'My situation',
  kindsLegend: 'What care do you provide?',
  kindsHint: 'Choose all that apply.',
  contractLegend: (insurer: string, year: number) => `${insurer}: contract for ${year}`,
  statusShort: { existing: 'existing', new: 'new' },
  datesRestOn: (version: number | null, expectedFrom?: number) =>
    version !== null
      ? `dates from the document (version ${version})`
      : expectedFrom !== undefined
        ? `no document encoded yet: expected from the ${expectedFrom} policy, legal dates and your own dates`
        : 'no document encoded yet: legal dates and your own dates',
  contractOptions: { existing: 'I have a contract now (existing)', new: 'I want a contract (new)', none: 'Neither' },
  attributeAny: 'Don’t know / not applicable',
  onlyFor: (kinds: string[]) =>
    `only for ${kinds.map((kind) => kind.charAt(0).toLowerCase() + kind.slice(1)).join(' and ')}`,
  showDates: 'Show my dates',
  errorTitle: 'There is a problem',
  problems: {
    'no-kind': 'Choose what care you provide.',
    'no-contract': 'For at least one insurer, choose whether you have or want a contract.',
    'bad-value': 'This choice does not exist. Please choose again.',
    'unknown-insurer': 'We do not know this insurer or contract year. Please choose an insurer from the list.',
  },
  situationTitle: 'Your dates',
  situationFor: (kinds: string, insurers: string) => `For ${kinds}, with ${insurers}.`,
  changeSituation: 'Change situation',
  nextTitle: 'Do this first',
  nothingNext: 'There is nothing you need to do right now.',
  notContracted: (insurer: string, year: number, kinds: string) =>
    `${insurer} does not contract ${kinds} in ${year}: its purchasing policy does not name this care. So there are no ${insurer} dates for ${kinds} here.`,
  nothingContracted: 'There are no dates here for the care you chose: the reason is above.',
  nowTitle: GROUP_WORDS.now.en,
  comingTitle: GROUP_WORDS.next.en,
  passedTitle: (n: number) => `${GROUP_WORDS.history.en} (${n})`,
  expectedTitle: GROUP_WORDS.expected.en,
  expectedHint:
    "These dates follow from last year's policy (same day and month). The insurer has not published them yet; you get no reminders for them.",
  who: { provider: 'You do this', insurer: (insurer: string) => `${insurer} does this`, info: 'For information' },
  daysLeft: (days: number) =>
    days === 0 ? 'today' : days === 1 ? 'tomorrow' : days < 0 ? `${-days} days ago` : `${days} days left`,
  window: (from: string, to: string) => `${from} to ${to}`,
  opensIn: (days: number) => (days === 1 ? 'opens tomorrow' : `opens in ${days} days`),
  openFor: (days: number) =>
    days === 0 ? 'open today only' : days === 1 ? 'open until tomorrow' : `open for ${days} more days`,
  at: (time: string) => `at ${time}`,
  waiting: 'No date yet: it follows once you record the step before it.',
  status: (status: ItemStatus) => STATUS_WORDS[status].en,
  notStarted: 'No date yet: it may happen, or not. Record it when it does.',
  adviceNote: 'Our advice, not a date the insurer set.',
  done: (date: string) => `Done on ${date}`,
  doneBy: (via: 'api' | 'web' | null, contact: string | null) =>
    via === 'web'
      ? `recorded on the website${contact ? ` by ${contact}` : ''}`
      : via === 'api'
        ? "recorded by the practice's software"
        : null,
  source: 'Source',
  section: 'section',
  derivation: 'How this date is worked out',
  subscribeTitle: 'Put these dates in your calendar',
  subscribeIntro: 'Choose your calendar. The dates stay up to date by themselves.',
  google: 'Google Calendar',
  outlookWeb: 'Outlook on the web (Outlook.com, Microsoft 365)',
  outlookDesktop: 'Outlook on your computer',
  apple: 'Apple Calendar (iPhone, iPad, Mac)',
  copyTitle: 'Or copy this address into another calendar app:',
  copyLabel: 'Calendar address',
  copyButton: 'Copy the address',
  copied: 'The address is copied. Paste it into your calendar app.',
  phone: {
    title: 'Adding it on your phone',
    intro: 'First copy the address above. Then, per app:',
    apple: {
      name: 'Apple Calendar on iPhone',
      steps: [
        'Tap ‘Apple Calendar’ above, then ‘Subscribe’. If that does not work:',
        'Open Settings › Calendar › Accounts › Add Account › Other.',
        'Tap ‘Add Subscribed Calendar’, paste the address, tap ‘Next’ and ‘Save’.',
      ],
    },
    google: {
      name: 'Google Calendar',
      cannot:
        'The Google Calendar app on your phone cannot subscribe to a calendar. Add it once on Google’s website; after that it shows in the app too.',
      open: 'Open in a browser (on your computer, or on your phone with ‘Desktop site’ on):',
      steps: [
        'Click + next to ‘Other calendars’ and choose ‘From URL’.',
        'Paste the address and click ‘Add calendar’.',
        'In the app on your phone: Settings › choose the new calendar › turn ‘Sync’ on.',
      ],
    },
    outlook: {
      name: 'Outlook app (iPhone and Android)',
      steps: [
        'Open the calendar in the Outlook app and tap the ‘Add calendar’ icon.',
        'Choose ‘Subscribe from web’ (or ‘Calendar from internet’), paste the address and tap ‘Add’.',
        'Do you use Outlook on the web? After the ‘Outlook on the web’ button above, the calendar shows in the app too.',
      ],
    },
  },
  refresh:
    'Calendar apps fetch changes on their own schedule: Google and Outlook every few hours to once a day. A change does not show at once.',
  alarms:
    'Alerts (alarms) in a subscribed calendar often do not work: Google and Outlook skip them. Want a timely warning? Ask for e-mail reminders below.',
  alarmsOwn:
    'Alerts (alarms) in a subscribed calendar often do not work: Google and Outlook skip them. That is why we send you an e-mail before a date passes.',
  alarmsOwnOff:
    'Alerts (alarms) in a subscribed calendar often do not work: Google and Outlook skip them. You get no e-mail reminders now; to have them again, turn them on via ‘Change situation, contact and reminders’.',
  alarmsFeed:
    'Alerts (alarms) in a subscribed calendar often do not work: Google and Outlook skip them. So do not rely on an alert in your calendar.',
  signupTitle: 'Reminders by e-mail',
  signupIntro:
    'You get an e-mail 14, 7 and 1 day before each date on which you must act. You can also record what you did: the next dates count from it.',
  email: 'E-mail address',
  emailHint: 'We first send one e-mail here to confirm your address.',
  yourName: 'Your name',
  practice: 'Name of your practice or organisation',
  agb: 'AGB code (optional)',
  agbHint: '8 digits, for example 01234567.',
  language: 'Language of the e-mails',
  languages: { nl: 'Dutch', en: 'English' },
  signupButton: 'Ask for reminders',
  fieldProblems: {
    email: 'Enter an e-mail address like name@practice.nl.',
    name: 'Enter your name (without < > or ").',
    practice: 'Enter the name of your practice.',
    agb: 'An AGB code has 8 digits. Leave the field empty if you do not know it.',
    language: 'Choose Dutch or English.',
    date: 'Enter a date, not later than today.',
    dateFrom: (from: string, kind: RecordFromKind, future: boolean) =>
      future
        ? `This step cannot have been done before ${from}: ${FROM_EN[kind]}. Record it when it is done.`
        : `Enter a date from ${from} up to today: ${FROM_EN[kind]}.`,
    note: 'A note is at most 500 characters, on one line.',
    item: 'This step is not (or no longer) in your overview.',
    reminderDays: 'Enter days as numbers from 0 to 365, separated by commas, for example 14, 7, 1.',
    sameAddress: 'This is your e-mail address already. Enter another address.',
  },
  sentTitle: 'Check your e-mail',
  sentBody: (email: string) =>
    `If ${email} does not get reminders yet, we are sending it one e-mail with a link. Click that link to confirm. Only then do we send reminders.`,
  sentNoMail: 'No e-mail? Look in your junk folder. The link works for 7 days. After that we delete your sign-up.',
  sentExisting: 'Signed up before? Then you get an e-mail with a link to your own page.',
  confirmTitle: 'Confirm your sign-up',
  confirmBody: (practice: string, email: string) => `You are signing up ${practice} for e-mail reminders to ${email}.`,
  confirmButton: 'Yes, send me reminders',
  linkGoneTitle: 'This link does not work (any more)',
  linkGoneBody:
    'The link has expired, was used already, or was not copied in full. Copy the whole link from the e-mail, or ask for a new one.',
  linkExpiredTitle: 'This link has expired',
  signupAgain: 'Sign up again',
  newLinkTitle: 'A new link to your page',
  newLinkIntro:
    'Lost it? Enter the e-mail address you signed up with. We send a link there. Your old link stops working.',
  newLinkButton: 'Send me a new link',
  newLinkSent: (email: string) =>
    `If we know ${email}, you will get an e-mail with a link within a few minutes. The link works for 24 hours.`,
  signInTitle: 'To your page',
  signInBody:
    'This button makes a new link to your page. The old link then stops working. The new one is in every e-mail we send you.',
  signInButton: 'Open my page',
  ownTitle: (practice: string) => `Contract dates of ${practice}`,
  ownIntro: 'This is your own page. Keep the link safe: whoever has it can record things here.',
  recordSummary: 'Done? Record it',
  chainSummary: 'Happened? Record the date',
  recordDate: 'Date',
  recordDateHint: 'Today is filled in. Not later than today.',
  recordNote: 'Note (optional)',
  recordButton: 'Record',
  undoButton: 'Undo',
  recorded: (title: string, date: string) => `Recorded: ${title} on ${date}. The dates that follow are updated.`,
  undone: (title: string) => `Undone: ${title}.`,
  undoneEarlierStands: (title: string, date: string) =>
    `Undone: ${title}. An earlier date you recorded still stands: done on ${date}.`,
  ownFeedTitle: 'Your personal calendar',
  ownFeedIntro: 'This calendar also shows what you recorded. The address is secret: share it only with colleagues.',
  settingsLink: 'Change situation, contact and reminders',
  rotateTitle: 'Replace the calendar address',
  rotateIntro:
    'Has someone got your calendar address who should not have it? Make a new address. The old one stops working; add the calendar again.',
  rotateButton: 'Make a new calendar address',
  rotated: 'Your calendar has a new address. Add the calendar again with one of the buttons below.',
  deleteLink: 'Delete everything',
  settingsTitle: 'Change your details',
  reminderDays: 'How many days ahead do you want an e-mail?',
  remindersOn: 'Send me reminders by e-mail',
  showExpectedOn: "Also show the next contract year's expected dates (not yet published)",
  reminderDaysHint: 'Numbers separated by commas, for example 14, 7, 1. 0 is the day itself.',
  saveButton: 'Save changes',
  saved: 'Your changes are saved.',
  backToPage: 'Back to my page',
  addressLink: 'Change e-mail address',
  addressTitle: 'Change your e-mail address',
  addressNow: (email: string) => `The e-mails now go to ${email}.`,
  addressIntro:
    'Enter the new address. We first send one e-mail to the new address. Only when you click the link in that e-mail do the reminders go there.',
  addressWaiting: (email: string) => `You asked for ${email} before. That address is not confirmed yet.`,
  newAddress: 'New e-mail address',
  addressButton: 'Send a confirmation to the new address',
  addressSentTitle: 'Check the e-mail of the new address',
  addressSentBody: (email: string) =>
    `We are sending an e-mail with a link to ${email}. Click that link to confirm the address. The link works for 24 hours.`,
  addressSentOld: (email: string) => `Until you follow the link, the e-mails keep going to ${email}.`,
  addressSentNoMail: 'No e-mail? Look in the junk folder. We send at most 3 of these e-mails to one address a day.',
  addressConfirmTitle: 'Confirm your new e-mail address',
  addressConfirmBody: (practice: string, email: string) => `From now on the reminders for ${practice} go to ${email}.`,
  addressConfirmButton: 'Yes, use this address',
  addressChanged: (email: string) => `Your e-mail address is changed. The e-mails now go to ${email}.`,
  deleteTitle: 'Delete everything?',
  deleteBody: (practice: string) =>
    `We delete everything about ${practice}: your situation, your contact details, everything you recorded and the e-mails waiting to be sent. Your calendar address and the link to this page stop working. This cannot be undone.`,
  deleteButton: 'Yes, delete everything',
  deletedTitle: 'Everything is deleted',
  deletedBody: 'We keep nothing about you. You get no more e-mails. Remove the calendar from your calendar app too.',
  recordPageTitle: 'Record what you did',
  recordPageIntro: (practice: string) => `For ${practice}. The dates that follow count from the date you enter.`,
  recordedTitle: 'Recorded',
  allDates: 'Every date of your practice',
  alreadyDone: (date: string) => `This is already recorded: done on ${date}.`,
  unsubscribeTitle: 'No more reminders?',
  unsubscribeBody: (email: string, practice: string) =>
    `${email} will then get no more e-mails about the contract dates of ${practice}. Your calendar and your page keep working.`,
  unsubscribeUndo:
    'Want reminders again? Turn them on on your own page, under ‘Change your details’. Do the e-mails come through your practice software? Then ask whoever runs it to add the address again.',
  unsubscribeButton: 'Stop the reminders',
  unsubscribedTitle: 'You are unsubscribed',
  unsubscribedBody: (email: string, practice: string) => `${email} will get no more reminders about ${practice}.`,
  resubscribeButton: 'Receive reminders again',
  resubscribedTitle: 'You will get reminders again',
  resubscribedBody: (email: string, practice: string) => `${email} will get reminders about ${practice} again.`,
  notFoundTitle: 'This page does not exist',
  notFoundBody: 'Check the address, or start at the home page.',
  illFormedTitle: 'We cannot read this text',
  illFormedBody: (field: string) =>
    `The field "${field}" holds characters that are not valid text (not UTF-8). Nothing was saved. Go back, type the text in that field again (rather than pasting it from another program) and send the form once more.`,
  fieldLabel: (field: string) =>
    ({
      email: 'E-mail address',
      name: 'Your name',
      practice: 'Name of your practice or organisation',
      agb: 'AGB code',
      note: 'Note',
      date: 'Date',
      due: 'Date',
      title: 'What needs doing',
      reason: 'Reason',
      insurerOther: 'Other insurer',
      reminderDays: 'Reminder days',
    })[field] ?? field,
  badRequestTitle: 'We cannot read this form',
  badRequestBody: 'Go back, reload the page and fill in the form again. Nothing was saved.',
  errorPageTitle: 'Something went wrong',
  errorPageBody: 'Please try again later. Nothing was saved.',
  tooManyTitle: 'Please wait',
  tooManyBody: 'Too many requests came from this address. Try again in an hour.',
  csrfTitle: 'The form has expired',
  csrfBody: 'Go back, reload the page and try again. Nothing was saved.',
  home: 'To the home page',
  footer: 'Dates from the insurers’ purchasing policies. When in doubt, always check the document itself.',
};
