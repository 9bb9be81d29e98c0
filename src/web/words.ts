import { DateTime } from 'luxon';
import type { RecordFromKind } from '../domain/recording.js';
import { GROUP_WORDS } from '../domain/groups.js';
import { STATUS_WORDS } from '../domain/status-words.js';
import type { Language } from '../domain/language.js';
import type { IsoDate, ItemStatus, ProviderKind } from '../domain/types.js';

/** The page copy, Dutch first (B1: short sentences, who acts named), English as a switch. */

/** `vrijdag 30 oktober 2026` / `Friday 30 October 2026`: dates written out. */
export function writtenDate(iso: IsoDate, language: Language, withYear = true): string {
  return DateTime.fromISO(iso, { zone: 'utc' })
    .setLocale(language === 'nl' ? 'nl' : 'en-GB')
    .toFormat(withYear ? 'cccc d MMMM yyyy' : 'cccc d MMMM');
}

/** Why a step cannot be recorded before a date, in her words (src/domain/recording.ts gives the kind). */
const FROM_NL: Record<RecordFromKind, string> = {
  calendar: 'eerder accepteert de verzekeraar deze stap niet',
  publication: 'toen publiceerde de verzekeraar deze afspraken pas',
  window: 'dan gaat de termijn voor deze stap open',
  recorded: 'toen is de stap gedaan waar deze op volgt',
};
const FROM_EN: Record<RecordFromKind, string> = {
  calendar: 'the insurer accepts no earlier date for this step',
  publication: 'the insurer published these terms only then',
  window: "that is when this step's window opens",
  recorded: 'the step this one follows was done then',
};

const KINDS: Record<Language, Record<ProviderKind, string>> = {
  nl: {
    verloskunde: 'Verloskunde',
    echoscopie: 'Echoscopie',
    kraamzorg: 'Kraamzorg',
    geboortecentrum: 'Geboortecentrum',
    'integrale-geboortezorg': 'Integrale geboortezorg (IGO)',
    samenwerkingsverband: 'Samenwerkingsverband',
    vsv: 'VSV',
  },
  en: {
    verloskunde: 'Midwifery',
    echoscopie: 'Ultrasound',
    kraamzorg: 'Maternity care (kraamzorg)',
    geboortecentrum: 'Birth centre',
    'integrale-geboortezorg': 'Integrated birth care (IGO)',
    samenwerkingsverband: 'Partnership',
    vsv: 'VSV (obstetric partnership)',
  },
};

export function kindLabel(kind: ProviderKind, language: Language): string {
  return KINDS[language][kind];
}

const NL = {
  service: 'Contractdeadlines geboortezorg',
  switchTo: { code: 'en', label: 'English' },
  skip: 'Naar de inhoud',
  homeTitle: 'Alle contractdata van uw zorgverzekeraars op één plek',
  homeIntro1:
    'Zorgverzekeraars geven in hun zorginkoopbeleid data waarop u iets moet doen: een vragenlijst indienen, een aanvraag sturen, een overeenkomst tekenen.',
  homeIntro2:
    'Hier ziet u welke data voor uw praktijk gelden. U zet ze in uw agenda, en als u wilt krijgt u een e-mail voordat een datum verloopt.',
  calendarsTitle: 'Deze beleidsdocumenten staan erin',
  calendarColumns: {
    insurer: 'Zorgverzekeraar',
    year: 'Contractjaar',
    document: 'Document',
    checked: 'Data gecontroleerd',
  },
  notChecked: 'nog niet vermeld',
  formTitle: 'Mijn situatie',
  kindsLegend: 'Welke zorg geeft u?',
  kindsHint: 'Kies alles wat past.',
  contractLegend: (insurer: string, year: number) => `${insurer}: contract voor ${year}`,
  statusShort: { existing: 'bestaand', new: 'nieuw' },
  // What her dates with one insurer and year rest on (issue 20 §1): its encoded document, or the law and herself.
  datesRestOn: (version: number | null, expectedFrom?: number) =>
    version !== null
      ? `datums uit het document (versie ${version})`
      : expectedFrom !== undefined
        ? `nog geen document: verwacht op basis van het beleid ${expectedFrom}, wettelijke data en uw eigen data`
        : 'nog geen document: wettelijke data en uw eigen data',
  contractOptions: {
    existing: 'Ik heb nu een contract (bestaand)',
    new: 'Ik wil een contract (nieuw)',
    none: 'Geen van beide',
  },
  attributeLabel: (description: string) => description,
  attributeAny: 'Weet ik niet / niet van toepassing',
  onlyFor: (kinds: string[]) =>
    `alleen voor ${kinds.map((kind) => kind.charAt(0).toLowerCase() + kind.slice(1)).join(' en ')}`,
  showDates: 'Toon mijn data',
  errorTitle: 'Er is een probleem',
  problems: {
    'no-kind': 'Kies welke zorg u geeft.',
    'no-contract': 'Kies bij minstens één zorgverzekeraar of u een contract heeft of wilt.',
    'bad-value': 'Deze keuze bestaat niet. Kies opnieuw.',
    'unknown-insurer':
      'Deze zorgverzekeraar of dit contractjaar kennen wij niet. Kies een zorgverzekeraar uit de lijst.',
  },
  situationTitle: 'Uw data',
  situationFor: (kinds: string, insurers: string) => `Voor ${kinds}, bij ${insurers}.`,
  changeSituation: 'Situatie wijzigen',
  nextTitle: 'Dit moet u als eerste doen',
  nothingNext: 'U hoeft op dit moment niets te doen.',
  notContracted: (insurer: string, year: number, kinds: string) =>
    `${insurer} contracteert in ${year} geen ${kinds}: het zorginkoopbeleid noemt die zorg niet. Daarom staan hier geen data van ${insurer} voor ${kinds}.`,
  nothingContracted:
    'Voor de zorg die u koos heeft u hier geen data: deze zorgverzekeraar contracteert die zorg niet (zie hierboven).',
  nowTitle: GROUP_WORDS.now.nl,
  comingTitle: GROUP_WORDS.next.nl,
  passedTitle: (n: number) => `${GROUP_WORDS.history.nl} (${n})`,
  expectedTitle: GROUP_WORDS.expected.nl,
  expectedHint:
    'Deze data volgen uit het beleid van vorig jaar (zelfde dag en maand). De verzekeraar heeft ze nog niet gepubliceerd; u krijgt er geen herinneringen voor.',
  who: { provider: 'U doet dit', insurer: (insurer: string) => `${insurer} doet dit`, info: 'Ter informatie' },
  daysLeft: (days: number) =>
    days === 0 ? 'vandaag' : days === 1 ? 'morgen' : days < 0 ? `${-days} dagen geleden` : `nog ${days} dagen`,
  window: (from: string, to: string) => `${from} tot en met ${to}`,
  /** A window not yet open counts to its start, an open one to its end: the words say which. */
  opensIn: (days: number) => (days === 1 ? 'opent morgen' : `opent over ${days} dagen`),
  openFor: (days: number) =>
    days === 0 ? 'vandaag nog open' : days === 1 ? 'nog tot en met morgen open' : `nog ${days} dagen open`,
  at: (time: string) => `om ${time} uur`,
  waiting: 'Nog geen datum: die volgt zodra u de stap ervoor vastlegt.',
  status: (status: ItemStatus) => STATUS_WORDS[status].nl,
  notStarted: 'Nog geen datum: het kan gebeuren, maar hoeft niet. Leg het vast als het gebeurt.',
  adviceNote: 'Advies van deze dienst, geen datum van de zorgverzekeraar.',
  done: (date: string) => `Gedaan op ${date}`,
  doneBy: (via: 'api' | 'web' | null, contact: string | null) =>
    via === 'web'
      ? `vastgelegd op de website${contact ? ` door ${contact}` : ''}`
      : via === 'api'
        ? 'vastgelegd door de software van de praktijk'
        : null,
  source: 'Bron',
  section: 'paragraaf',
  derivation: 'Zo is deze datum berekend',
  subscribeTitle: 'Zet deze data in uw agenda',
  subscribeIntro: 'Kies uw agenda. De data blijven daarna vanzelf bijgewerkt.',
  google: 'Google Agenda',
  outlookWeb: 'Outlook op internet (Outlook.com, Microsoft 365)',
  outlookDesktop: 'Outlook op uw computer',
  apple: 'Apple Agenda (iPhone, iPad, Mac)',
  copyTitle: 'Of kopieer dit adres in een andere agenda-app:',
  copyLabel: 'Adres van de agenda',
  copyButton: 'Kopieer het adres',
  copied: 'Het adres is gekopieerd. Plak het in uw agenda-app.',
  phone: {
    title: 'Toevoegen op uw telefoon',
    intro: 'Kopieer eerst het adres hierboven. Daarna per app:',
    apple: {
      name: 'Apple Agenda op de iPhone',
      steps: [
        'Tik hierboven op ‘Apple Agenda’ en dan op ‘Abonneer’. Werkt dat niet, dan:',
        'Open Instellingen › Agenda › Accounts › Voeg account toe › Andere.',
        'Tik op ‘Voeg agenda-abonnement toe’, plak het adres en tik op ‘Volgende’ en ‘Bewaar’.',
      ],
    },
    google: {
      name: 'Google Agenda',
      cannot:
        'De Google Agenda-app op uw telefoon kan zich niet op een agenda abonneren. Voeg de agenda één keer toe op de website van Google; daarna staat hij ook in de app.',
      open: 'Open in een browser (op uw computer, of op uw telefoon met ‘Desktopsite’ aan):',
      steps: [
        'Klik links naast ‘Andere agenda’s’ op + en kies ‘Via URL’.',
        'Plak het adres en klik op ‘Agenda toevoegen’.',
        'In de app op uw telefoon: Instellingen › kies de nieuwe agenda › zet ‘Synchroniseren’ aan.',
      ],
    },
    outlook: {
      name: 'Outlook-app (iPhone en Android)',
      steps: [
        'Open de agenda in de Outlook-app en tik op het pictogram ‘Agenda toevoegen’.',
        'Kies ‘Abonneren op een agenda op internet’ (of ‘Agenda van internet’), plak het adres en tik op ‘Toevoegen’.',
        'Gebruikt u Outlook op internet? Met de knop ‘Outlook op internet’ hierboven staat de agenda daarna ook in de app.',
      ],
    },
  },
  refresh:
    'Agenda-apps halen wijzigingen zelf op: Google en Outlook één keer per paar uur tot één keer per dag. Een wijziging staat er dus niet meteen in.',
  alarms:
    'Meldingen (alarmen) in een geabonneerde agenda werken vaak niet: Google en Outlook slaan ze over. Wilt u op tijd gewaarschuwd worden? Vraag dan hieronder herinneringen per e-mail aan.',
  alarmsOwn:
    'Meldingen (alarmen) in een geabonneerde agenda werken vaak niet: Google en Outlook slaan ze over. Daarom sturen we u een e-mail voordat een datum verloopt.',
  alarmsOwnOff:
    'Meldingen (alarmen) in een geabonneerde agenda werken vaak niet: Google en Outlook slaan ze over. U krijgt nu geen herinneringen per e-mail; wilt u die weer, zet ze dan aan via ‘Situatie, contact en herinneringen wijzigen’.',
  alarmsFeed:
    'Meldingen (alarmen) in een geabonneerde agenda werken vaak niet: Google en Outlook slaan ze over. Vertrouw dus niet op een melding in uw agenda.',
  signupTitle: 'Herinneringen per e-mail',
  signupIntro:
    'U krijgt een e-mail 14, 7 en 1 dag voor elke datum waarop u iets moet doen. U kunt dan ook vastleggen wat u gedaan heeft: de volgende data rekenen daarmee verder.',
  email: 'E-mailadres',
  emailHint: 'Hier sturen we eerst één e-mail om uw adres te bevestigen.',
  yourName: 'Uw naam',
  practice: 'Naam van uw praktijk of organisatie',
  agb: 'AGB-code (niet verplicht)',
  agbHint: '8 cijfers, bijvoorbeeld 01234567.',
  language: 'Taal van de e-mails',
  languages: { nl: 'Nederlands', en: 'Engels' },
  signupButton: 'Herinneringen aanvragen',
  fieldProblems: {
    email: 'Vul een e-mailadres in zoals naam@praktijk.nl.',
    name: 'Vul uw naam in (zonder < > of ").',
    practice: 'Vul de naam van uw praktijk in.',
    agb: 'Een AGB-code heeft 8 cijfers. Laat het veld leeg als u hem niet weet.',
    language: 'Kies Nederlands of Engels.',
    date: 'Vul een datum in, niet later dan vandaag.',
    dateFrom: (from: string, kind: RecordFromKind, future: boolean) =>
      future
        ? `Deze stap kan pas vanaf ${from} gedaan zijn: ${FROM_NL[kind]}. Leg hem vast als het zover is.`
        : `Vul een datum in vanaf ${from} tot en met vandaag: ${FROM_NL[kind]}.`,
    note: 'Een notitie is hooguit 500 tekens, op één regel.',
    item: 'Deze stap staat niet (meer) in uw overzicht.',
    reminderDays: 'Vul dagen in als getallen van 0 tot 365, gescheiden door komma’s, bijvoorbeeld 14, 7, 1.',
    sameAddress: 'Dit is al uw e-mailadres. Vul een ander adres in.',
  },
  sentTitle: 'Kijk in uw e-mail',
  sentBody: (email: string) =>
    `Als ${email} nog geen herinneringen krijgt, sturen we er nu één e-mail naartoe met een link. Klik op die link om uw aanmelding te bevestigen. Pas daarna sturen we herinneringen.`,
  sentNoMail:
    'Geen e-mail gekregen? Kijk in uw map met ongewenste e-mail. De link werkt 7 dagen. Daarna verwijderen we uw aanmelding.',
  sentExisting: 'Heeft u zich al eerder aangemeld? Dan krijgt u een e-mail met een link naar uw eigen pagina.',
  confirmTitle: 'Aanmelding bevestigen',
  confirmBody: (practice: string, email: string) =>
    `U meldt ${practice} aan voor herinneringen per e-mail naar ${email}.`,
  confirmButton: 'Ja, stuur mij herinneringen',
  linkGoneTitle: 'Deze link werkt niet (meer)',
  linkGoneBody:
    'De link is verlopen, al gebruikt of niet helemaal overgenomen. Kopieer de link uit de e-mail in zijn geheel, of vraag een nieuwe aan.',
  linkExpiredTitle: 'Deze link is verlopen',
  signupAgain: 'Opnieuw aanmelden',
  newLinkTitle: 'Nieuwe link naar uw pagina',
  newLinkIntro:
    'Kwijt? Vul het e-mailadres in waarmee u zich heeft aangemeld. We sturen daar een link naartoe. Uw oude link werkt daarna niet meer.',
  newLinkButton: 'Stuur mij een nieuwe link',
  newLinkSent: (email: string) =>
    `Als ${email} bij ons bekend is, krijgt u binnen een paar minuten een e-mail met een link. De link werkt 24 uur.`,
  signInTitle: 'Naar uw pagina',
  signInBody:
    'Met deze knop maakt u een nieuwe link naar uw pagina. De oude link werkt dan niet meer. De nieuwe staat in elke e-mail die we u sturen.',
  signInButton: 'Open mijn pagina',
  ownTitle: (practice: string) => `Contractdata van ${practice}`,
  ownIntro: 'Dit is uw eigen pagina. Bewaar de link goed: wie hem heeft, kan hier dingen vastleggen.',
  recordSummary: 'Gedaan? Leg het vast',
  chainSummary: 'Gebeurd? Leg de datum vast',
  recordDate: 'Datum',
  recordDateHint: 'Vandaag is al ingevuld. Niet later dan vandaag.',
  recordNote: 'Notitie (niet verplicht)',
  recordButton: 'Vastleggen',
  undoButton: 'Ongedaan maken',
  recorded: (title: string, date: string) =>
    `Vastgelegd: ${title} op ${date}. De data die daarop volgen zijn bijgewerkt.`,
  undone: (title: string) => `Ongedaan gemaakt: ${title}.`,
  undoneEarlierStands: (title: string, date: string) =>
    `Ongedaan gemaakt: ${title}. Een eerdere datum die u vastlegde staat nog: gedaan op ${date}.`,
  ownFeedTitle: 'Uw persoonlijke agenda',
  ownFeedIntro: 'Deze agenda toont ook wat u heeft vastgelegd. Het adres is geheim: deel het alleen met collega’s.',
  settingsLink: 'Situatie, contact en herinneringen wijzigen',
  rotateTitle: 'Agenda-adres vervangen',
  rotateIntro:
    'Is het adres van uw agenda bij iemand terechtgekomen die het niet mag hebben? Maak een nieuw adres. Het oude werkt dan niet meer; u moet de agenda opnieuw toevoegen.',
  rotateButton: 'Nieuw agenda-adres maken',
  rotated: 'Uw agenda heeft een nieuw adres. Voeg de agenda opnieuw toe met een van de knoppen hieronder.',
  deleteLink: 'Alles verwijderen',
  settingsTitle: 'Gegevens wijzigen',
  reminderDays: 'Hoeveel dagen van tevoren wilt u een e-mail?',
  remindersOn: 'Stuur mij herinneringen per e-mail',
  showExpectedOn: 'Toon ook de verwachte data van het volgende contractjaar (nog niet gepubliceerd)',
  reminderDaysHint: 'Getallen gescheiden door komma’s, bijvoorbeeld 14, 7, 1. 0 is op de dag zelf.',
  saveButton: 'Wijzigingen opslaan',
  saved: 'Uw wijzigingen zijn opgeslagen.',
  backToPage: 'Terug naar mijn pagina',
  addressLink: 'E-mailadres wijzigen',
  addressTitle: 'E-mailadres wijzigen',
  addressNow: (email: string) => `De e-mails gaan nu naar ${email}.`,
  addressIntro:
    'Vul het nieuwe adres in. We sturen eerst één e-mail naar het nieuwe adres. Pas als u op de link in die e-mail klikt, gaan de herinneringen daarheen.',
  addressWaiting: (email: string) => `U vroeg eerder om ${email}. Dat adres is nog niet bevestigd.`,
  newAddress: 'Nieuw e-mailadres',
  addressButton: 'Stuur een bevestiging naar het nieuwe adres',
  addressSentTitle: 'Kijk in de e-mail van het nieuwe adres',
  addressSentBody: (email: string) =>
    `We sturen een e-mail met een link naar ${email}. Klik op die link om het adres te bevestigen. De link werkt 24 uur.`,
  addressSentOld: (email: string) => `Tot u de link volgt, blijven de e-mails naar ${email} gaan.`,
  addressSentNoMail:
    'Geen e-mail gekregen? Kijk in de map met ongewenste e-mail. Naar één adres sturen we hooguit 3 van deze e-mails per dag.',
  addressConfirmTitle: 'Nieuw e-mailadres bevestigen',
  addressConfirmBody: (practice: string, email: string) =>
    `Vanaf nu gaan de herinneringen voor ${practice} naar ${email}.`,
  addressConfirmButton: 'Ja, gebruik dit adres',
  addressChanged: (email: string) => `Uw e-mailadres is gewijzigd. De e-mails gaan nu naar ${email}.`,
  deleteTitle: 'Alles verwijderen?',
  deleteBody: (practice: string) =>
    `We verwijderen alles over ${practice}: uw situatie, uw contactgegevens, alles wat u heeft vastgelegd en de e-mails die nog klaarstaan. Uw agenda-adres en de link naar deze pagina werken daarna niet meer. Dit kunt u niet ongedaan maken.`,
  deleteButton: 'Ja, verwijder alles',
  deletedTitle: 'Alles is verwijderd',
  deletedBody:
    'We hebben niets meer over u bewaard. U krijgt geen e-mails meer. Haal de agenda ook weg uit uw agenda-app.',
  recordPageTitle: 'Leg vast wat u gedaan heeft',
  recordPageIntro: (practice: string) =>
    `Voor ${practice}. De data die hierop volgen, rekenen vanaf de datum die u invult.`,
  recordedTitle: 'Vastgelegd',
  allDates: 'Alle data van uw praktijk',
  alreadyDone: (date: string) => `Dit is al vastgelegd: gedaan op ${date}.`,
  unsubscribeTitle: 'Geen herinneringen meer?',
  unsubscribeBody: (email: string, practice: string) =>
    `${email} krijgt dan geen e-mails meer over de contractdata van ${practice}. Uw agenda en uw pagina blijven werken.`,
  unsubscribeUndo:
    'Toch weer herinneringen? Zet ze aan op uw eigen pagina, onder ‘Gegevens wijzigen’. Komen de e-mails via uw praktijksoftware? Vraag dan de beheerder om het adres opnieuw toe te voegen.',
  unsubscribeButton: 'Stop de herinneringen',
  unsubscribedTitle: 'U bent afgemeld',
  unsubscribedBody: (email: string, practice: string) => `${email} krijgt geen herinneringen meer over ${practice}.`,
  resubscribeButton: 'Toch weer herinneringen ontvangen',
  resubscribedTitle: 'U krijgt weer herinneringen',
  resubscribedBody: (email: string, practice: string) => `${email} krijgt weer herinneringen over ${practice}.`,
  notFoundTitle: 'Deze pagina bestaat niet',
  notFoundBody: 'Controleer het adres, of begin op de startpagina.',
  illFormedTitle: 'Deze tekst kunnen we niet lezen',
  illFormedBody: (field: string) =>
    `In het veld "${field}" staan tekens die geen geldige tekst zijn (geen UTF-8). Er is niets opgeslagen. Ga terug, typ de tekst in dat veld opnieuw (niet geplakt uit een ander programma) en verstuur het formulier nog eens.`,
  fieldLabel: (field: string) =>
    ({
      email: 'E-mailadres',
      name: 'Uw naam',
      practice: 'Naam van uw praktijk of organisatie',
      agb: 'AGB-code',
      note: 'Notitie',
      date: 'Datum',
      due: 'Datum',
      title: 'Wat moet er gebeuren',
      reason: 'Reden',
      insurerOther: 'Andere verzekeraar',
      reminderDays: 'Herinneringsdagen',
    })[field] ?? field,
  badRequestTitle: 'Dit formulier kunnen we niet lezen',
  badRequestBody: 'Ga terug, laad de pagina opnieuw en vul het formulier nog eens in. Er is niets opgeslagen.',
  errorPageTitle: 'Er ging iets mis',
  errorPageBody: 'Probeer het later nog eens. Er is niets opgeslagen.',
  tooManyTitle: 'Even geduld',
  tooManyBody: 'Er zijn te veel aanvragen gedaan vanaf dit adres. Probeer het over een uur opnieuw.',
  csrfTitle: 'Het formulier is verlopen',
  csrfBody: 'Ga terug, laad de pagina opnieuw en probeer het nog eens. Er is niets opgeslagen.',
  home: 'Naar de startpagina',
  footer: 'Data uit het zorginkoopbeleid van de zorgverzekeraars. Controleer bij twijfel altijd het document zelf.',
};

type Words = typeof NL;

const EN: Words = {
  ...NL,
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

export function wordsFor(language: Language): Words {
  return language === 'en' ? EN : NL;
}
export type { Words };
